// What the team roles mean, through the one HTTP scoping place and the
// engine, on SQLite and PostgreSQL (docs/security.md "Roles"): the
// worklist by role, a coordinator reassigning a stuck baton and closing
// for an absent service, and a worker that may do neither.
#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include "http/test_demo.h"

namespace stafett::http::testing {
namespace {

using engine::Role;

class RolesDbTest : public DemoApiTest {
 protected:
  // A level-1 case of the school with consent for the school, the health
  // service and PPT; the school is responsible, nobody holds the baton.
  std::pair<std::string, long long> LevelOneCase() {
    const std::string id = Create().Str("id");
    long long v = 1;
    v = Must(School(), id, v, Outcome("describe"));
    v = Must(School(), id, v,
             Outcome("discuss", R"({"observation":"Sliten og stille."})"));
    v = Must(
        School(), id, v,
        Outcome("talk_with_family", R"({"discussed_with":"ressursteam"})"));
    v = Must(
        School(), id, v,
        Outcome(
            "decide",
            R"({"conversation_date":"2026-05-27","child_view":"Sover dårlig."})"));
    v = Must(
        School(), id, v,
        R"({"type":"consent","given_by":"guardians","services":["demo_skole","helsestasjon","ppt"],"valid_until":"2027-05-27"})");
    v = Must(School(), id, v, Outcome("level1"));
    return {id, v};
  }
  bool Lists(const std::string& token, const std::string& id) {
    Reply r = client_->Get("/api/v1/cases", token);
    EXPECT_EQ(r.status, 200) << r.body;
    auto items = r.Json()->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
      if (items->getObject(static_cast<unsigned>(i))
              ->getValue<std::string>("id") == id) {
        return true;
      }
    }
    return false;
  }
};

TEST_P(RolesDbTest, WorklistByRole) {
  auto [id, v] = LevelOneCase();
  struct Row {
    std::string service;
    Role role;
    bool listed;
  } rows[] = {
      {kSchool, Role::kWorker, true},      // its own work
      {kHealth, Role::kWorker, false},     // takes part, no work now
      {kHealth, Role::kUnitLeader, true},  // the unit's whole list
      {kHealth, Role::kCoordinator, true},
      {"nav", Role::kCoordinator, false},  // outside consent: nothing
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.service + " " + engine::RoleName(row.role));
    EXPECT_EQ(Lists(Token(kDemo, row.service, row.role), id), row.listed);
  }
  // The worker still reads it, and finds it by reference.
  Reply read = client_->Get("/api/v1/cases/" + id, Health());
  ASSERT_EQ(read.status, 200) << read.body;
  Reply byref = client_->Get("/api/v1/cases?reference=" + read.Str("reference"),
                             Health());
  EXPECT_EQ(byref.Json()->getArray("items")->size(), 1u);
}

TEST_P(RolesDbTest, CoordinatorReassignsAndClosesForAnAbsentService) {
  auto [id, v] = LevelOneCase();
  const std::string offer = R"({"type":"offer_baton","to":"ppt"})";
  // A worker or unit leader of another service may not.
  ExpectProblem(Command(Health(), id, v, offer), 409);
  ExpectProblem(Command(Token(kDemo, kHealth, Role::kUnitLeader), id, v, offer),
                409);
  const std::string coordinator = Token(kDemo, kHealth, Role::kCoordinator);
  v = Must(coordinator, id, v, offer);
  auto journal = Journal(id);
  const auto& e = journal.back().entry;
  EXPECT_EQ(e.kind, "baton_offered");
  EXPECT_EQ(e.actor_service, kHealth);
  EXPECT_EQ(e.actor_role, Role::kCoordinator);
  EXPECT_NE(e.detail_json.find(R"("on_behalf_of":"demo_skole")"),
            std::string::npos)
      << e.detail_json;

  const std::string close =
      R"({"type":"close","reason":"Skolen er uten kontaktlærer; avsluttet i teamet."})";
  ExpectProblem(Command(Health(), id, v, close), 409);
  v = Must(coordinator, id, v, close);
  Reply closed = client_->Get("/api/v1/cases/" + id, coordinator);
  EXPECT_EQ(closed.Str("status"), "closed");
  // A coordinator outside the consent reaches nothing.
  auto [other, w] = LevelOneCase();
  ExpectProblem(
      Command(Token(kDemo, "nav", Role::kCoordinator), other, w, close), 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, RolesDbTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::http::testing
