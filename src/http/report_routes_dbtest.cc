// The report routes end to end: cases made through the API and the engine
// (workflows/bti.yaml), the report read back as JSON and CSV, with the
// server's rounding and its release log, on SQLite and PostgreSQL. The figures
// themselves are checked one by one in store/audit/report_dbtest.cc.
#include <set>

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include "http/test_demo.h"
#include "store/audit/report_release.h"

namespace stafett::http::testing {
namespace {

using engine::Role;

class ReportRoutesDbTest : public DemoApiTest {
 protected:
  std::string Auditor() { return Token(kDemo, kSchool, Role::kAuditor); }

  // Six concerns logged, an hour later each made concrete: twelve visits,
  // six to the first step (left after exactly one hour) and six to the
  // second (open, deadline ahead).
  void SixCases() {
    std::vector<std::string> ids;
    for (int i = 0; i < 6; ++i) ids.push_back(Create().Str("id"));
    clock_.Advance(std::chrono::hours(1));
    for (const auto& id : ids) Must(School(), id, 1, Outcome("describe"));
  }

  Reply Compliance(const std::string& query, Headers extra = {}) {
    extra.emplace_back("Authorization", "Bearer " + Auditor());
    return client_->Call("GET", "/api/v1/reports/compliance?" + query, extra);
  }

