// Who may call what, on every report and case route, over real sockets on
// SQLite and PostgreSQL; and the case access log (admin only) that records
// every read.
#include <map>

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include "http/test_demo.h"

namespace stafett::http::testing {
namespace {

using engine::Role;

class AuditRoutesDbTest : public DemoApiTest {
 protected:
  std::string As(Role role) { return Token(kDemo, kSchool, role); }

  long long Version(const std::string& id) {
    return store_->GetCase(kDemo, id)->version;
  }
};

// The caller: a role of the school's staff, or no token at all.
struct Caller {
  const char* name;
  std::optional<Role> role;
};
const Caller kCallers[] = {{"worker", Role::kWorker},
                           {"coordinator", Role::kCoordinator},
                           {"unit_leader", Role::kUnitLeader},
                           {"auditor", Role::kAuditor},
                           {"admin", Role::kAdmin},
                           {"no token", std::nullopt}};

TEST_P(AuditRoutesDbTest, RoleRulesOnEveryReportAndCaseRoute) {
  const std::string id = Create().Str("id");
  ASSERT_FALSE(id.empty());
  const std::string case_path = "/api/v1/cases/" + id;
  struct Route {
    const char* method;
    std::string path;
    std::string body;
    // Expected status per caller, in kCallers order.
    std::array<int, 6> want;
  };
  const std::string note = R"({"type":"note","text":"Notat fra teamet."})";
  const std::vector<Route> routes = {
      // Reports: auditor and admin only; the team, unit leaders included,
      // does not read them.
      {"GET",
       "/api/v1/reports/compliance?from=2026-01&to=2026-12",
       "",
       {403, 403, 403, 200, 200, 401}},
      {"GET",
       "/api/v1/reports/compliance?from=2026-05&to=2026-05&group_by=step",
       "",
       {403, 403, 403, 200, 200, 401}},
      {"GET",
       "/api/v1/reports/kommuneanalyse?from=2026&to=2026",
       "",
       {403, 403, 403, 200, 200, 401}},
      // A case's access log: admin only. An auditor never reads one case.
      {"GET", case_path + "/access-log", "", {403, 403, 403, 403, 200, 401}},
      // Case routes: the team; auditor and admin get 403.
      {"GET", case_path, "", {200, 200, 200, 403, 403, 401}},
      {"GET", case_path + "/log", "", {200, 200, 200, 403, 403, 401}},
      {"GET", "/api/v1/cases", "", {200, 200, 200, 403, 403, 401}},
      {"POST", "/api/v1/cases", kConcern, {201, 201, 201, 403, 403, 401}},
      {"POST", case_path + "/commands", note, {200, 200, 200, 403, 403, 401}},
  };
  for (const Route& route : routes) {
    for (std::size_t c = 0; c < std::size(kCallers); ++c) {
      Headers headers;
      if (kCallers[c].role) {
        headers.emplace_back("Authorization",
                             "Bearer " + As(*kCallers[c].role));
      }
      if (route.path.find("/commands") != std::string::npos) {
        headers.emplace_back("If-Match",
                             "\"" + std::to_string(Version(id)) + "\"");
      }
      Reply r = client_->Call(route.method, route.path, headers, route.body);
      EXPECT_EQ(r.status, route.want[c]) << route.method << " " << route.path
                                         << " as " << kCallers[c].name << "\n"
                                         << r.body;
      if (route.want[c] >= 400) {
        EXPECT_EQ(r.Header("content-type"), "application/problem+json");
        EXPECT_EQ(r.body.find("Eleven virker sliten"), std::string::npos);
      }
    }
  }
}

TEST_P(AuditRoutesDbTest, AdminReadsWhoReadTheCaseAndWhy) {
  const std::string id = Create().Str("id");
  ASSERT_EQ(client_
                ->Call("GET", "/api/v1/cases/" + id,
                       {{"Authorization", "Bearer " + School()},
                        {"X-Access-Reason", "Forberede ressursteam"}})
                .status,
            200);
  clock_.Advance(std::chrono::minutes(5));
  ASSERT_EQ(client_->Get("/api/v1/cases/" + id + "/log", Health()).status,
            404);  // the health service may not see it: no read, no record
  ASSERT_EQ(client_->Get("/api/v1/cases/" + id + "/log", School()).status, 200);
  clock_.Advance(std::chrono::minutes(5));
  Reply r = client_->Call("GET", "/api/v1/cases/" + id + "/access-log",
                          {{"Authorization", "Bearer " + As(Role::kAdmin)},
                           {"X-Access-Reason", "Innsynskrav"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.Json();
  ASSERT_TRUE(j);
  EXPECT_EQ(j->getValue<std::string>("case_id"), id);
  auto entries = j->getArray("entries");
  ASSERT_TRUE(entries);
  std::vector<std::string> actions;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    actions.push_back(entries->getObject(i)->getValue<std::string>("action"));
  }
  // The admin's own read is recorded before the log is read.
  ASSERT_EQ(actions, (std::vector<std::string>{"read_case", "read_journal",
                                               "read_access_log"}));
  auto first = entries->getObject(0);
  EXPECT_EQ(first->getValue<std::string>("service"), kSchool);
  EXPECT_EQ(first->getValue<std::string>("role"), "worker");
  EXPECT_EQ(first->getValue<std::string>("reason"), "Forberede ressursteam");
  EXPECT_EQ(first->getValue<std::string>("at"), FormatUtc(kTestStart));
  EXPECT_TRUE(entries->getObject(1)->isNull("reason"));
  auto last = entries->getObject(2);
  EXPECT_EQ(last->getValue<std::string>("role"), "admin");
  EXPECT_EQ(last->getValue<std::string>("reason"), "Innsynskrav");
  // No case content in the answer.
  EXPECT_EQ(r.body.find("Eleven virker sliten"), std::string::npos);
  EXPECT_EQ(r.body.find("reference"), std::string::npos);
}

TEST_P(AuditRoutesDbTest, AccessLogOfAnUnknownOrForeignCaseIs404) {
  const std::string id = Create().Str("id");
  const std::string other_admin = Token("nesseby", "skole", Role::kAdmin);
  ExpectProblem(
      client_->Get("/api/v1/cases/" + id + "/access-log", other_admin), 404);
  ExpectProblem(client_->Get("/api/v1/cases/0123456789abcdef0123456789abcdef"
                             "/access-log",
                             As(Role::kAdmin)),
                404);
  ExpectProblem(
      client_->Get("/api/v1/cases/not-an-id/access-log", As(Role::kAdmin)),
      404);
  ExpectProblem(
      client_->Get("/api/v1/cases/" + id + "/access-log?reason=ring+912+34+567",
                   As(Role::kAdmin)),
      422, "reason");
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditRoutesDbTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::http::testing
