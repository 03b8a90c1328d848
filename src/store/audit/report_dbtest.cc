// The compliance report over the database, once, on SQLite and PostgreSQL:
// cases with known timings (the clock is the Decisions' times; `now` is
// injected), and every figure of every grouping checked exactly.
#include <gtest/gtest.h>

#include "routine/loader.h"
#include "store/audit/report.h"
#include "store/audit/report_release.h"
#include "store/audit/test_report_cases.h"
#include "store/cases/case_store.h"
#include "store/cases/test_decisions.h"
#include "store/sql/test_db.h"

namespace stafett::store {
namespace {

using testing::Days;
using testing::ReportCase;
using testing::TestRoutine;
using testing::Utc;

// visits, decided, left_on_time, overdue_now, completed, level_up,
// level_down, without_baton_holder, consents_expired,
// child_welfare_reports, child_welfare_confirmed_same_day; then median and
// p90 hours (-1: none).
struct Want {
  std::array<std::int64_t, kFigureCount> n;
  std::int64_t median = -1;
  std::int64_t p90 = -1;
};

void ExpectCounts(const GroupCounts& got, const Want& want,
                  const std::string& where) {
  for (int f = 0; f < kFigureCount; ++f) {
    EXPECT_EQ(got.n[f], want.n[f]) << where << ": " << FigureName(f);
  }
  EXPECT_EQ(NearestRankPercentile(got.hours, 50).value_or(-1), want.median)
      << where << ": median";
  EXPECT_EQ(NearestRankPercentile(got.hours, 90).value_or(-1), want.p90)
      << where << ": p90";
}

// The steps' Sjumilssteget tags in the test routine.
ReportCatalog TestCatalog() {
  routine::Routine r = TestRoutine("nesseby");
  auto step = [](const char* id, std::vector<int> tags) {
    routine::Step s;
    s.id = id;
    s.sjumilssteget = std::move(tags);
    return s;
  };
  r.steps = {step("undring", {}), step("samtale", {1}),
             step("tiltak", {2}), step("nettverk", {5, 1}),
             step("meldt", {4}),  step("avsluttet", {})};
  ReportCatalog c;
  c.Add(r);
  return c;
}

class ReportTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = OpenMigrated(2);
    ASSERT_NE(db_, nullptr);
    store_ = std::make_unique<CaseStore>(*db_, clock_);
    store_->SaveRoutineVersion(TestRoutine("nesseby"));
    store_->SaveRoutineVersion(TestRoutine("other"));
  }

