// The disclosure control (store/audit/disclosure.h): the rounding rule, the
// audit rule, Protect's tables, and the property that matters, checked by an
// independent brute force (test_disclosure_checker.h) over random small
// tenants asked random groupings and periods in random order.
#include "store/audit/disclosure.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "store/audit/test_disclosure_checker.h"

namespace stafett::store {
namespace {

using testing::PossibleValues;
using testing::PublishedSum;

constexpr int kT = 5;

TEST(RoundCountTest, MultiplesOfTUpWhenTheRemainderPassesTheThreshold) {
  // x, u, want
  const int table[][3] = {{0, 0, 0},   {0, 4, 0},   {1, 0, 5},  {1, 1, 0},
                          {4, 3, 5},   {4, 4, 0},   {5, 0, 5},  {5, 4, 5},
                          {7, 1, 10},  {7, 2, 5},   {9, 4, 5},  {10, 0, 10},
                          {12, 1, 15}, {12, 2, 10}, {14, 3, 15}};
  for (const auto& row : table) {
    EXPECT_EQ(RoundCount(row[0], row[1], kT), row[2])
        << "x=" << row[0] << " u=" << row[1];
  }
  EXPECT_EQ(RoundCount(3, 0, 1), 3);  // t = 1 publishes true counts
}

TEST(RoundCountTest, ConsistentRangesAreExactlyThePreimages) {
  for (int u = 0; u < kT; ++u) {
    std::map<std::int64_t, std::vector<std::int64_t>> pre;
    for (std::int64_t x = 0; x < 40; ++x)
      pre[RoundCount(x, u, kT)].push_back(x);
    for (const auto& [r, xs] : pre) {
      if (r > 30) continue;  // the last preimage is cut by the loop
      const Range k = ConsistentWithKey(r, u, kT);
      EXPECT_EQ(k.lo, xs.front()) << "r=" << r << " u=" << u;
      EXPECT_EQ(k.hi, xs.back()) << "r=" << r << " u=" << u;
      EXPECT_EQ(static_cast<std::int64_t>(xs.size()), k.hi - k.lo + 1);
      const Range w = ConsistentWithoutKey(r, kT);
      EXPECT_LE(w.lo, k.lo);
      EXPECT_GE(w.hi, k.hi);
    }
  }
  // Without the key: 0 is anything from 0 to 4, 5 anything from 1 to 9.
  EXPECT_EQ(ConsistentWithoutKey(0, kT).hi, 4);
  EXPECT_EQ(ConsistentWithoutKey(5, kT).lo, 1);
  EXPECT_EQ(ConsistentWithoutKey(5, kT).hi, 9);
}

TEST(RoundCountTest, SipHashMatchesThePublishedTestVector) {
  // Aumasson and Bernstein, SipHash, appendix A: key 00..0f, message 00..0e.
  std::string key, msg;
  for (int i = 0; i < 16; ++i) key += static_cast<char>(i);
  for (int i = 0; i < 15; ++i) msg += static_cast<char>(i);
  EXPECT_EQ(SipHash24ForTest(key, msg), 0xa129ca6149be45e5ULL);
}

TEST(RoundCountTest, ThresholdsAreStableSecretDependentAndUnbiased) {
  const std::string id = CellId(
      {"skole", "barnehage", "bti", "samtale", 1, 3, YearMonth{2026, 2}});
  EXPECT_EQ(CellThresholds("s1", id, kT), CellThresholds("s1", id, kT));
  // Over many cells each threshold value is about equally common, so a
  // remainder r rounds up for about r/t of the cells.
  std::array<int, kT> seen{};
  int differs = 0;
  for (int i = 0; i < 5000; ++i) {
    CellKey k{"svc", "unit", "r", "step" + std::to_string(i), 0, 1, {2026, 1}};
    const auto a = CellThresholds("secret-a", CellId(k), kT);
    const auto b = CellThresholds("secret-b", CellId(k), kT);
    ++seen[static_cast<std::size_t>(a[kVisits])];
    if (a[kVisits] != b[kVisits]) ++differs;
    for (int u : a) {
      EXPECT_GE(u, 0);
      EXPECT_LT(u, kT);
    }
  }
  for (int n : seen) EXPECT_NEAR(n, 1000, 150);
  EXPECT_GT(differs, 3500);  // about 4/5 differ between two secrets
}

TEST(AuditTest, PassesUnlessPinnedSmallOrBoxedBetweenOneAndFour) {
  EXPECT_TRUE(AuditPasses({{0, 0}, {0, 4}}, kT));  // surely 0
  EXPECT_TRUE(AuditPasses({{0, 3}, {0, 4}}, kT));
  EXPECT_TRUE(AuditPasses({{2, 6}, {1, 9}}, kT));
  EXPECT_TRUE(AuditPasses({{7, 7}, {7, 7}}, kT));   // pinned, but not small
  EXPECT_FALSE(AuditPasses({{4, 4}, {0, 9}}, kT));  // pinned to 4
  EXPECT_FALSE(AuditPasses({{1, 3}, {1, 4}}, kT));  // surely 1..4
  EXPECT_TRUE(AuditPasses({{4, 4}, {4, 4}}, 1));    // t = 1: no control
}

Cell MakeCell(const std::string& unit, const std::string& step, int level,
              YearMonth month, std::int64_t visits,
              std::vector<int> tags = {}) {
  Cell c;
  c.key = {"svc", unit, "bti", step, level, 1, month};
  c.tags = std::move(tags);
  c.n[kVisits] = visits;
  return c;
}

std::int64_t Visits(const PublishedGroup& g) {
  return g.counts[kVisits].value.value_or(-1);
}

TEST(ProtectTest, EveryFigureIsTheSumOfItsRoundedCells) {
  const std::vector<Cell> cells = {MakeCell("u1", "a", 0, {2026, 1}, 9),
                                   MakeCell("u1", "b", 1, {2026, 1}, 3),
                                   MakeCell("u2", "a", 0, {2026, 2}, 4),
                                   MakeCell("u2", "b", 1, {2026, 2}, 12)};
  const std::string secret = "fixed";
  auto rounded = [&](const Cell& c) {
    return RoundCount(c.n[kVisits],
                      CellThresholds(secret, CellId(c.key), kT)[kVisits], kT);
  };
  ProtectedTable t = Protect({ReportDim::kUnit}, {}, {}, cells, secret, kT);
  std::int64_t u1 = rounded(cells[0]) + rounded(cells[1]);
  std::int64_t u2 = rounded(cells[2]) + rounded(cells[3]);
  std::vector<std::int64_t> want;
  for (std::int64_t v : {u1, u2}) {
    if (v) want.push_back(v);
  }
  ASSERT_EQ(t.groups.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(Visits(t.groups[i].published), want[i]);
    EXPECT_EQ(Visits(t.groups[i].published) % kT, 0);
  }
  EXPECT_EQ(Visits(t.total), u1 + u2);  // additive: groups sum to the total
  EXPECT_EQ(t.suppressed_cells, 0);
}

TEST(ProtectTest, MinCountOneIsExact) {
  const std::vector<Cell> cells = {MakeCell("u1", "a", 0, {2026, 1}, 3),
                                   MakeCell("u2", "a", 0, {2026, 1}, 7)};
  ProtectedTable t = Protect({ReportDim::kUnit}, {}, {}, cells, "", 1);
  ASSERT_EQ(t.groups.size(), 2u);
  EXPECT_EQ(Visits(t.groups[0].published), 3);
  EXPECT_EQ(Visits(t.groups[1].published), 7);
  EXPECT_EQ(Visits(t.total), 10);
}

TEST(ProtectTest, TagGroupsOverlapAndTheTotalCountsEachCellOnce) {
  const std::vector<Cell> cells = {
      MakeCell("u1", "a", 0, {2026, 1}, 10, {1, 5}),
      MakeCell("u1", "b", 0, {2026, 1}, 20, {})};
  ProtectedTable t =
      Protect({ReportDim::kSjumilssteget}, {}, {}, cells, "k", kT);
  ASSERT_EQ(t.groups.size(), 3u);  // untagged, 1, 5
  EXPECT_EQ(t.groups[0].key[0], "");
  EXPECT_EQ(Visits(t.groups[0].published), 20);
  EXPECT_EQ(Visits(t.groups[1].published), 10);
  EXPECT_EQ(Visits(t.groups[2].published), 10);
  EXPECT_EQ(Visits(t.total), 30);
}

TEST(ProtectTest, PercentilesOnlyWhenThePublishedCountProvesMoreThanT) {
  Cell c = MakeCell("u1", "a", 0, {2026, 1}, 10);
  c.n[kCompleted] = 10;
  RawGroup g{{"u1"}, {}};
  g.counts.n[kCompleted] = 10;
  g.counts.hours = {{3, 4}, {8, 6}};
  ProtectedTable t = Protect({ReportDim::kUnit}, {g}, g.counts, {c}, "k", kT);
  ASSERT_EQ(t.groups.size(), 1u);
  EXPECT_EQ(t.groups[0].published.median_hours, 8);
  c.n[kCompleted] = 6;  // publishes 5 or 10; shown only at 10
  ProtectedTable u = Protect({ReportDim::kUnit}, {g}, g.counts, {c}, "k", kT);
  const auto completed = u.groups[0].published.counts[kCompleted].value;
  EXPECT_EQ(u.groups[0].published.median_hours.has_value(), completed == 10);
}

// --- The property, by brute force -----------------------------------------

// A small tenant: units x steps x months cells, each step with a level, a
// service and some Sjumilssteget tags (public in the routine).
struct Tenant {
  int units = 1, steps = 1, months = 1;
  std::vector<int> level;
  std::vector<std::string> service;
  std::vector<std::vector<int>> tags;
  std::vector<Cell> cells;  // index (u * steps + s) * months + m
};

Tenant RandomTenant(std::mt19937_64& rng) {
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  Tenant t;
  do {
    t.units = pick(1, 3);
    t.steps = pick(1, 3);
    t.months = pick(1, 3);
  } while (t.units * t.steps * t.months > 6);
  for (int s = 0; s < t.steps; ++s) {
    t.level.push_back(pick(0, 1));
    t.service.push_back(pick(0, 1) ? "s1" : "s2");
    std::vector<int> tags;
    for (int tag : {1, 2}) {
      if (pick(0, 1)) tags.push_back(tag);
    }
    t.tags.push_back(tags);
  }
  for (int u = 0; u < t.units; ++u) {
    for (int s = 0; s < t.steps; ++s) {
      for (int m = 0; m < t.months; ++m) {
        // Small counts are what matters: half of the cells are 0..4.
        const int v = pick(0, 1) ? pick(0, 4) : pick(0, 12);
        Cell c = MakeCell("u" + std::to_string(u), "st" + std::to_string(s),
                          t.level[static_cast<std::size_t>(s)], {2026, 1 + m},
                          v, t.tags[static_cast<std::size_t>(s)]);
        c.key.service = t.service[static_cast<std::size_t>(s)];
        t.cells.push_back(c);
      }
    }
  }
  return t;
}

// The values a dimension can take in the tenant (what a reader knows from
// the routine and the period), as group key text.
std::vector<std::string> Domain(const Tenant& t, ReportDim d, int m1, int m2) {
  std::vector<std::string> out;
  switch (d) {
    case ReportDim::kUnit:
      for (int u = 0; u < t.units; ++u) out.push_back("u" + std::to_string(u));
      break;
    case ReportDim::kStep:
      for (int s = 0; s < t.steps; ++s) out.push_back("st" + std::to_string(s));
      break;
    case ReportDim::kLevel:
      out = {"0", "1"};
      break;
    case ReportDim::kService:
      out = {"s1", "s2"};
      break;
    case ReportDim::kSjumilssteget:
      out = {"", "1", "2"};
      break;
    case ReportDim::kMonth:
      for (int m = m1; m <= m2; ++m)
        out.push_back(FormatYearMonth({2026, 1 + m}));
      break;
    case ReportDim::kYear:
      out = {"2026"};
      break;
    case ReportDim::kRoutineVersion:
      out = {"1"};
      break;
  }
  return out;
}

// Whether cell i of the tenant falls in the group whose value of d is v:
// the test's own reading of the dimensions, not GroupKeysOf.
bool InGroup(const Tenant& t, int i, ReportDim d, const std::string& v) {
  const int m = i % t.months;
  const int s = (i / t.months) % t.steps;
  const int u = i / (t.months * t.steps);
  const auto& tags = t.tags[static_cast<std::size_t>(s)];
  switch (d) {
    case ReportDim::kUnit:
      return v == "u" + std::to_string(u);
    case ReportDim::kStep:
      return v == "st" + std::to_string(s);
    case ReportDim::kLevel:
      return v == std::to_string(t.level[static_cast<std::size_t>(s)]);
    case ReportDim::kService:
      return v == t.service[static_cast<std::size_t>(s)];
    case ReportDim::kSjumilssteget:
      if (v.empty()) return tags.empty();
      return std::find(tags.begin(), tags.end(), std::stoi(v)) != tags.end();
    case ReportDim::kMonth:
      return v == FormatYearMonth({2026, 1 + m});
    case ReportDim::kYear:
      return v == "2026";
    case ReportDim::kRoutineVersion:
      return v == "1";
  }
  return false;
}

struct Request {
  std::vector<ReportDim> dims;
  int m1 = 0, m2 = 0;
};

Request RandomRequest(const Tenant& t, std::mt19937_64& rng) {
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  std::vector<ReportDim> all = {ReportDim::kUnit,          ReportDim::kStep,
                                ReportDim::kLevel,         ReportDim::kService,
                                ReportDim::kSjumilssteget, ReportDim::kMonth,
                                ReportDim::kYear};
  std::shuffle(all.begin(), all.end(), rng);
  Request r;
  r.dims.assign(all.begin(), all.begin() + pick(0, 3));
  r.m1 = pick(0, t.months - 1);
  r.m2 = pick(r.m1, t.months - 1);
  return r;
}

// Everything one request publishes about visits, as sums of cells: every
// group the reader could expect (a group not listed published 0) and the
// total. Fails the test if a listed group is not one the reader expects.
void Publish(const Tenant& t, const Request& r, const std::string& secret,
             std::vector<PublishedSum>& out) {
  std::vector<Cell> in_period;
  std::vector<int> index;
  for (int i = 0; i < static_cast<int>(t.cells.size()); ++i) {
    const int m = i % t.months;
    if (m >= r.m1 && m <= r.m2) {
      in_period.push_back(t.cells[static_cast<std::size_t>(i)]);
      index.push_back(i);
    }
  }
  ProtectedTable table = Protect(r.dims, {}, {}, in_period, secret, kT);
  ASSERT_EQ(table.suppressed_cells, 0);
  std::map<std::vector<std::string>, std::int64_t> listed;
  for (const auto& g : table.groups) listed[g.key] = Visits(g.published);

  // Every key of the dims' domains, in order.
  std::vector<std::vector<std::string>> keys = {{}};
  for (ReportDim d : r.dims) {
    std::vector<std::vector<std::string>> next;
    for (const auto& k : keys) {
      for (const auto& v : Domain(t, d, r.m1, r.m2)) {
        next.push_back(k);
        next.back().push_back(v);
      }
    }
    keys = std::move(next);
  }
  std::size_t matched = 0;
  for (const auto& key : keys) {
    PublishedSum sum;
    for (int i : index) {
      bool in = true;
      for (std::size_t j = 0; j < r.dims.size() && in; ++j) {
        in = InGroup(t, i, r.dims[j], key[j]);
      }
      if (in) sum.cells.push_back(i);
    }
    auto it = listed.find(key);
    if (it != listed.end()) {
      sum.value = it->second;
      ++matched;
    }
    out.push_back(std::move(sum));
  }
  ASSERT_EQ(matched, listed.size()) << "a group the reader cannot place";
  out.push_back({index, Visits(table.total)});
}

int PropertyCount() {
  const char* v = std::getenv("STAFETT_DISCLOSURE_PROPERTY_N");
  return v != nullptr && std::atoi(v) > 0 ? std::atoi(v) : 10000;
}

// For random small tenants (cells 0..12) asked 1..4 random groupings over
// random periods in random order, no quantity a reader could ask about
// (each cell, each group of every request, each month's cells, random sets
// of cells) whose true count is 1..4 is
// pinned to one value, even for a reader who knows the secret; a reader
// without it cannot tell the count from 0 or from a count of at least 5.
// STAFETT_DISCLOSURE_PROPERTY_N sets the number of instances (default
// 10 000; docs/audit.md has a longer run).
TEST(DisclosurePropertyTest, NoSmallCountIsEverPinned) {
  const int instances = PropertyCount();
  std::mt19937_64 rng(20261130);
  long long small_targets = 0, checked = 0;
  for (int n = 0; n < instances; ++n) {
    const Tenant t = RandomTenant(rng);
    const std::string secret = "property-" + std::to_string(rng());
    std::vector<PublishedSum> published;
    const int requests = std::uniform_int_distribution<int>(1, 4)(rng);
    for (int q = 0; q < requests; ++q) {
      Publish(t, RandomRequest(t, rng), secret, published);
      if (HasFatalFailure()) return;
    }
    std::vector<std::vector<int>> targets;
    for (int i = 0; i < static_cast<int>(t.cells.size()); ++i)
      targets.push_back({i});
    for (const auto& p : published) {
      if (!p.cells.empty()) targets.push_back(p.cells);
    }
    // Differences of periods are sets of month cells; and a few arbitrary
    // sets of cells, groups no report has.
    for (int m = 0; m < t.months; ++m) {
      std::vector<int> month;
      for (int i = m; i < static_cast<int>(t.cells.size()); i += t.months) {
        month.push_back(i);
      }
      targets.push_back(month);
    }
    for (int k = 0; k < 3; ++k) {
      std::vector<int> any;
      for (int i = 0; i < static_cast<int>(t.cells.size()); ++i) {
        if (rng() % 2) any.push_back(i);
      }
      if (!any.empty()) targets.push_back(any);
    }
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());

    std::vector<std::array<int, kFigureCount>> u;
    for (const Cell& c : t.cells)
      u.push_back(CellThresholds(secret, CellId(c.key), kT));
    auto publish = [&](int cell, std::int64_t v) {
      return RoundCount(v, u[static_cast<std::size_t>(cell)][kVisits], kT);
    };
    const auto possible = PossibleValues(static_cast<int>(t.cells.size()), 12,
                                         publish, published, targets);
    for (std::size_t k = 0; k < targets.size(); ++k) {
      std::int64_t truth = 0;
      for (int i : targets[k])
        truth += t.cells[static_cast<std::size_t>(i)].n[kVisits];
      ASSERT_TRUE(possible[k].count(truth))
          << "instance " << n
          << ": the true table does not fit what was published";
      ++checked;
      if (truth < 1 || truth >= kT) continue;
      ++small_targets;
      ASSERT_GE(possible[k].size(), 2u)
          << "instance " << n << ": a count of " << truth << " is pinned";
    }
  }
  RecordProperty("instances", instances);
  RecordProperty("small_targets", static_cast<int>(small_targets));
  EXPECT_GT(small_targets, instances);  // the instances do test something
  EXPECT_GT(checked, 0);
}

// A checker that cannot fail proves nothing: publishing true counts (no
// rounding), the same brute force pins the first way at once.
TEST(DisclosurePropertyTest, TheCheckerFindsALeakWhenThereIsOne) {
  // Units 9, 9, 9, 9, 4: all groups but u5 and the total, exactly.
  const std::vector<std::int64_t> truth = {9, 9, 9, 9, 4};
  std::vector<PublishedSum> published = {
      {{1}, 9}, {{2}, 9}, {{3}, 9}, {{0}, 9}, {{0, 1, 2, 3, 4}, 40}};
  auto exact = [](int, std::int64_t v) { return v; };
  auto possible = PossibleValues(5, 12, exact, published, {{4}});
  EXPECT_EQ(possible[0], (std::set<std::int64_t>{4}));
}

}  // namespace
}  // namespace stafett::store
