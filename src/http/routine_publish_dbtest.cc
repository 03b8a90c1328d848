// Publishing a routine over real HTTP on both databases: the check's
// diagnostics, diff and affected cases, the refusals, idempotency, version
// listing, old versions by number, and a case created after publishing
// using the new version (docs/routine-lifecycle.md).
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include "http/test_demo.h"

namespace stafett::http::testing {
namespace {

using engine::Role;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string& Bti() {
  static const std::string text =
      ReadFile(STAFETT_SOURCE_DIR "/workflows/bti.yaml");
  return text;
}

int VersionOf(const std::string& text) {
  std::smatch m;
  std::regex re("\nversion: (\\d+)");
  return std::regex_search(text, m, re) ? std::stoi(m[1]) : -1;
}

std::string WithVersion(std::string text, int v) {
  return std::regex_replace(text, std::regex("\nversion: \\d+"),
                            "\nversion: " + std::to_string(v),
                            std::regex_constants::format_first_only);
}

// The initial step's first deadline changed: one changed step.
std::string ChangedDeadline(std::string text) {
  auto at = text.find("deadline: P14D");
  text.replace(at, 14, "deadline: P10D");
  return text;
}

class RoutinePublishDbTest : public DemoApiTest {
 protected:
  std::string Admin() { return Token(kDemo, "demo_admin", Role::kAdmin); }
  Reply Yaml(const std::string& path, const std::string& body,
             const std::string& token,
             const std::string& type = "application/yaml") {
    return client_->Call("POST", path, {{"Authorization", "Bearer " + token}},
                         body, type);
  }
};

struct Row {
  const char* name;
  std::function<std::string()> text;
  bool ok;
  bool publishable;
  std::string refusal;     // check's refusal code, "" for none
  std::string diag_code;   // first diagnostic's code, "" for none
  int diag_line;           // its line (0: not checked)
  std::string suggestion;  // its suggestion, "" for none
  int publish_status;
  std::string problem_code;  // of the publish problem
};

TEST_P(RoutinePublishDbTest, CheckAndPublishAnswerEveryCaseAsTheContractSays) {
  const int v = VersionOf(Bti());
  ASSERT_GT(v, 0);
  const std::vector<Row> rows = {
      {"the served file again: idempotent", [] { return Bti(); }, true, true,
       "", "", 0, "", 200, ""},
      {"same version, other content", [] { return ChangedDeadline(Bti()); },
       true, false, "version_exists", "", 0, "", 409, "version_exists"},
      {"misspelt key",
       [] {
         std::string t = Bti();
         t.replace(t.find("deadline: P14D"), 8, "deadlnie");
         return t;
       },
       false, false, "", "unknown_key", 0, "deadline", 422, "invalid_argument"},
      {"not YAML", [] { return std::string("routine: [bti\n"); }, false, false,
       "", "yaml_syntax", 0, "", 422, "invalid_argument"},
      {"another municipality's routine",
       [] { return ReadFile(STAFETT_SOURCE_DIR "/workflows/nesseby.yaml"); },
       true, false, "tenant_mismatch", "", 0, "", 403, "permission_denied"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const std::string text = row.text();
    Reply c = Yaml("/api/v1/routines/check", text, Admin());
    ASSERT_EQ(c.status, 200) << c.body;
    auto j = c.Json();
    ASSERT_TRUE(j);
    EXPECT_EQ(j->getValue<bool>("ok"), row.ok) << c.body;
    EXPECT_EQ(j->getValue<bool>("publishable"), row.publishable) << c.body;
    if (row.refusal.empty()) {
      EXPECT_TRUE(j->isNull("refusal")) << c.body;
    } else {
      EXPECT_EQ(j->getObject("refusal")->getValue<std::string>("code"),
                row.refusal);
    }
    auto diags = j->getArray("diagnostics");
    if (row.diag_code.empty()) {
      EXPECT_EQ(diags->size(), 0u) << c.body;
    } else {
      ASSERT_GE(diags->size(), 1u);
      Poco::JSON::Object::Ptr d;
      for (std::size_t k = 0; k < diags->size() && d.isNull(); ++k) {
        auto e = diags->getObject(static_cast<unsigned>(k));
        if (e->getValue<std::string>("code") == row.diag_code) d = e;
      }
      ASSERT_FALSE(d.isNull()) << c.body;
      EXPECT_EQ(d->getValue<std::string>("severity"), "error");
      EXPECT_GE(d->getValue<int>("line"), 1);
      EXPECT_GE(d->getValue<int>("column"), 1);
      if (!row.suggestion.empty()) {
        EXPECT_EQ(d->getValue<std::string>("suggestion"), row.suggestion);
      }
      EXPECT_TRUE(j->isNull("diff"));
    }

    Reply p = Yaml("/api/v1/routines", text, Admin());
    EXPECT_EQ(p.status, row.publish_status) << p.body;
    if (!row.problem_code.empty()) {
      ExpectProblem(p, row.publish_status);
      EXPECT_EQ(p.Str("code"), row.problem_code) << p.body;
      if (row.publish_status == 422) {
        EXPECT_GE(p.Json()->getArray("diagnostics")->size(), 1u);
      }
    } else {
      EXPECT_EQ(p.Int("version"), v);
    }
  }
}

TEST_P(RoutinePublishDbTest, OnlyAdminsPublishAndOnlyYaml) {
  ExpectProblem(Yaml("/api/v1/routines/check", Bti(), School()), 403);
  ExpectProblem(Yaml("/api/v1/routines", Bti(), School()), 403);
  ExpectProblem(Yaml("/api/v1/routines", Bti(), Admin(), "application/json"),
                415);
  ExpectProblem(Yaml("/api/v1/routines", Bti(), ""), 401);
}

TEST_P(RoutinePublishDbTest, APublishedVersionIsServedAtOnceAndOldOnesStay) {
  const int v = VersionOf(Bti());
  // An open case on the initial step, which the new version changes.
  Reply created = Create();
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string step = created.Str("step");

  const std::string next = WithVersion(ChangedDeadline(Bti()), v + 1);
  Reply c = Yaml("/api/v1/routines/check", next, Admin());
  ASSERT_EQ(c.status, 200);
  auto j = c.Json();
  EXPECT_TRUE(j->getValue<bool>("publishable")) << c.body;
  auto diff = j->getObject("diff");
  EXPECT_EQ(diff->getValue<int>("against_version"), v);
  EXPECT_EQ(diff->getArray("steps_added")->size(), 0u);
  ASSERT_EQ(diff->getArray("steps_changed")->size(), 1u) << c.body;
  auto changed = diff->getArray("steps_changed")->getObject(0);
  EXPECT_EQ(changed->getValue<std::string>("step"), step);
  EXPECT_EQ(changed->getArray("what")->getElement<std::string>(0), "deadline");
  auto affected = j->getObject("affected");
  EXPECT_EQ(affected->getValue<int>("open_cases"), 1);
  auto on = affected->getArray("by_step")->getObject(0);
  EXPECT_EQ(on->getValue<std::string>("step"), step);
  EXPECT_TRUE(on->getValue<bool>("changes"));

  Reply p = Yaml("/api/v1/routines", next, Admin());
  ASSERT_EQ(p.status, 201) << p.body;
  EXPECT_EQ(p.Int("version"), v + 1);
  const std::string hash = p.Str("hash");
  EXPECT_EQ(Yaml("/api/v1/routines", next, Admin()).body, p.body)
      << "the same content again answers the same";
  // Numbers may skip; a lower number than the current one is refused.
  Reply higher = Yaml("/api/v1/routines", WithVersion(Bti(), v + 5), Admin());
  EXPECT_EQ(higher.status, 201) << higher.body;
  Reply lower = Yaml("/api/v1/routines", WithVersion(next, v + 2), Admin());
  EXPECT_EQ(lower.status, 409) << lower.body;
  EXPECT_EQ(lower.Str("code"), "version_not_newer");

  // The new case uses the current version; the old case keeps its own.
  Reply second = Create();
  ASSERT_EQ(second.status, 201) << second.body;
  auto list = client_->Get("/api/v1/routines", School());
  ASSERT_EQ(list.status, 200);
  auto item = list.Json()->getArray("items")->getObject(0);
  EXPECT_EQ(item->getValue<int>("version"), v + 5);
  auto versions = item->getArray("versions");
  ASSERT_EQ(versions->size(), 3u) << list.body;
  EXPECT_EQ(versions->getObject(0)->getValue<int>("version"), v + 5);
  EXPECT_TRUE(versions->getObject(0)->getValue<bool>("current"));
  // A count of 1 is for the administrator, who migrates cases; any other
  // role gets null (found in review: auditors saw exact small counts).
  EXPECT_TRUE(versions->getObject(0)->isNull("open_cases")) << list.body;
  EXPECT_EQ(versions->getObject(1)->getValue<std::string>("hash"), hash);
  EXPECT_FALSE(versions->getObject(2)->getValue<bool>("current"));
  for (Role role : {Role::kAuditor, Role::kCoordinator}) {
    auto seen = client_->Get("/api/v1/routines", Token(kDemo, kSchool, role));
    ASSERT_EQ(seen.status, 200);
    EXPECT_EQ(seen.body.find("\"open_cases\":1"), std::string::npos)
        << seen.body;
  }
  auto admin =
      client_->Get("/api/v1/routines", Token(kDemo, kSchool, Role::kAdmin));
  ASSERT_EQ(admin.status, 200);
  auto counted =
      admin.Json()->getArray("items")->getObject(0)->getArray("versions");
  EXPECT_EQ(counted->getObject(0)->getValue<int>("open_cases"), 1);
  EXPECT_EQ(counted->getObject(2)->getValue<int>("open_cases"), 1);
  EXPECT_EQ(store_->GetCase(kDemo, second.Str("id"))->routine_version, v + 5);
  EXPECT_EQ(store_->GetCase(kDemo, created.Str("id"))->routine_version, v);

  auto old = client_->Get("/api/v1/routines/bti?version=" + std::to_string(v),
                          School());
  ASSERT_EQ(old.status, 200) << old.body;
  EXPECT_EQ(old.Int("version"), v);
  EXPECT_FALSE(old.Json()->getValue<bool>("current"));
  auto cur = client_->Get("/api/v1/routines/bti", School());
  EXPECT_TRUE(cur.Json()->getValue<bool>("current"));
  ExpectProblem(client_->Get("/api/v1/routines/bti?version=99", School()), 404);
  ExpectProblem(client_->Get("/api/v1/routines/bti?version=x", School()), 422,
                "version");
}

TEST_P(RoutinePublishDbTest, AnAdminMovesOpenCasesToTheNewVersion) {
  const int v = VersionOf(Bti());
  Reply created = Create();
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.Str("id"), step = created.Str("step");
  const std::string path = "/api/v1/routines/bti/migrations";
  const std::string to = std::to_string(v + 1);
  ExpectProblem(client_->Post(path, Admin(), R"({"to":)" + to + "}"), 404);
  ASSERT_EQ(Yaml("/api/v1/routines", WithVersion(ChangedDeadline(Bti()), v + 1),
                 Admin())
                .status,
            201);
  ExpectProblem(client_->Post(path, School(), R"({"to":)" + to + "}"), 403);
  ExpectProblem(client_->Post(path, Admin(), R"({"to":"x"})"), 422, "to");
  ExpectProblem(client_->Post(path, Admin(), R"({"to":1,"mapp":{}})"), 422,
                "mapp");

  // A map to a step the version lacks: refused, nothing moves.
  Reply refused = client_->Post(
      path, Admin(), R"({"to":)" + to + R"(,"map":{")" + step + R"(":"nei"}})");
  ExpectProblem(refused, 422, "map");
  auto rj = refused.Json();
  EXPECT_EQ(rj->getValue<int>("refused"), 1);
  EXPECT_EQ(rj->getArray("refusals")
                ->getObject(0)
                ->getValue<std::string>("reference"),
            created.Str("reference"));
  EXPECT_EQ(store_->GetCase(kDemo, id)->routine_version, v);

  Reply dry =
      client_->Post(path, Admin(), R"({"to":)" + to + R"(,"dry_run":true})");
  ASSERT_EQ(dry.status, 200) << dry.body;
  auto by = dry.Json()->getArray("by_step")->getObject(0);
  EXPECT_EQ(by->getValue<std::string>("from_step"), step);
  EXPECT_EQ(by->getValue<std::string>("to_step"), step);
  EXPECT_EQ(by->getValue<int>("cases"), 1);
  EXPECT_EQ(store_->GetCase(kDemo, id)->routine_version, v);

  Reply run = client_->Post(path, Admin(), R"({"to":)" + to + "}");
  ASSERT_EQ(run.status, 200) << run.body;
  EXPECT_EQ(run.Int("migrated"), 1);
  EXPECT_EQ(store_->GetCase(kDemo, id)->routine_version, v + 1);
  EXPECT_EQ(Journal(id).back().entry.kind, "routine_migrated");
  Reply again = client_->Post(path, Admin(), R"({"to":)" + to + "}");
  EXPECT_EQ(again.Int("migrated"), 0);
  EXPECT_EQ(again.Int("already"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, RoutinePublishDbTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::http::testing