  // Six cases of Nesseby and one of another tenant. Times are UTC; the
  // period Jan-Feb 2026 in Oslo is [2025-12-31T23:00Z, 2026-02-28T23:00Z).
  // Each visit's expected figures are in the comments (h = hours in step).
  void Seed() {
    // A1 Jan, on time, 48 h. A2 Jan, late, 312 h. A3 Jan, level up,
    // overdue now, no baton holder, a consent expired during it.
    ReportCase(*store_, "nesseby", "skole")
        .Enter("undring", 0, "skole", "2026-01-05T09:00:00Z", Days(14))
        .Enter("samtale", 0, "skole", "2026-01-07T09:00:00Z", Days(7))
        .Enter("tiltak", 1, "ppt", "2026-01-20T09:00:00Z", Days(30))
        .Event("consent_expired", "2026-02-01T10:00:00Z");
    // B1 Jan 5 h on time. B2 Jan up, late, 552 h. B3 Feb down, 24 h on
    // time. B4 Feb up, no deadline; reported at entry and confirmed the
    // same Oslo day; the baton is held.
    ReportCase(*store_, "nesseby", "barnehage")
        .Enter("undring", 0, "barnehage", "2026-01-10T10:00:00Z", Days(14))
        .Enter("nettverk", 2, "ppt", "2026-01-10T15:00:00Z", Days(21))
        .Enter("tiltak", 1, "ppt", "2026-02-02T15:00:00Z", Days(30))
        .Enter("meldt", 3, "barnehage", "2026-02-03T15:00:00Z", std::nullopt)
        .Event("child_welfare_reported", "2026-02-03T15:00:00Z")
        .Event("child_welfare_report_confirmed", "2026-02-03T20:00:00Z")
        .Baton("ppt");
    // C1 Feb (Oslo 27th 23:30), deadline not yet passed; reported at 23:45
    // Oslo, confirmed at 00:10 Oslo: the next day, though the same UTC day.
    ReportCase(*store_, "nesseby", "skole")
        .Enter("undring", 0, "skole", "2026-02-27T22:30:00Z", Days(14))
        .Event("child_welfare_reported", "2026-02-27T22:45:00Z")
        .Event("child_welfare_report_confirmed", "2026-02-27T23:10:00Z");
    // D1 December and D3 March are outside; D2 Jan, left only when D3
    // begins: late, 1392 h. D3 is
    // the open case's current visit at level 1 without a holder, but it
    // began in March.
    ReportCase(*store_, "nesseby", "skole")
        .Enter("undring", 0, "skole", "2025-12-20T08:00:00Z", Days(14))
        .Enter("samtale", 0, "skole", "2026-01-02T08:00:00Z", Days(7))
        .Enter("tiltak", 1, "ppt", "2026-03-01T08:00:00Z", Days(30));
    // E1 begins 1 ms before February in Oslo: Jan, 0 h. E2 begins at Oslo
    // midnight: Feb, 2 h. E3 the closed step, Feb: a visit, nothing else.
    ReportCase(*store_, "nesseby", "skole")
        .Enter("undring", 0, "skole", "2026-01-31T22:59:59.999Z", Days(14))
        .Enter("samtale", 0, "skole", "2026-01-31T23:00:00Z", Days(7))
        .Enter("avsluttet", 0, "skole", "2026-02-01T01:00:00Z", std::nullopt,
               "closed")
        .Close();
    // F1 Jan 24 h on time; F2 the closed step, Jan: a visit, nothing else.
    ReportCase(*store_, "nesseby", "skole")
        .Enter("undring", 0, "skole", "2026-01-15T12:00:00Z", Days(14))
        .Enter("avsluttet", 0, "skole", "2026-01-16T12:00:00Z", std::nullopt,
               "closed")
        .Close();
    // Another municipality: never in Nesseby's figures.
    ReportCase(*store_, "other", "skole")
        .Enter("undring", 0, "skole", "2026-01-05T09:00:00Z", Days(1))
        .Enter("tiltak", 1, "ppt", "2026-01-06T09:00:00Z", Days(1))
        .Event("consent_expired", "2026-01-06T10:00:00Z")
        .Event("child_welfare_reported", "2026-01-06T10:00:00Z");
  }

  ComplianceFigures Run(std::vector<ReportDim> dims) {
    ComplianceQuery q;
    q.tenant = "nesseby";
    q.period = *MakePeriod({2026, 1}, {2026, 2});
    q.group_by = std::move(dims);
    q.now = kNow;
    return ComputeCompliance(*db_, catalog_, q);
  }

  // Checks the groups, in order, and the total.
  void ExpectReport(
      const ComplianceFigures& got,
      const std::vector<std::pair<std::vector<std::string>, Want>>& groups) {
    ASSERT_EQ(got.groups.size(), groups.size());
    for (std::size_t i = 0; i < groups.size(); ++i) {
      EXPECT_EQ(got.groups[i].key, groups[i].first) << "group " << i;
      std::string where;
      for (const auto& k : groups[i].first) where += k + "/";
      ExpectCounts(got.groups[i].counts, groups[i].second, where);
    }
    ExpectCounts(got.total, kTotal, "total");
  }

