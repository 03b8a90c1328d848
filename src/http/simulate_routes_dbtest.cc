// POST /api/v1/routines/simulate over a real HttpService. The simulator
// reads no database, so SQLite alone is enough here.
#include <fstream>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include "core/json_writer.h"
#include "http/test_demo.h"

namespace stafett::http::testing {
namespace {

using engine::Role;

std::string Escaped(const std::string& text) { return JsonQuote(text); }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class SimulateRoutesDbTest : public DemoApiTest {
 protected:
  std::string Admin() { return Token(kDemo, "demo_admin", Role::kAdmin); }
};

TEST_P(SimulateRoutesDbTest, AnAdminSimulatesTheTenantsRoutine) {
  auto r = client_->Post("/api/v1/routines/simulate", Admin(),
                         R"({"routine":"bti","cases":200,"seed":3})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.Json();
  ASSERT_TRUE(j);
  auto result = j->getObject("result");
  EXPECT_EQ(result->getValue<int>("cases"), 200);
  EXPECT_EQ(result->getValue<int>("closed") + result->getValue<int>("open"),
            200);
  EXPECT_EQ(result->getValue<int>("refusals"), 0);
  EXPECT_EQ(j->getObject("routine")->getValue<std::string>("id"), "bti");
  // The same seed, the same figures; CSV on request.
  auto again = client_->Post("/api/v1/routines/simulate", Admin(),
                             R"({"routine":"bti","cases":200,"seed":3})");
  EXPECT_EQ(again.body, r.body);
  auto csv = client_->Call(
      "POST", "/api/v1/routines/simulate",
      {{"Authorization", "Bearer " + Admin()}, {"Accept", "text/csv"}},
      R"({"routine":"bti","cases":50})");
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(
      csv.body.rfind("section,service,step,month,value\ncases,,,,50\n", 0), 0u)
      << csv.body.substr(0, 200);
}

TEST_P(SimulateRoutesDbTest, ADraftWithMistakesGetsItsDiagnostics) {
  std::string draft = ReadFile(STAFETT_SOURCE_DIR "/workflows/bti.yaml");
  auto pos = draft.find("deadline: P14D");
  ASSERT_NE(pos, std::string::npos);
  draft.replace(pos, 8, "deadlnie");
  auto r = client_->Post("/api/v1/routines/simulate", Admin(),
                         R"({"source":)" + Escaped(draft) + "}");
  ExpectProblem(r, 422, "source");
  auto diags = r.Json()->getArray("diagnostics");
  ASSERT_TRUE(diags);
  ASSERT_GE(diags->size(), 1u);
  auto first = diags->getObject(0);
  EXPECT_GT(first->getValue<int>("line"), 1);
  EXPECT_GT(first->getValue<int>("column"), 1);
  EXPECT_NE(first->getValue<std::string>("message").find("deadline"),
            std::string::npos);

  auto bad_profile =
      client_->Post("/api/v1/routines/simulate", Admin(),
                    R"({"routine":"bti","profile":"consent: 2\n"})");
  ExpectProblem(bad_profile, 422, "profile");
  auto p = bad_profile.Json()->getArray("diagnostics")->getObject(0);
  EXPECT_EQ(p->getValue<int>("line"), 1);
  EXPECT_EQ(p->getValue<int>("column"), 10);
}

TEST_P(SimulateRoutesDbTest, RefusesWhatItCannotRun) {
  // Only administrators; the team and auditors get 403, no token 401.
  auto body = R"({"routine":"bti","cases":10})";
  ExpectProblem(client_->Post("/api/v1/routines/simulate", School(), body),
                403);
  ExpectProblem(client_->Post("/api/v1/routines/simulate",
                              Token(kDemo, "revisjon", Role::kAuditor), body),
                403);
  ExpectProblem(client_->Post("/api/v1/routines/simulate", "", body), 401);

  struct Row {
    const char* body;
    int status;
    const char* field;
  };
  const Row rows[] = {
      {"not json", 400, ""},
      {"[]", 422, ""},
      {R"({"routine":"bti","cases":20001})", 422, "cases"},
      {R"({"routine":"bti","cases":"10"})", 422, "cases"},
      {R"({"routine":"bti","months":0})", 422, "months"},
      {R"({"routine":"bti","start":"2027-13"})", 422, "start"},
      {R"({"routine":"bti","casse":10})", 422, "casse"},
      {R"({"routine":"ukjent"})", 422, "routine"},
      {R"({"cases":10})", 422, "routine"},
      {R"({"routine":"bti","source":"x"})", 422, "routine"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.body);
    ExpectProblem(client_->Post("/api/v1/routines/simulate", Admin(), row.body),
                  row.status, row.field);
  }
  // A draft of another municipality is not this tenant's to simulate.
  std::string other = ReadFile(STAFETT_SOURCE_DIR "/workflows/nesseby.yaml");
  ExpectProblem(client_->Post("/api/v1/routines/simulate", Admin(),
                              R"({"source":)" + Escaped(other) + "}"),
                422, "source");
}

INSTANTIATE_TEST_SUITE_P(Backends, SimulateRoutesDbTest,
                         ::testing::Values("sqlite"), store::BackendName);

}  // namespace
}  // namespace stafett::http::testing
