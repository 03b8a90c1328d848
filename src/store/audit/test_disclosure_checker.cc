#include "store/audit/test_disclosure_checker.h"

#include <algorithm>
#include <map>

namespace stafett::store::testing {

namespace {

// Sets of sums as bit masks: n_cells * max_value must stay below kMaxSum.
constexpr int kMaxSum = 128;
using Sums = unsigned __int128;

// The values of one cell that publish the same contribution.
struct Class {
  std::int64_t published = 0;
  std::vector<int> values;  // the true values
};

struct Search {
  int n = 0;
  std::vector<std::vector<Class>> classes;  // per cell
  const std::vector<PublishedSum>* published = nullptr;
  std::vector<std::vector<int>> closes_at;  // per cell: sums whose last
                                            // cell it is
  std::vector<std::vector<int>> member_of;  // per cell: sums it is in
  const std::vector<std::vector<int>>* targets = nullptr;
  std::vector<int> choice;
  std::vector<std::int64_t> partial;  // per published sum
  std::vector<Sums> result;           // per target

  void Leaf() {
    for (std::size_t t = 0; t < targets->size(); ++t) {
      Sums acc = 1;
      for (int c : (*targets)[t]) {
        const auto& vals = classes[static_cast<std::size_t>(
            c)][static_cast<std::size_t>(choice[static_cast<std::size_t>(c)])]
                               .values;
        Sums next = 0;
        for (int v : vals) next |= acc << v;
        acc = next;
      }
      result[t] |= acc;
    }
  }

  void Visit(int cell) {
    if (cell == n) {
      Leaf();
      return;
    }
    const auto& mine = classes[static_cast<std::size_t>(cell)];
    for (std::size_t k = 0; k < mine.size(); ++k) {
      const std::int64_t add = mine[k].published;
      bool ok = true;
      for (int s : member_of[static_cast<std::size_t>(cell)]) {
        partial[static_cast<std::size_t>(s)] += add;
        // Contributions are never negative, so an overshoot is final.
        if (partial[static_cast<std::size_t>(s)] >
            (*published)[static_cast<std::size_t>(s)].value) {
          ok = false;
        }
      }
      if (ok) {
        for (int s : closes_at[static_cast<std::size_t>(cell)]) {
          if (partial[static_cast<std::size_t>(s)] !=
              (*published)[static_cast<std::size_t>(s)].value) {
            ok = false;
            break;
          }
        }
      }
      if (ok) {
        choice[static_cast<std::size_t>(cell)] = static_cast<int>(k);
        Visit(cell + 1);
      }
      for (int s : member_of[static_cast<std::size_t>(cell)]) {
        partial[static_cast<std::size_t>(s)] -= add;
      }
    }
  }
};

}  // namespace

std::vector<std::set<std::int64_t>> PossibleValues(
    int n_cells, int max_value, const CellPublication& publish,
    const std::vector<PublishedSum>& published,
    const std::vector<std::vector<int>>& targets) {
  Search s;
  s.n = n_cells;
  s.published = &published;
  s.targets = &targets;
  s.classes.resize(static_cast<std::size_t>(n_cells));
  for (int c = 0; c < n_cells; ++c) {
    std::map<std::int64_t, std::vector<int>> by_published;
    for (int v = 0; v <= max_value; ++v)
      by_published[publish(c, v)].push_back(v);
    for (auto& [p, vals] : by_published) {
      s.classes[static_cast<std::size_t>(c)].push_back({p, vals});
    }
  }
  s.closes_at.resize(static_cast<std::size_t>(n_cells));
  s.member_of.resize(static_cast<std::size_t>(n_cells));
  if (n_cells * max_value >= kMaxSum)
    return std::vector<std::set<std::int64_t>>(targets.size());
  for (const auto& p : published) {
    // A figure of no cells can only publish 0.
    if (p.cells.empty() && p.value != 0)
      return std::vector<std::set<std::int64_t>>(targets.size());
  }
  for (std::size_t i = 0; i < published.size(); ++i) {
    const auto& cells = published[i].cells;
    int last = -1;
    for (int c : cells) {
      s.member_of[static_cast<std::size_t>(c)].push_back(static_cast<int>(i));
      last = std::max(last, c);
    }
    if (last >= 0) {
      s.closes_at[static_cast<std::size_t>(last)].push_back(
          static_cast<int>(i));
    }
  }
  s.choice.assign(static_cast<std::size_t>(n_cells), 0);
  s.partial.assign(published.size(), 0);
  s.result.assign(targets.size(), Sums{0});
  s.Visit(0);

  std::vector<std::set<std::int64_t>> out(targets.size());
  for (std::size_t t = 0; t < targets.size(); ++t) {
    for (int v = 0; v < kMaxSum; ++v) {
      if ((s.result[t] >> v) & 1) out[t].insert(v);
    }
  }
  return out;
}

}  // namespace stafett::store::testing