  // 14 visits: A1-3, B1-4, C1, D2, E1-3, F1-2. Completed hours:
  // 0 2 5 24 24 48 312 552 1392: median (rank 5) 24, p90 (rank 9) 1392.
  const Want kTotal{{14, 10, 6, 1, 9, 3, 1, 1, 1, 2, 1}, 24, 1392};
  const TimePoint kNow = Utc("2026-03-10T12:00:00Z");
  ManualClock clock_{Utc("2026-03-10T12:00:00Z")};
  ReportCatalog catalog_ = TestCatalog();
  std::unique_ptr<Database> db_;
  std::unique_ptr<CaseStore> store_;
};

TEST_P(ReportTest, NoGrouping) {
  Seed();
  ExpectReport(Run({}), {{{}, kTotal}});
}

TEST_P(ReportTest, ByMonth) {
  Seed();
  // Jan: A1 A2 A3 B1 B2 D2 E1 F1 F2; hours 0 5 24 48 312 552 1392.
  // Feb: B3 B4 C1 E2 E3; hours 2 24.
  ExpectReport(Run({ReportDim::kMonth}),
               {{{"2026-01"}, {{9, 8, 4, 1, 7, 2, 0, 1, 1, 0, 0}, 48, 1392}},
                {{"2026-02"}, {{5, 2, 2, 0, 2, 1, 1, 0, 0, 2, 1}, 2, 24}}});
}

TEST_P(ReportTest, ByService) {
  Seed();
  ExpectReport(Run({ReportDim::kService}),
               {{{"barnehage"}, {{2, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1}, 5, 5}},
                {{"ppt"}, {{3, 3, 1, 1, 2, 2, 1, 1, 1, 0, 0}, 24, 552}},
                {{"skole"}, {{9, 6, 4, 0, 6, 0, 0, 0, 0, 1, 0}, 24, 1392}}});
}

TEST_P(ReportTest, ByUnitIsTheReportingService) {
  Seed();
  ExpectReport(Run({ReportDim::kUnit}),
               {{{"barnehage"}, {{4, 3, 2, 0, 3, 2, 1, 0, 0, 1, 1}, 24, 552}},
                {{"skole"}, {{10, 7, 4, 1, 6, 1, 0, 1, 1, 1, 0}, 24, 1392}}});
}

TEST_P(ReportTest, ByLevel) {
  Seed();
  ExpectReport(Run({ReportDim::kLevel}),
               {{{"0"}, {{10, 7, 5, 0, 7, 0, 0, 0, 0, 1, 0}, 24, 1392}},
                {{"1"}, {{2, 2, 1, 1, 1, 1, 1, 1, 1, 0, 0}, 24, 24}},
                {{"2"}, {{1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0}, 552, 552}},
                {{"3"}, {{1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1}}}});
}

TEST_P(ReportTest, ByStep) {
  Seed();
  ExpectReport(Run({ReportDim::kStep}),
               {{{"avsluttet"}, {{2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}}},
                {{"meldt"}, {{1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1}}},
                {{"nettverk"}, {{1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0}, 552, 552}},
                {{"samtale"}, {{3, 3, 1, 0, 3, 0, 0, 0, 0, 0, 0}, 312, 1392}},
                {{"tiltak"}, {{2, 2, 1, 1, 1, 1, 1, 1, 1, 0, 0}, 24, 24}},
                {{"undring"}, {{5, 4, 4, 0, 4, 0, 0, 0, 0, 1, 0}, 5, 48}}});
}

TEST_P(ReportTest, BySjumilsstegetCountsAVisitOncePerTag) {
  Seed();
  // Untagged: undring and avsluttet. 1: samtale and nettverk. 2: tiltak.
  // 4: meldt. 5: nettverk. The total still counts each visit once.
  ExpectReport(Run({ReportDim::kSjumilssteget}),
               {{{""}, {{7, 4, 4, 0, 4, 0, 0, 0, 0, 1, 0}, 5, 48}},
                {{"1"}, {{4, 4, 1, 0, 4, 1, 0, 0, 0, 0, 0}, 312, 1392}},
                {{"2"}, {{2, 2, 1, 1, 1, 1, 1, 1, 1, 0, 0}, 24, 24}},
                {{"4"}, {{1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1}}},
                {{"5"}, {{1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0}, 552, 552}}});
}

