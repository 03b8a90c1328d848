// Issue 13's three ways to recover a suppressed 4, replayed against the
// database on SQLite and PostgreSQL (the clock injected): the tenant is
// seeded with the true counts, the reader asks every report the
// issue used, and an independent brute force (test_disclosure_checker.h)
// over every table of cells consistent with all of it must leave the 4
// open. The reader is given the tenant's rounding secret: the worst case.
// Also: the release log.
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "store/audit/report.h"
#include "store/audit/report_release.h"
#include "store/audit/test_disclosure_checker.h"
#include "store/audit/test_report_cases.h"
#include "store/cases/case_store.h"
#include "store/cases/test_decisions.h"
#include "store/sql/test_db.h"

namespace stafett::store {
namespace {

using testing::PossibleValues;
using testing::PublishedSum;
using testing::ReportCase;
using testing::TestRoutine;
using testing::Utc;

constexpr int kT = 5;
constexpr int kMaxCell = 15;  // the reader's cap: more tables, not fewer

class ReportDisclosureTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = OpenMigrated(2);
    ASSERT_NE(db_, nullptr);
    store_ = std::make_unique<CaseStore>(*db_, clock_);
    store_->SaveRoutineVersion(TestRoutine("nesseby"));
  }

  // `visits` visits of `step` at `level`, reported by `unit`, in January
  // 2026, one case each (so every visit is its case's first).
  void Visits(const std::string& unit, const std::string& step, int level,
              int visits) {
    for (int i = 0; i < visits; ++i) {
      char at[32];
      std::snprintf(at, sizeof at, "2026-01-%02dT%02d:00:00Z", 2 + seeded_ / 24,
                    seeded_ % 24);
      ++seeded_;
      ReportCase(*store_, "nesseby", unit)
          .Enter(step, level, "skole", at, testing::Days(14));
    }
  }

  void Tag(const std::string& step, std::vector<int> tags) {
    tags_[step] = std::move(tags);
  }

  ReportCatalog Catalog() const {
    routine::Routine r = TestRoutine("nesseby");
    r.steps.clear();
    for (const auto& [id, tags] : tags_) {
      routine::Step s;
      s.id = id;
      s.sjumilssteget = tags;
      r.steps.push_back(s);
    }
    ReportCatalog c;
    c.Add(r);
    return c;
  }

  ComplianceQuery Query(std::vector<ReportDim> dims) const {
    ComplianceQuery q;
    q.tenant = "nesseby";
    q.period = *MakePeriod({2026, 1}, {2026, 12});
    q.group_by = std::move(dims);
    q.now = kNow;
    return q;
  }

  // The reader's side: asks every grouping in `asked`, and works out the
  // values the cells of `target` (by the test's own reading of the
  // dimensions) can sum to over every table consistent with all of it.
  // Returns {the true sum, the possible sums}.
  std::pair<std::int64_t, std::set<std::int64_t>> Attack(
      const std::vector<std::vector<ReportDim>>& asked,
      const std::function<bool(const Cell&)>& target) {
    const ReportCatalog catalog = Catalog();
    const ComplianceFigures truth = ComputeCompliance(*db_, catalog, Query({}));
    const std::vector<Cell>& cells = truth.cells;
    std::vector<PublishedSum> published;
    for (const auto& dims : asked) {
      PublishedReport r =
          BuildReport(*db_, catalog, Query(dims), ReportKind::kCompliance, kT);
      EXPECT_EQ(r.table.suppressed_cells, 0);
      // Every group any cell could be in; one not listed published 0.
      std::map<std::vector<std::string>, PublishedSum> sums;
      for (int i = 0; i < static_cast<int>(cells.size()); ++i) {
        for (const auto& key :
             KeysOf(dims, cells[static_cast<std::size_t>(i)])) {
          sums[key].cells.push_back(i);
        }
      }
      for (const auto& g : r.table.groups) {
        auto it = sums.find(g.key);
        EXPECT_NE(it, sums.end()) << "a group the reader cannot place";
        if (it != sums.end())
          it->second.value = *g.published.counts[kVisits].value;
      }
      for (auto& [key, sum] : sums) published.push_back(sum);
      PublishedSum total;
      for (int i = 0; i < static_cast<int>(cells.size()); ++i)
        total.cells.push_back(i);
      total.value = *r.table.total.counts[kVisits].value;
      published.push_back(total);
    }
    const std::string secret = LoadReportSecret(*db_, "nesseby", kNow);
    std::vector<int> u;
    std::vector<int> target_cells;
    std::int64_t true_sum = 0;
    for (int i = 0; i < static_cast<int>(cells.size()); ++i) {
      const Cell& c = cells[static_cast<std::size_t>(i)];
      u.push_back(CellThresholds(secret, CellId(c.key), kT)[kVisits]);
      if (target(c)) {
        target_cells.push_back(i);
        true_sum += c.n[kVisits];
      }
    }
    auto publish = [&](int cell, std::int64_t v) {
      return RoundCount(v, u[static_cast<std::size_t>(cell)], kT);
    };
    auto possible = PossibleValues(static_cast<int>(cells.size()), kMaxCell,
                                   publish, published, {target_cells});
    return {true_sum, possible[0]};
  }

