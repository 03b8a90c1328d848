// The report's pure rules: months in Oslo, grouping names and the
// percentile method. Disclosure control is tested in disclosure_test.cc.
#include "store/audit/report_math.h"

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

}  // namespace
}  // namespace stafett::store