TEST_P(ReportTest, ByRoutineVersionAndYear) {
  Seed();
  ExpectReport(Run({ReportDim::kRoutineVersion, ReportDim::kYear}),
               {{{"3", "2026"}, kTotal}});
}

TEST_P(ReportTest, TwoDimensions) {
  Seed();
  ExpectReport(
      Run({ReportDim::kMonth, ReportDim::kUnit}),
      {{{"2026-01", "barnehage"}, {{2, 2, 1, 0, 2, 1, 0, 0, 0, 0, 0}, 5, 552}},
       {{"2026-01", "skole"}, {{7, 6, 3, 1, 5, 1, 0, 1, 1, 0, 0}, 48, 1392}},
       {{"2026-02", "barnehage"}, {{2, 1, 1, 0, 1, 1, 1, 0, 0, 1, 1}, 24, 24}},
       {{"2026-02", "skole"}, {{3, 1, 1, 0, 1, 0, 0, 0, 0, 1, 0}, 2, 2}}});
}

TEST_P(ReportTest, OnlyThePeriodsMonths) {
  Seed();
  ComplianceQuery q;
  q.tenant = "nesseby";
  q.period = *MakePeriod({2026, 3}, {2026, 3});
  q.now = kNow;
  // D3 (March, level 1, open, no holder, overdue? due 03-31: no).
  auto got = ComputeCompliance(*db_, catalog_, q);
  ExpectCounts(got.total, {{1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0}}, "march");
  q.period = *MakePeriod({2025, 12}, {2025, 12});
  got = ComputeCompliance(*db_, catalog_, q);
  // D1: 13 days in step, 14 allowed.
  ExpectCounts(got.total, {{1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0}, 312, 312},
               "december");
}

TEST_P(ReportTest, PublishedReportAtMinCountOneShowsTheTrueFigures) {
  Seed();
  ComplianceQuery q;
  q.tenant = "nesseby";
  q.period = *MakePeriod({2026, 1}, {2026, 2});
  q.group_by = {ReportDim::kMonth};
  q.now = kNow;
  PublishedReport r =
      BuildReport(*db_, catalog_, q, ReportKind::kCompliance, 1);
  ASSERT_EQ(r.table.groups.size(), 2u);
  const PublishedGroup& jan = r.table.groups[0].published;
  EXPECT_EQ(jan.counts[kVisits].value, 9);
  EXPECT_EQ(jan.on_time_percent, 50);  // 4 of 8
  EXPECT_EQ(jan.median_hours, 48);
  EXPECT_EQ(jan.p90_hours, 1392);
  EXPECT_EQ(r.table.total.on_time_percent, 60);
  EXPECT_EQ(r.table.suppressed_cells, 0);
}

// The cells (what the disclosure control rounds) are read by their own
// statement: they must hold exactly the visits and facts of the groups.
TEST_P(ReportTest, CellsAddUpToTheTrueFigures) {
  Seed();
  ComplianceQuery q;
  q.tenant = "nesseby";
  q.period = *MakePeriod({2026, 1}, {2026, 2});
  q.group_by = {ReportDim::kMonth};
  q.now = kNow;
  ComplianceFigures got = ComputeCompliance(*db_, catalog_, q);
  std::array<std::int64_t, kFigureCount> sum{}, jan{};
  for (const Cell& c : got.cells) {
    for (int f = 0; f < kFigureCount; ++f) {
      sum[f] += c.n[f];
      if (c.key.month == YearMonth{2026, 1}) jan[f] += c.n[f];
    }
  }
  ASSERT_EQ(got.groups.size(), 2u);
  for (int f = 0; f < kFigureCount; ++f) {
    EXPECT_EQ(sum[f], got.total.n[f]) << FigureName(f);
    EXPECT_EQ(jan[f], got.groups[0].counts.n[f]) << FigureName(f);
  }
  EXPECT_EQ(got.cells.size(), 11u);  // distinct (service, unit, step,
                                     // level, month) among the 14 visits
}

