// The report routes end to end: cases made through the API and the engine
// (workflows/bti.yaml), the report read back as JSON and CSV, with the
// server's suppression, on SQLite and PostgreSQL. The figures themselves
// are checked one by one in store/report_dbtest.cc.
#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include "http/test_demo.h"

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

TEST_P(ReportRoutesDbTest, ComplianceJsonIsSuppressedAndRounded) {
  SixCases();
  Reply r = Compliance("from=2026-05&to=2026-05&group_by=step");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json");
  auto j = r.Json();
  ASSERT_TRUE(j);
  EXPECT_EQ(j->getValue<std::string>("report"), "compliance");
  EXPECT_EQ(j->getValue<std::string>("tenant"), kDemo);
  EXPECT_EQ(j->getObject("protection")->getValue<int>("min_count"), 5);
  ASSERT_EQ(j->getArray("groups")->size(), 2u);
  auto first = Group(r, 0);  // konkretisert sorts first
  auto second = Group(r, 1);
  EXPECT_EQ(first->getObject("key")->getValue<std::string>("step"),
            "konkretisert");
  EXPECT_EQ(second->getObject("key")->getValue<std::string>("step"),
            "undring_registrert");
  EXPECT_EQ(Figure(first, "visits"), 5);     // 6, rounded down
  EXPECT_EQ(Figure(first, "completed"), 0);  // still there
  EXPECT_EQ(Figure(second, "visits"), 5);    // 6
  EXPECT_EQ(Figure(second, "left_on_time"), 5);
  EXPECT_EQ(second->getObject("time_in_step_hours")->getValue<int>("median"),
            1);
  auto total = j->getObject("total");
  EXPECT_EQ(Figure(total, "visits"), 10);  // 12
  // Nothing about any child or case.
  EXPECT_EQ(r.body.find("Eleven"), std::string::npos);
  EXPECT_EQ(r.body.find("DEMO-2026"), std::string::npos);
}

TEST_P(ReportRoutesDbTest, FewCasesAreSuppressedAndSaySo) {
  Create();
  Create();
  Reply r = Compliance("from=2026-05&to=2026-05");
  ASSERT_EQ(r.status, 200) << r.body;
  auto total = r.Json()->getObject("total");
  EXPECT_TRUE(total->getObject("figures")->isNull("visits"));
  auto suppressed = total->getArray("suppressed");
  ASSERT_TRUE(suppressed);
  EXPECT_EQ(suppressed->getElement<std::string>(0), "visits");
  EXPECT_GE(
      r.Json()->getObject("protection")->getValue<int>("suppressed_cells"), 1);
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
  EXPECT_NE(r.body.find("\r\ngroup,0,10,5,5,0,5,"), std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("\r\ntotal,,10,"), std::string::npos) << r.body;
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

INSTANTIATE_TEST_SUITE_P(Backends, ReportRoutesDbTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::http::testing
