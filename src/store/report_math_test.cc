// The report's pure rules: months in Oslo, grouping names, the percentile
// method and disclosure control, including the two attacks the issue names
// (subtracting from a total, comparing overlapping periods) as property
// tests over many inputs.
#include "store/report_math.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include <gtest/gtest.h>

namespace stafett::store {
namespace {

TimePoint At(const char* iso) { return *ParseTimestamp(iso); }

// --- Months -----------------------------------------------------------------

TEST(YearMonthTest, ParsesOnlyYyyyMm) {
  struct Case {
    const char* text;
    bool ok;
  } cases[] = {{"2026-03", true},  {"2026-12", true},     {"2026-13", false},
               {"2026-00", false}, {"2026-3", false},     {"26-03", false},
               {"2026/03", false}, {"2026-03-01", false}, {"", false},
               {"1999-12", false}, {"abcd-ef", false}};
  for (const auto& c : cases) {
    auto m = ParseYearMonth(c.text, "from");
    EXPECT_EQ(m.ok(), c.ok) << c.text;
    if (m.ok()) {
      EXPECT_EQ(FormatYearMonth(*m), c.text);
    } else {
      EXPECT_EQ(m.status().field(), "from");
    }
  }
}

TEST(YearMonthTest, MonthStartIsOsloMidnightAcrossSummerTime) {
  EXPECT_EQ(MonthStart({2026, 1}), At("2025-12-31T23:00:00Z"));
  EXPECT_EQ(MonthStart({2026, 3}), At("2026-02-28T23:00:00Z"));
  EXPECT_EQ(MonthStart({2026, 4}), At("2026-03-31T22:00:00Z"));  // summer
  EXPECT_EQ(MonthStart({2026, 11}), At("2026-10-31T23:00:00Z"));
}

TEST(YearMonthTest, OsloMonthChangesExactlyAtMonthStart) {
  for (int i = 0; i < 36; ++i) {
    YearMonth m = AddMonths({2025, 1}, i);
    EXPECT_EQ(OsloYearMonth(MonthStart(m)), m) << FormatYearMonth(m);
    EXPECT_EQ(OsloYearMonth(MonthStart(m) - Millis(1)), AddMonths(m, -1));
  }
}

TEST(YearMonthTest, Arithmetic) {
  EXPECT_EQ(AddMonths({2026, 12}, 1), (YearMonth{2027, 1}));
  EXPECT_EQ(AddMonths({2026, 1}, -1), (YearMonth{2025, 12}));
  EXPECT_EQ(MonthsBetween({2025, 11}, {2026, 2}), 3);
  EXPECT_EQ(MonthsBetween({2026, 2}, {2026, 2}), 0);
}

TEST(ReportPeriodTest, WholeMonthsAndBounds) {
  auto p = MakePeriod({2026, 1}, {2026, 3});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->months(), 3);
  EXPECT_EQ(p->begin(), At("2025-12-31T23:00:00Z"));
  EXPECT_EQ(p->end(), At("2026-03-31T22:00:00Z"));
  EXPECT_EQ(MakePeriod({2026, 3}, {2026, 1}).status().field(), "to");
  EXPECT_TRUE(MakePeriod({2020, 1}, {2029, 12}).ok());  // 120 months
  EXPECT_FALSE(MakePeriod({2020, 1}, {2030, 1}).ok());
}

// --- Grouping ---------------------------------------------------------------

TEST(GroupByTest, ParsesTheWhitelistOnly) {
  auto dims = ParseGroupBy("service,month,sjumilssteget");
  ASSERT_TRUE(dims.ok());
  EXPECT_EQ(*dims,
            (std::vector<ReportDim>{ReportDim::kService, ReportDim::kMonth,
                                    ReportDim::kSjumilssteget}));
  EXPECT_TRUE(ParseGroupBy("")->empty());
  for (const char* bad : {"service,service", "name", "service;drop table",
                          "service,", ",level", "Service"}) {
    auto r = ParseGroupBy(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().field(), "group_by") << bad;
  }
  for (int d = 0; d <= static_cast<int>(ReportDim::kYear); ++d) {
    auto dim = static_cast<ReportDim>(d);
    EXPECT_EQ(ParseReportDim(ReportDimName(dim)), dim);
  }
}

TEST(GroupByTest, KeysSortNumbersNumericallyAndEmptyFirst) {
  std::vector<ReportDim> dims{ReportDim::kSjumilssteget, ReportDim::kService};
  EXPECT_TRUE(GroupKeyLess(dims, {"2", "b"}, {"10", "a"}));
  EXPECT_TRUE(GroupKeyLess(dims, {"", "z"}, {"1", "a"}));
  EXPECT_TRUE(GroupKeyLess(dims, {"1", "a"}, {"1", "b"}));
  EXPECT_FALSE(GroupKeyLess(dims, {"1", "b"}, {"1", "b"}));
}

// --- Percentiles ------------------------------------------------------------

HourHistogram Hist(const std::vector<std::int64_t>& values) {
  HourHistogram h;
  for (auto v : values) ++h[v];
  return h;
}

TEST(PercentileTest, NearestRankTable) {
  struct Case {
    std::vector<std::int64_t> values;
    int percent;
    std::optional<std::int64_t> want;
  } cases[] = {
      {{}, 50, std::nullopt},
      {{7}, 50, 7},
      {{7}, 90, 7},
      {{1, 2, 3, 4}, 50, 2},  // rank ceil(2) = 2
      {{1, 2, 3, 4}, 90, 4},  // rank ceil(3.6) = 4
      {{1, 2, 3, 4, 5}, 50, 3},
      {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 50, 5},
      {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90, 9},
      {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 90, 10},  // ceil(9.9) = 10
      {{5, 5, 5, 100}, 50, 5},
      {{0, 0, 48, 48, 48}, 50, 48},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(NearestRankPercentile(Hist(c.values), c.percent), c.want)
        << c.percent << " of " << c.values.size() << " values";
  }
}

// For any multiset, the histogram method equals sorting and taking the
// element at rank ceil(p*n/100) (PostgreSQL's percentile_disc).
TEST(PercentileTest, EqualsSortedNearestRankForRandomInputs) {
  std::mt19937 rng(7);
  for (int round = 0; round < 500; ++round) {
    std::vector<std::int64_t> v(1 + rng() % 60);
    for (auto& x : v) x = rng() % 30;
    std::sort(v.begin(), v.end());
    for (int p : {1, 10, 50, 90, 99, 100}) {
      std::size_t rank = (p * v.size() + 99) / 100;
      EXPECT_EQ(NearestRankPercentile(Hist(v), p), v[rank - 1]);
    }
  }
}

// --- Publishing one count ---------------------------------------------------

TEST(PublishCountTest, ZeroSuppressedOrRoundedDown) {
  struct Case {
    std::int64_t n;
    int t;
    std::optional<std::int64_t> want;
  } cases[] = {{0, 5, 0},
               {1, 5, std::nullopt},
               {4, 5, std::nullopt},
               {5, 5, 5},
               {9, 5, 5},
               {10, 5, 10},
               {14, 5, 10},
               {1234, 5, 1230},
               {9, 10, std::nullopt},
               {19, 10, 10},
               {1, 1, 1},
               {3, 1, 3}};
  for (const auto& c : cases) {
    EXPECT_EQ(PublishCount(c.n, c.t), c.want) << c.n << " t=" << c.t;
  }
}

// --- Tables -----------------------------------------------------------------

std::vector<RawGroup> OneFigure(const std::vector<std::int64_t>& values,
                                int figure = kVisits) {
  std::vector<RawGroup> groups;
  for (std::size_t i = 0; i < values.size(); ++i) {
    RawGroup g;
    g.key = {"s" + std::to_string(i)};
    g.counts.n[figure] = values[i];
    groups.push_back(g);
  }
  return groups;
}

GroupCounts TotalOf(const std::vector<RawGroup>& groups) {
  GroupCounts t;
  for (const auto& g : groups) t.Add(g.counts);
  return t;
}

const std::vector<ReportDim> kByService{ReportDim::kService};

TEST(ProtectTest, PrimaryOnlyWhenTheTotalPinsNothing) {
  auto groups = OneFigure({10, 3, 12});
  ProtectedTable t = Protect(kByService, groups, TotalOf(groups), 5);
  ASSERT_EQ(t.groups.size(), 3u);
  EXPECT_EQ(t.groups[0].published.counts[kVisits].value, 10);
  EXPECT_EQ(t.groups[1].published.counts[kVisits].value, std::nullopt);
  EXPECT_EQ(t.groups[1].published.counts[kVisits].why, Suppression::kPrimary);
  EXPECT_EQ(t.groups[2].published.counts[kVisits].value, 10);
  EXPECT_EQ(t.total.counts[kVisits].value, 25);
  EXPECT_EQ(t.groups[1].published.SuppressedNames(),
            (std::vector<std::string>{"visits"}));
  EXPECT_EQ(t.suppressed_cells, 1);
}

// Four published 9s read as "5-9" each, so with a total of 40 the reader
// would know the fifth cell is at least 40 - 36 = 4: it must hide another.
TEST(ProtectTest, SecondarySuppressionWhenTheTotalWouldPinACell) {
  auto groups = OneFigure({9, 9, 9, 9, 4});
  ProtectedTable t = Protect(kByService, groups, TotalOf(groups), 5);
  EXPECT_EQ(t.groups[4].published.counts[kVisits].why, Suppression::kPrimary);
  EXPECT_EQ(t.groups[0].published.counts[kVisits].why, Suppression::kSecondary);
  EXPECT_EQ(t.groups[0].published.counts[kVisits].value, std::nullopt);
  EXPECT_EQ(t.groups[1].published.counts[kVisits].value, 5);
  EXPECT_EQ(t.total.counts[kVisits].value, 40);
  EXPECT_EQ(t.suppressed_cells, 2);
}

// Nine groups of 1 and a total of 9 ("5-9"): each group is at least 1, so
// all would be exactly 1. Nothing is left to hide among the groups, so the
// table's total goes.
TEST(ProtectTest, HidesTheTotalWhenNoGroupIsLeftToHide) {
  auto groups = OneFigure(std::vector<std::int64_t>(9, 1));
  ProtectedTable t = Protect(kByService, groups, TotalOf(groups), 5);
  EXPECT_EQ(t.total.counts[kVisits].why, Suppression::kSecondary);
  EXPECT_EQ(t.total.counts[kVisits].value, std::nullopt);
}

TEST(ProtectTest, MinCountOneIsExact) {
  auto groups = OneFigure({1, 2, 9});
  ProtectedTable t = Protect(kByService, groups, TotalOf(groups), 1);
  EXPECT_EQ(t.groups[0].published.counts[kVisits].value, 1);
  EXPECT_EQ(t.groups[1].published.counts[kVisits].value, 2);
  EXPECT_EQ(t.total.counts[kVisits].value, 12);
  EXPECT_EQ(t.suppressed_cells, 0);
}

TEST(ProtectTest, TagsAreNotASumSoNoTotalConstraint) {
  // Overlapping tag groups: 9+9+9+9+4 != the total, which may be 12.
  auto groups = OneFigure({9, 9, 9, 9, 4});
  GroupCounts total;
  total.n[kVisits] = 40;
  ProtectedTable t = Protect({ReportDim::kSjumilssteget}, groups, total, 5);
  EXPECT_EQ(t.suppressed_cells, 1);
}

TEST(ProtectTest, MarginsOfATwoDimensionalTableAreProtectedToo) {
  // service x level. Service a's row: 9, 9, 9, 9 and 4 (level 4 is not
  // real, the point is the row sum): its margin (a report by service alone)
  // would pin the 4.
  std::vector<RawGroup> groups;
  std::int64_t a_row[] = {9, 9, 9, 9, 4};
  for (int lv = 0; lv < 5; ++lv) {
    RawGroup g;
    g.key = {"a", std::to_string(lv)};
    g.counts.n[kVisits] = a_row[lv];
    groups.push_back(g);
    RawGroup h;
    h.key = {"b", std::to_string(lv)};
    h.counts.n[kVisits] = 100;
    groups.push_back(h);
  }
  ProtectedTable t = Protect({ReportDim::kService, ReportDim::kLevel}, groups,
                             TotalOf(groups), 5);
  int secondary = 0;
  for (const auto& g : t.groups) {
    if (g.published.counts[kVisits].why == Suppression::kSecondary) {
      ++secondary;
      EXPECT_EQ(g.key[0], "a");
    }
  }
  EXPECT_GE(secondary, 1);
}

TEST(ProtectTest, DerivedFiguresUsePublishedCounts) {
  std::vector<RawGroup> groups(1);
  groups[0].key = {"s"};
  GroupCounts& c = groups[0].counts;
  c.n[kVisits] = 40;
  c.n[kDecided] = 20;
  c.n[kLeftOnTime] = 19;  // published 15: 15/20 = 75 %
  c.n[kCompleted] = 6;
  c.hours = Hist({1, 2, 3, 4, 5, 100});
  ProtectedTable t = Protect(kByService, groups, TotalOf(groups), 5);
  const PublishedGroup& p = t.groups[0].published;
  EXPECT_EQ(p.on_time_percent, 75);
  EXPECT_EQ(p.median_hours, 3);
  EXPECT_EQ(p.p90_hours, 100);
  // Below min_count no percentile; unpublished decided, no share.
  c.n[kCompleted] = 4;
  c.n[kDecided] = 3;
  c.hours = Hist({1, 2, 3, 4});
  t = Protect(kByService, groups, TotalOf(groups), 5);
  EXPECT_EQ(t.groups[0].published.median_hours, std::nullopt);
  EXPECT_EQ(t.groups[0].published.p90_hours, std::nullopt);
  EXPECT_EQ(t.groups[0].published.on_time_percent, std::nullopt);
}

// What a reader knows of one published cell, assuming they can tell
// primary from secondary suppression (the strictest case for us).
std::set<std::int64_t> Candidates(const PublishedCount& c, int t, int cap) {
  std::set<std::int64_t> s;
  if (c.why == Suppression::kPrimary) {
    for (int v = 1; v < t; ++v) s.insert(v);
  } else if (c.why == Suppression::kSecondary) {
    for (int v = t; v <= cap; ++v) s.insert(v);
  } else if (*c.value == 0) {
    s.insert(0);
  } else {
    for (int v = 0; v < t; ++v) s.insert(*c.value + v);
  }
  return s;
}

// Property: the subtraction attack. For random tables, no primary cell's
// value follows from the other cells and the total: the reader's possible
// values (all sums checked by brute force, independent of Protect's
// interval arithmetic) always include at least two.
TEST(ProtectPropertyTest, SubtractingFromTheTotalNeverPinsASuppressedCell) {
  std::mt19937 rng(2026);
  for (int t : {5, 7, 10}) {
    for (int round = 0; round < 3000; ++round) {
      std::vector<std::int64_t> values(1 + rng() % 7);
      for (auto& v : values) {
        // Small counts, and counts at the top of their published range
        // ("5" read as 5-9 when it is 9): together they are what lets a
        // total pin a cell.
        switch (rng() % 4) {
          case 0:
            v = 1 + rng() % (t - 1);
            break;
          case 1:
          case 2:
            v = (1 + rng() % 3) * t + t - 1;
            break;
          default:
            v = rng() % (4 * t);
        }
      }
      auto groups = OneFigure(values);
      GroupCounts total = TotalOf(groups);
      ProtectedTable p = Protect(kByService, groups, total, t);
      const int cap = static_cast<int>(total.n[kVisits]) + 10;
      std::set<std::int64_t> total_values;
      if (p.total.counts[kVisits].value) {
        total_values = Candidates(p.total.counts[kVisits], t, cap);
      } else {
        // Hidden here, but another report (no grouping) publishes it.
        PublishedCount c;
        c.value = PublishCount(total.n[kVisits], t);
        c.why = c.value ? Suppression::kNone : Suppression::kPrimary;
        total_values = Candidates(c, t, cap);
      }
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (p.groups[i].published.counts[kVisits].why !=
            Suppression::kPrimary) {
          continue;
        }
        // Reachable sums of the other cells.
        std::set<std::int64_t> sums{0};
        for (std::size_t j = 0; j < values.size(); ++j) {
          if (j == i) continue;
          std::set<std::int64_t> next;
          for (auto s : sums) {
            for (auto v :
                 Candidates(p.groups[j].published.counts[kVisits], t, cap)) {
              if (s + v <= cap) next.insert(s + v);
            }
          }
          sums = std::move(next);
        }
        int possible = 0;
        for (int v = 1; v < t; ++v) {
          for (auto s : sums) {
            if (total_values.count(s + v)) {
              ++possible;
              break;
            }
          }
        }
        EXPECT_GE(possible, 2) << "t=" << t << " round " << round << " cell "
                               << i << " value " << values[i];
      }
    }
  }
}