// Replaces the suppression test of the old design (primary and secondary
// suppression, which issue 13 showed could be undone): every published
// count is now the sum of its cells' rounded counts.
TEST_P(ReportTest, PublishedReportIsTheSumOfRoundedCells) {
  Seed();
  ComplianceQuery q;
  q.tenant = "nesseby";
  q.period = *MakePeriod({2026, 1}, {2026, 2});
  q.group_by = {ReportDim::kMonth};
  q.now = kNow;
  PublishedReport r =
      BuildReport(*db_, catalog_, q, ReportKind::kCompliance, 5);
  const ComplianceFigures truth = ComputeCompliance(*db_, catalog_, q);
  const std::string secret = LoadReportSecret(*db_, "nesseby", kNow);
  ASSERT_EQ(secret.size(), 64u);
  std::map<std::string, std::array<std::int64_t, kFigureCount>> by_month;
  std::array<std::int64_t, kFigureCount> total{};
  for (const Cell& c : truth.cells) {
    const auto u = CellThresholds(secret, CellId(c.key), 5);
    auto& m = by_month[FormatYearMonth(c.key.month)];
    for (int f = 0; f < kFigureCount; ++f) {
      m[f] += RoundCount(c.n[f], u[f], 5);
      total[f] += RoundCount(c.n[f], u[f], 5);
    }
  }
  EXPECT_EQ(r.table.suppressed_cells, 0);
  for (const auto& g : r.table.groups) {
    for (int f = 0; f < kFigureCount; ++f) {
      ASSERT_TRUE(g.published.counts[f].value) << FigureName(f);
      EXPECT_EQ(*g.published.counts[f].value, by_month[g.key[0]][f])
          << g.key[0] << " " << FigureName(f);
      EXPECT_EQ(*g.published.counts[f].value % 5, 0) << FigureName(f);
    }
  }
  for (int f = 0; f < kFigureCount; ++f) {
    EXPECT_EQ(r.table.total.counts[f].value, total[f]) << FigureName(f);
  }
  // Percentiles only where the published count proves more than 5.
  for (const auto& g : r.table.groups) {
    EXPECT_EQ(g.published.median_hours.has_value(),
              *g.published.counts[kCompleted].value >= 10);
  }
  // The secret is the tenant's and stays the same.
  EXPECT_EQ(LoadReportSecret(*db_, "nesseby", kNow + Days(1)), secret);
  EXPECT_NE(LoadReportSecret(*db_, "other", kNow), secret);
}

TEST_P(ReportTest, CatalogueFromStoredRoutineVersions) {
  auto loaded = routine::LoadRoutineFile(std::string(STAFETT_SOURCE_DIR) +
                                         "/workflows/bti.yaml");
  ASSERT_TRUE(loaded.ok());
  store_->SaveRoutineVersion(*loaded.routine);
  ReportCatalog c = LoadReportCatalog(*db_, loaded.routine->tenant);
  const auto& r = *loaded.routine;
  EXPECT_EQ(c.Tags(r.id, r.version, "undringssamtale"), std::vector<int>{1});
  EXPECT_EQ(c.Tags(r.id, r.version, "meldt_barnevern"), std::vector<int>{4});
  EXPECT_TRUE(c.Tags(r.id, r.version, "undring_registrert").empty());
  EXPECT_TRUE(c.Tags(r.id, r.version + 1, "meldt_barnevern").empty());
  EXPECT_TRUE(LoadReportCatalog(*db_, "nobody")
                  .Tags(r.id, r.version, "meldt_barnevern")
                  .empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportTest,
                         ::testing::Values("sqlite", "postgresql"),
                         BackendName);

}  // namespace
}  // namespace stafett::store