  static Poco::JSON::Object::Ptr Group(const Reply& r, std::size_t i) {
    return r.Json()->getArray("groups")->getObject(i);
  }
  static long long Figure(Poco::JSON::Object::Ptr g, const std::string& name) {
    auto f = g->getObject("figures");
    return f->isNull(name) ? -1 : f->getValue<long long>(name);
  }
};

// The rounding is per cell with the tenant's secret (store/audit/disclosure.h),
// drawn at the first report: a count of 6 publishes 5 or 10, never 6, and
// the groups add up to the total.
TEST_P(ReportRoutesDbTest, ComplianceJsonIsRounded) {
  SixCases();
  Reply r = Compliance("from=2026-05&to=2026-05&group_by=step");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json");
  auto j = r.Json();
  ASSERT_TRUE(j);
  EXPECT_EQ(j->getValue<std::string>("report"), "compliance");
  EXPECT_EQ(j->getValue<std::string>("tenant"), kDemo);
  auto protection = j->getObject("protection");
  EXPECT_EQ(protection->getValue<int>("min_count"), 5);
  EXPECT_EQ(protection->getValue<std::string>("rounding"),
            "cells_to_multiple_of_min_count");
  EXPECT_EQ(protection->getValue<int>("suppressed_cells"), 0);
  ASSERT_EQ(j->getArray("groups")->size(), 2u);
  auto first = Group(r, 0);  // konkretisert sorts first
  auto second = Group(r, 1);
  EXPECT_EQ(first->getObject("key")->getValue<std::string>("step"),
            "konkretisert");
  EXPECT_EQ(second->getObject("key")->getValue<std::string>("step"),
            "undring_registrert");
  const std::set<long long> six = {5, 10};
  EXPECT_TRUE(six.count(Figure(first, "visits")));
  EXPECT_EQ(Figure(first, "completed"), 0);  // still there
  EXPECT_TRUE(six.count(Figure(second, "visits")));
  EXPECT_TRUE(six.count(Figure(second, "left_on_time")));
  // Percentiles only when the published count proves more than 5.
  EXPECT_EQ(second->getObject("time_in_step_hours")->isNull("median"),
            Figure(second, "completed") < 10);
  auto total = j->getObject("total");
  EXPECT_EQ(Figure(total, "visits"),
            Figure(first, "visits") + Figure(second, "visits"));
  // Asking again gives the same figures: the rounding is fixed per cell.
  EXPECT_EQ(Compliance("from=2026-05&to=2026-05&group_by=step").body, r.body);
  // Nothing about any child or case.
  EXPECT_EQ(r.body.find("Eleven"), std::string::npos);
  EXPECT_EQ(r.body.find("DEMO-2026"), std::string::npos);
}

TEST_P(ReportRoutesDbTest, FewCasesAreRoundedAndSaySo) {
  Create();
  Create();
  Reply r = Compliance("from=2026-05&to=2026-05");
  ASSERT_EQ(r.status, 200) << r.body;
  auto total = r.Json()->getObject("total");
  const long long visits = Figure(total, "visits");
  EXPECT_TRUE(visits == 0 || visits == 5) << r.body;  // 2, never shown
  EXPECT_EQ(total->getArray("suppressed")->size(), 0u);
  EXPECT_EQ(
      r.Json()->getObject("protection")->getValue<int>("suppressed_cells"), 0);
}

TEST_P(ReportRoutesDbTest, CsvWhenTheRequestAcceptsIt) {
  SixCases();
  Reply r = Compliance("from=2026-05&to=2026-05&group_by=level",
                       {{"Accept", "text/csv"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(r.Header("content-disposition"),
            "attachment; filename=\"etterlevelse-demo-2026-05-2026-05.csv\"");
  EXPECT_EQ(r.body.substr(0, r.body.find("\r\n")),
            "row,level,visits,decided,left_on_time,overdue_now,completed,"
            "level_up,level_down,without_baton_holder,consents_expired,"
            "child_welfare_reports,child_welfare_confirmed_same_day,"
            "on_time_percent,median_hours,p90_hours,suppressed");
  EXPECT_NE(r.body.find("\r\ngroup,0,"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\r\ntotal,,"), std::string::npos) << r.body;
}

TEST_P(ReportRoutesDbTest, KommuneanalyseByYearAndStep) {
  SixCases();
  Reply r = client_->Get("/api/v1/reports/kommuneanalyse?from=2026&to=2026",
                         Auditor());
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.Json();
  EXPECT_EQ(j->getValue<std::string>("report"), "kommuneanalyse");
  auto by = j->getArray("group_by");
  EXPECT_EQ(by->getElement<std::string>(0), "year");
  EXPECT_EQ(by->getElement<std::string>(1), "sjumilssteget");
  // Neither step visited is tagged in bti.yaml: one untagged group.
  ASSERT_EQ(j->getArray("groups")->size(), 1u);
  auto g = Group(r, 0);
  EXPECT_TRUE(g->getObject("key")->isNull("sjumilssteget"));
  EXPECT_EQ(g->getObject("key")->getValue<int>("year"), 2026);
  EXPECT_EQ(g->getValue<std::string>("step_name"), "Uten steg");
  Reply csv = client_->Call(
      "GET", "/api/v1/reports/kommuneanalyse?from=2026&to=2026",
      {{"Authorization", "Bearer " + Auditor()}, {"Accept", "text/csv"}});
  EXPECT_EQ(csv.Header("content-disposition"),
            "attachment; filename=\"kommuneanalyse-demo-2026-2026.csv\"");
}

TEST_P(ReportRoutesDbTest, BadParametersAre422NamingThem) {
  struct Case {
    const char* query;
    const char* field;
  } cases[] = {
      {"to=2026-05", "from"},
      {"from=2026-05", "to"},
      {"from=2026-5&to=2026-05", "from"},
      {"from=2026-06&to=2026-05", "to"},
      {"from=2016-01&to=2026-05", "to"},
      {"from=2026-05&to=2026-05&group_by=name", "group_by"},
      {"from=2026-05&to=2026-05&group_by=step,step", "group_by"},
      // The minimum count is the server's; a caller cannot lower it.
      {"from=2026-05&to=2026-05&min_count=1", "min_count"},
      {"from=2026-05&to=2026-05&reason=ring+912+34+567", "reason"},
  };
  for (const auto& c : cases) {
    Reply r = Compliance(c.query);
    ExpectProblem(r, 422, c.field);
  }
  ExpectProblem(
      client_->Get("/api/v1/reports/kommuneanalyse?from=2026-01&to=2026",
                   Auditor()),
      422, "from");
  ExpectProblem(client_->Get("/api/v1/reports/kommuneanalyse?from=2010&to=2026",
                             Auditor()),
                422, "to");
}

TEST_P(ReportRoutesDbTest, EveryReportRequestIsInTheAccessLog) {
  Create();
  ASSERT_EQ(Compliance("from=2026-01&to=2026-05&group_by=service,month&"
                       "reason=Kvartalsrapport")
                .status,
            200);
  clock_.Advance(std::chrono::seconds(1));
  ASSERT_EQ(
      client_
          ->Get("/api/v1/reports/kommuneanalyse?from=2025&to=2026", Auditor())
          .status,
      200);
  auto records = store_->AccessLog(kDemo, "");
  std::vector<std::string> actions;
  for (const auto& r : records) {
    if (r.actor_role == Role::kAuditor) actions.push_back(r.action);
  }
  ASSERT_EQ(actions, (std::vector<std::string>{
                         "report_compliance 2026-01..2026-05 service,month",
                         "report_kommuneanalyse 2025..2026"}));
  for (const auto& r : records) {
    if (r.action.rfind("report_compliance", 0) == 0) {
      EXPECT_EQ(r.reason, "Kvartalsrapport");
    }
  }
}

TEST_P(ReportRoutesDbTest, EveryServedReportIsInTheReleaseLog) {
  Create();
  Reply json = Compliance("from=2026-01&to=2026-05&group_by=service,month");
  ASSERT_EQ(json.status, 200);
  clock_.Advance(std::chrono::seconds(1));
  Reply csv = Compliance("from=2026-05&to=2026-05", {{"Accept", "text/csv"}});
  ASSERT_EQ(csv.status, 200);
  clock_.Advance(std::chrono::seconds(1));
  ASSERT_EQ(
      client_
          ->Get("/api/v1/reports/kommuneanalyse?from=2025&to=2026", Auditor())
          .status,
      200);
  auto releases = store::LoadReleases(*db_, kDemo);
  ASSERT_EQ(releases.size(), 3u);
  EXPECT_EQ(releases[0].kind, "compliance");
  EXPECT_EQ(releases[0].period_from, "2026-01");
  EXPECT_EQ(releases[0].period_to, "2026-05");
  EXPECT_EQ(releases[0].group_by, "service,month");
  EXPECT_EQ(releases[0].actor_role, "auditor");
  EXPECT_EQ(releases[0].figures, json.body);  // exactly what was served
  EXPECT_EQ(releases[1].group_by, "");        // served as CSV, kept as JSON
  EXPECT_EQ(releases[1].figures.front(), '{');
  EXPECT_EQ(releases[2].kind, "kommuneanalyse");
  EXPECT_EQ(releases[2].period_from, "2025-01");
  EXPECT_EQ(releases[2].period_to, "2026-12");
  EXPECT_EQ(releases[2].group_by, "year,sjumilssteget");
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportRoutesDbTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::http::testing