  // The test's own reading of a cell's groups (not GroupKeysOf).
  std::vector<std::vector<std::string>> KeysOf(
      const std::vector<ReportDim>& dims, const Cell& c) const {
    std::vector<std::vector<std::string>> keys = {{}};
    for (ReportDim d : dims) {
      std::vector<std::string> values;
      if (d == ReportDim::kUnit) values = {c.key.unit};
      if (d == ReportDim::kStep) values = {c.key.step};
      if (d == ReportDim::kLevel) values = {std::to_string(c.key.level)};
      if (d == ReportDim::kYear) values = {std::to_string(c.key.month.year)};
      if (d == ReportDim::kSjumilssteget) {
        auto it = tags_.find(c.key.step);
        if (it == tags_.end() || it->second.empty()) {
          values = {""};
        } else {
          for (int t : it->second) values.push_back(std::to_string(t));
        }
      }
      std::vector<std::vector<std::string>> next;
      for (const auto& k : keys) {
        for (const auto& v : values) {
          next.push_back(k);
          next.back().push_back(v);
        }
      }
      keys = std::move(next);
    }
    return keys;
  }

  void ExpectOpen(std::int64_t truth, const std::set<std::int64_t>& possible) {
    ASSERT_EQ(truth, 4);
    ASSERT_TRUE(possible.count(4)) << "the true table must fit";
    EXPECT_GE(possible.size(), 2u) << "the 4 is pinned";
  }

  const TimePoint kNow = Utc("2027-01-10T12:00:00Z");
  ManualClock clock_{Utc("2027-01-10T12:00:00Z")};
  std::unique_ptr<Database> db_;
  std::unique_ptr<CaseStore> store_;
  std::map<std::string, std::vector<int>> tags_;
  int seeded_ = 0;
};

// 1. Units 9, 9, 9, 9, 4 (and, grouped by step, the same): the old
// secondary suppression was undone by the total.
TEST_P(ReportDisclosureTest, FirstWaySecondarySuppressionAndTheTotal) {
  for (const char* unit : {"u1", "u2", "u3", "u4"}) Visits(unit, "s", 0, 9);
  Visits("u5", "s", 0, 4);
  auto [truth, possible] =
      Attack({{ReportDim::kUnit}, {}, {ReportDim::kStep}, {ReportDim::kLevel}},
             [](const Cell& c) { return c.key.unit == "u5"; });
  ExpectOpen(truth, possible);
}

TEST_P(ReportDisclosureTest, FirstWayGroupedByStep) {
  for (const char* step : {"a1", "a2", "a3", "a4"}) Visits("u", step, 0, 9);
  Visits("u", "y", 0, 4);
  auto [truth, possible] =
      Attack({{ReportDim::kStep}, {}, {ReportDim::kUnit}},
             [](const Cell& c) { return c.key.step == "y"; });
  ExpectOpen(truth, possible);
}

// 2. The kommuneanalyse: overlapping Sjumilssteget groups bounded by the
// total pinned the untagged group.
TEST_P(ReportDisclosureTest, SecondWaySjumilsstegetGroupsAndTheTotal) {
  Tag("p", {1, 3});
  Tag("q", {5, 7});
  Tag("r", {1, 5});
  Tag("s", {3, 7});
  for (const char* step : {"p", "q", "r", "s"}) Visits("u", step, 0, 9);
  Visits("u", "y", 0, 4);
  auto [truth, possible] =
      Attack({{ReportDim::kYear, ReportDim::kSjumilssteget},
              {ReportDim::kSjumilssteget},
              {},
              {ReportDim::kStep}},
             [](const Cell& c) { return c.key.step == "y"; });
  ExpectOpen(truth, possible);
}

// 3. Two reports combined: by step, and by level, whose step -> level map
// is public in the routine.
TEST_P(ReportDisclosureTest, ThirdWayTwoGroupingsAndTheRoutine) {
  for (const char* step : {"a1", "a2", "a3", "a4"}) Visits("u", step, 0, 9);
  Visits("u", "y", 0, 4);
  Visits("u", "b", 1, 5);
  auto [truth, possible] =
      Attack({{ReportDim::kStep},
              {ReportDim::kLevel},
              {},
              {ReportDim::kLevel, ReportDim::kStep}},
             [](const Cell& c) { return c.key.step == "y"; });
  ExpectOpen(truth, possible);
}

TEST_P(ReportDisclosureTest, TheReleaseLogKeepsWhatWasPublished) {
  Visits("u1", "s", 0, 7);
  const std::string json = ReportJson(BuildReport(
      *db_, Catalog(), Query({ReportDim::kUnit}), ReportKind::kCompliance, kT));
  ReportRelease r;
  r.tenant = "nesseby";
  r.at = kNow;
  r.actor_service = "kommune";
  r.actor_role = "auditor";
  r.kind = "compliance";
  r.period_from = "2026-01";
  r.period_to = "2026-12";
  r.group_by = "unit";
  r.figures = json;
  RecordRelease(*db_, r);
  r.at = kNow + testing::Days(1);
  r.group_by = "";
  RecordRelease(*db_, r);
  auto got = LoadReleases(*db_, "nesseby");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].group_by, "unit");
  EXPECT_EQ(got[0].figures, json);
  EXPECT_EQ(got[0].at, kNow);
  EXPECT_EQ(got[0].actor_role, "auditor");
  EXPECT_EQ(got[1].group_by, "");
  EXPECT_TRUE(LoadReleases(*db_, "other").empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportDisclosureTest,
                         ::testing::Values("sqlite", "postgresql"),
                         BackendName);

}  // namespace
}  // namespace stafett::store
