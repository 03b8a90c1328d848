// Disclosure control for the compliance report and the kommuneanalyse: what
// may be published, decided so that no count from 1 to t-1 (t = the
// minimum count, 5 by default) can be worked out from everything the
// reports publish, whatever groupings and periods a reader asks for and
// however they combine them. docs/audit.md states the guarantee and its
// limits; this header is the contract.
//
// The design needs no solver: every published count is a sum of ROUNDED
// CELLS, never of true counts.
//   - A cell is the finest table a report can be cut from: the visits that
//     share service, unit, routine, routine version, step, level and Oslo
//     month (CellKey). Every group of every grouping over every period of
//     whole months is a set of cells (a Sjumilssteget group is the cells of
//     the steps with that tag, so overlapping groups are sets too).
//   - Each cell's count x of each figure is rounded once, to a multiple of
//     t: r = t*floor(x/t), plus t when (x mod t) > u, where u in 0..t-1 is
//     the cell's threshold, drawn from SipHash-2-4 of the cell id keyed by
//     SHA-256(secret). Rounding up happens with probability (x mod t)/t
//     over u, so sums are unbiased.
//     The secret is the tenant's (report_keys, store/audit/report_release.h)
//     and never leaves the database; the same cell always rounds the same way,
//     so asking again teaches nothing.
//   - A published figure is the sum of its cells' rounded values; a group
//     is listed only when one of its published figures is not 0. So
//     everything a reader ever sees is a function of the rounded cells.
//
// Why that holds: given the rounded cells, a reader's knowledge of the true
// cells is a box, one interval per cell, independent of each other
// (ConsistentWithKey, ConsistentWithoutKey). A sum over cells can then take
// every value between the sums of the intervals' ends; the publication of
// other sums over the same cells cannot narrow it further, because they are
// functions of the same rounded values. Any count from 1 to t-1 therefore
// keeps, for a reader without the secret, every value of [0, t-1] (when
// its cells round to 0) or a range that reaches t (when one rounds up); for
// a reader who somehow has the secret, at least two values.
//
// The audit (AuditPasses) checks the consequence for every figure before it is
// published: a figure whose consistent interval is a single value from 1 to
// t-1, or that excludes both 0 and t, is withheld (null). By the argument
// above that never happens; the property test shows it with an independent
// brute force (test_disclosure_checker.h). Percentiles (true hours in
// step) and changes between two moments are outside this argument; see
// docs/audit.md, "Limits".
//
// Thread-safety: pure functions and plain values.
#ifndef STAFETT_STORE_AUDIT_DISCLOSURE_H_
#define STAFETT_STORE_AUDIT_DISCLOSURE_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/audit/report_math.h"

namespace stafett::store {

// The dimensions of one cell. level and service are functions of the step
// in a routine version, but they are kept: a cell never spans two groups.
struct CellKey {
  std::string service;
  std::string unit;
  std::string routine_id;
  std::string step;
  int level = 0;
  int routine_version = 0;
  YearMonth month;
};

// A canonical text of the key, the input of the rounding's hash.
std::string CellId(const CellKey& k);

struct Cell {
  CellKey key;
  std::vector<int> tags;  // the step's Sjumilssteget tags, ascending
  std::array<std::int64_t, kFigureCount> n{};  // true counts
};

// The group keys a cell counts in under `dims`, one value per dimension in
// their order: one key, or one per tag when kSjumilssteget is a dimension
// and the step is tagged (untagged steps: the key has "" there).
std::vector<std::vector<std::string>> GroupKeysOf(
    const std::vector<ReportDim>& dims, const CellKey& k,
    const std::vector<int>& tags);

// The cell's thresholds u (0..t-1), one per figure, from the secret.
// t = 1 gives zeros.
std::array<int, kFigureCount> CellThresholds(std::string_view secret,
                                             const std::string& cell_id, int t);

// SipHash-2-4 of `in` under a 16-byte key (the thresholds' PRF), exposed
// for its published test vector.
std::uint64_t SipHash24ForTest(std::string_view key16, std::string_view in);

// x rounded to a multiple of t by threshold u (see above). t = 1: x.
std::int64_t RoundCount(std::int64_t x, int u, int t);

struct Range {
  std::int64_t lo = 0;
  std::int64_t hi = 0;
};

// The true values x >= 0 with RoundCount(x, u, t) == r.
Range ConsistentWithKey(std::int64_t r, int u, int t);
// The same for a reader who does not know u: the union over u in 0..t-1.
Range ConsistentWithoutKey(std::int64_t r, int t);

// What a reader can work out about one published figure (a sum of cells):
// the sums of its cells' intervals.
struct FigureAudit {
  Range with_key;
  Range without_key;
};
// True when the figure may be published (see the header comment): its
// interval for a reader with the secret is not a single value in 1..t-1,
// and its interval without the secret contains 0 or reaches t. Depends on
// the rounded values only, never on the true count.
bool AuditPasses(const FigureAudit& a, int t);

// The protected report: `cells` (the period's, true) rounded with the
// tenant's `secret`, summed into the groups of `dims` and the total, each
// figure audited; `groups` are the true groups (for the percentiles only,
// matched by key). min_count t >= 1; t = 1 publishes true counts.
ProtectedTable Protect(const std::vector<ReportDim>& dims,
                       const std::vector<RawGroup>& groups,
                       const GroupCounts& total, const std::vector<Cell>& cells,
                       std::string_view secret, int min_count);

}  // namespace stafett::store

#endif  // STAFETT_STORE_AUDIT_DISCLOSURE_H_