// Property: comparing overlapping periods. Months split two overlapping
// periods into A (only in the first), X (in both) and B (only in the
// second); a reader can ask for every one of A, X, B, A+X, X+B and A+X+B.
// For every combination of true counts, each suppressed one of A, X and B
// keeps at least two possible values: nothing is learnt by subtraction.
TEST(ProtectPropertyTest, OverlappingPeriodsNeverPinASuppressedCount) {
  for (int t : {5, 6, 8, 10}) {
    const int n = 3 * t + 6;
    using Pub = std::optional<std::int64_t>;
    using Seen = std::tuple<Pub, Pub, Pub, Pub, Pub, Pub>;
    auto seen = [t](int a, int x, int b) {
      return Seen{PublishCount(a + x, t), PublishCount(x + b, t),
                  PublishCount(x, t),     PublishCount(a, t),
                  PublishCount(b, t),     PublishCount(a + x + b, t)};
    };
    std::map<Seen, std::array<std::set<int>, 3>> possible;
    for (int a = 0; a < n; ++a) {
      for (int x = 0; x < n; ++x) {
        for (int b = 0; b < n; ++b) {
          auto& p = possible[seen(a, x, b)];
          p[0].insert(a);
          p[1].insert(x);
          p[2].insert(b);
        }
      }
    }
    // Away from the edge of the enumerated cube, where alternatives would
    // be cut off artificially.
    for (int a = 0; a < n - t; ++a) {
      for (int x = 0; x < n - t; ++x) {
        for (int b = 0; b < n - t; ++b) {
          const auto& p = possible[seen(a, x, b)];
          int v[3] = {a, x, b};
          for (int k = 0; k < 3; ++k) {
            if (v[k] > 0 && v[k] < t) {
              EXPECT_GE(p[k].size(), 2u)
                  << "t=" << t << " a=" << a << " x=" << x << " b=" << b;
            }
          }
        }
      }
    }
  }
}

// The same attack on a whole report: the figures of Jan-Mar and Jan-Apr
// differ by April's; when April's count is suppressed in its own report,
// the two published values leave every small count possible.
TEST(ProtectPropertyTest, NestedPeriodDifferenceLeavesEverySmallCountOpen) {
  const int t = 5;
  for (int before = 0; before < 200; ++before) {
    for (int april = 1; april < t; ++april) {
      auto p1 = PublishCount(before, t), p2 = PublishCount(before + april, t);
      int possible = 0;
      for (int d = 1; d < t; ++d) {
        for (int b = std::max(0, before - 2 * t); b < before + 2 * t; ++b) {
          if (PublishCount(b, t) == p1 && PublishCount(b + d, t) == p2) {
            ++possible;
            break;
          }
        }
      }
      EXPECT_GE(possible, 2) << before << "+" << april;
    }
  }
}

}  // namespace
}  // namespace stafett::store
