// An independent brute-force check of the disclosure control: given what a
// reader has been shown, every table of true cells (each 0..max_value)
// that would have published exactly that, and the values each quantity of
// interest takes over all of them.
//
// The checker knows nothing of the design's argument. It is given, per
// cell, the publication function as the production code computes it
// (value -> published contribution, here RoundCount with the cell's real
// thresholds: a reader who knows the secret, the worst case), and the
// published figures as sets of cells with their published value. It
// enumerates every table, grouped into classes of tables that publish the
// same per-cell values (so 13^6 tables cost at most 4^6 visits), keeps the
// classes whose sums match every published figure, and collects for each
// target every sum its cells can take within those classes.
//
// Thread-safety: plain functions.
#ifndef STAFETT_STORE_AUDIT_TEST_DISCLOSURE_CHECKER_H_
#define STAFETT_STORE_AUDIT_TEST_DISCLOSURE_CHECKER_H_

#include <cstdint>
#include <functional>
#include <set>
#include <vector>

namespace stafett::store::testing {

struct PublishedSum {
  std::vector<int> cells;  // indexes into the table
  std::int64_t value = 0;  // as published
};

// publish(cell, v): what cell `cell` with true value v adds to every
// published figure it is part of.
using CellPublication = std::function<std::int64_t(int cell, std::int64_t v)>;

// For each target (a set of cells), every value it takes over all tables
// (cells 0..max_value, n_cells of them) consistent with `published`.
// Empty sets mean no table is consistent: the publication is not what the
// checker was told it is.
std::vector<std::set<std::int64_t>> PossibleValues(
    int n_cells, int max_value, const CellPublication& publish,
    const std::vector<PublishedSum>& published,
    const std::vector<std::vector<int>>& targets);

}  // namespace stafett::store::testing

#endif  // STAFETT_STORE_AUDIT_TEST_DISCLOSURE_CHECKER_H_
