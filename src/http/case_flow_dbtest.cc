// Logging a concern and walking a case through the routine over HTTP.
// A real HttpService on 127.0.0.1:0 over real sockets, on SQLite and
// PostgreSQL.
#include <map>
#include <set>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include "http/test_demo.h"

namespace stafett::http::testing {
namespace {

using engine::Role;

class CaseFlowDbTest : public DemoApiTest {};

TEST_P(CaseFlowDbTest, HealthAndReadinessNeedNoToken) {
  Reply h = client_->Get("/healthz", "");
  EXPECT_EQ(h.status, 200);
  Reply r = client_->Get("/readyz", "");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Str("status"), "ready");
}

TEST_P(CaseFlowDbTest, CreateAnswers201WithLocationAndTheCase) {
  Reply r = Create();
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = r.Str("id");
  EXPECT_EQ(r.Header("location"), "/api/v1/cases/" + id);
  EXPECT_EQ(r.Header("etag"), "\"1\"");
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  EXPECT_FALSE(r.Header("x-request-id").empty());
  auto j = r.Json();
  EXPECT_EQ(j->getValue<std::string>("reference"), "DEMO-2026-0001");
  EXPECT_EQ(j->getValue<int>("version"), 1);
  EXPECT_EQ(j->getValue<std::string>("status"), "open");
  EXPECT_EQ(j->getValue<std::string>("step"), "undring_registrert");
  EXPECT_EQ(j->getValue<std::string>("phase"), "concern");
  EXPECT_EQ(j->getValue<int>("level"), 0);
  EXPECT_EQ(j->getValue<std::string>("responsible"), kSchool);
  EXPECT_EQ(j->getObject("baton")->getValue<std::string>("state"), "none");
  EXPECT_EQ(j->getObject("consent")->getValue<std::string>("state"), "none");
  EXPECT_EQ(j->getObject("deadline")->getValue<std::string>("due_at"),
            "2026-06-11T20:26:40Z");  // P14D
  EXPECT_FALSE(j->getValue<bool>("overdue"));
  auto routine = j->getObject("routine");
  EXPECT_EQ(routine->getValue<std::string>("id"), "bti");
  EXPECT_EQ(routine->getValue<int>("version"), 2);  // bti.yaml
  EXPECT_EQ(routine->getValue<std::string>("hash").size(), 64u);
  std::set<std::string> allowed;
  auto arr = j->getArray("allowed");
  for (size_t i = 0; i < arr->size(); ++i) {
    allowed.insert(arr->getObject(i)->getValue<std::string>("outcome"));
  }
  EXPECT_EQ(allowed, (std::set<std::string>{"describe", "suspected_abuse"}));

  // The same case by GET, with the same ETag.
  Reply g = client_->Get("/api/v1/cases/" + id, School());
  ASSERT_EQ(g.status, 200) << g.body;
  EXPECT_EQ(g.Header("etag"), "\"1\"");
  EXPECT_EQ(g.body, r.body);
}

TEST_P(CaseFlowDbTest, AllowedListsTheFieldsEachOutcomeRequires) {
  const std::string id = Create().Str("id");
  long long v = Must(School(), id, 1, Outcome("describe"));
  Reply g = client_->Get("/api/v1/cases/" + id, School());
  auto allowed = g.Json()->getArray("allowed");
  ASSERT_GE(allowed->size(), 1u);
  auto discuss = allowed->getObject(0);
  EXPECT_EQ(discuss->getValue<std::string>("outcome"), "discuss");
  EXPECT_EQ(discuss->getValue<std::string>("to"), "droftet_anonymt");
  auto req = discuss->getArray("requires");
  ASSERT_EQ(req->size(), 1u);
  EXPECT_EQ(req->getObject(0)->getValue<std::string>("name"), "observation");
  EXPECT_EQ(req->getObject(0)->getValue<std::string>("type"), "text");
  EXPECT_TRUE(req->getObject(0)->getValue<bool>("required"));

  v = Must(School(), id, v,
           Outcome("discuss", R"({"observation":"Sliten, tre uker."})"));
  g = client_->Get("/api/v1/cases/" + id, School());
  auto first = g.Json()->getArray("allowed")->getObject(0);
  auto spec = first->getArray("requires")->getObject(0);
  EXPECT_EQ(spec->getValue<std::string>("type"), "choice");
  EXPECT_EQ(spec->getArray("options")->size(), 3u);
}

TEST_P(CaseFlowDbTest, CompleteRoutineWalkWithConsentAndBatonHandover) {
  Reply created = Create();
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.Str("id");
  long long v = 1;
  v = Must(School(), id, v, Outcome("describe"));
  v = Must(
      School(), id, v,
      Outcome("discuss", R"({"observation":"Sliten og stille i tre uker."})"));
  v = Must(School(), id, v,
           R"({"type":"note","text":"Kontaktlærer har snakket med eleven."})");
  v = Must(School(), id, v,
           Outcome("talk_with_family", R"({"discussed_with":"ressursteam"})"));
  v = Must(
      School(), id, v,
      Outcome(
          "decide",
          R"({"conversation_date":"2026-05-27","child_view":"Sover dårlig."})"));

  // The consent step collects consent (consent: collect, issue 12): it is
  // entered without it, but level 1 beyond it needs it: 409 naming what is
  // missing, nothing stored.
  v = Must(School(), id, v, Outcome("level1"));
  Reply refused = Command(School(), id, v, Outcome("consent_given"));
  ExpectProblem(refused, 409);
  EXPECT_NE(refused.Str("detail").find("samtykke"), std::string::npos);

  v = Must(
      School(), id, v,
      R"({"type":"consent","given_by":"guardians","services":["demo_skole","helsestasjon"],"valid_until":"2027-05-27"})");
  v = Must(School(), id, v, Outcome("consent_given"));

  // Baton handover: offer, then accept; until then the school holds it.
  v = Must(School(), id, v, R"({"type":"offer_baton","to":"helsestasjon"})");
  Reply offered = client_->Get("/api/v1/cases/" + id, Health());
  ASSERT_EQ(offered.status, 200) << offered.body;
  EXPECT_EQ(offered.Json()->getObject("baton")->getValue<std::string>("state"),
            "offered");
  EXPECT_EQ(
      offered.Json()->getObject("baton")->getValue<std::string>("offered_to"),
      kHealth);
  v = Must(Health(), id, v, R"({"type":"accept_baton"})");
  Reply held = client_->Get("/api/v1/cases/" + id, Health());
  EXPECT_EQ(held.Json()->getObject("baton")->getValue<std::string>("holder"),
            kHealth);
  EXPECT_EQ(held.Str("responsible"), kHealth);

  // The school no longer holds the baton: it may not choose outcomes.
  ExpectProblem(
      Command(
          School(), id, v,
          Outcome(
              "plan_ready",
              R"({"goal":"Bedre søvn","measure":"Samtaler","measure_responsible":"helsestasjon","evaluation_date":"2026-07-01"})")),
      409);
  v = Must(
      Health(), id, v,
      Outcome(
          "plan_ready",
          R"({"goal":"Bedre søvn","measure":"Ukentlige samtaler","measure_responsible":"helsestasjon","evaluation_date":"2026-07-01"})"));
  v = Must(Health(), id, v,
           Outcome("to_evaluation", R"({"child_view":"Sover bedre nå."})"));
  Reply closed = Command(Health(), id, v,
                         Outcome("close", R"({"reason":"goal_reached"})"));
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.Str("status"), "closed");
  EXPECT_EQ(closed.Str("step"), "avsluttet");
  EXPECT_TRUE(closed.Json()->isNull("deadline"));
  EXPECT_EQ(closed.Json()->getArray("allowed")->size(), 0u);

  // The stafettlogg: every event in order, each with who and when.
  Reply log = client_->Get("/api/v1/cases/" + id + "/log", School());
  ASSERT_EQ(log.status, 200) << log.body;
  auto entries = log.Json()->getArray("entries");
  std::vector<std::string> kinds;
  std::map<std::string, std::string> by;
  for (size_t i = 0; i < entries->size(); ++i) {
    auto e = entries->getObject(i);
    EXPECT_EQ(e->getValue<long long>("seq"), static_cast<long long>(i + 1));
    EXPECT_FALSE(e->getValue<std::string>("at").empty());
    auto who = e->getObject("by");
    EXPECT_FALSE(who->getValue<std::string>("service").empty());
    EXPECT_EQ(who->getValue<std::string>("role"), "worker");
    kinds.push_back(e->getValue<std::string>("kind"));
    by[kinds.back()] = who->getValue<std::string>("service");
  }
  for (const char* k :
       {"case_opened", "step_entered", "outcome", "note", "consent_given",
        "baton_offered", "baton_accepted", "closed"}) {
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), k), kinds.end()) << k;
  }
  EXPECT_EQ(kinds.front(), "case_opened");
  EXPECT_EQ(kinds.back(), "closed");
  EXPECT_EQ(by["baton_offered"], kSchool);
  EXPECT_EQ(by["baton_accepted"], kHealth);
  EXPECT_EQ(by["closed"], kHealth);
  auto visits = log.Json()->getArray("visits");
  EXPECT_EQ(visits->getObject(0)->getValue<std::string>("step"),
            "undring_registrert");
  EXPECT_EQ(
      visits->getObject(visits->size() - 1)->getValue<std::string>("step"),
      "avsluttet");

  // Every journal row was written once: as many as the log shows.
  EXPECT_EQ(Journal(id).size(), entries->size());
}

TEST_P(CaseFlowDbTest, ReportToChildWelfareNeedsNoIfMatch) {
  const std::string id = Create().Str("id");
  Reply r = Command(School(), id, -1, R"({"type":"report_child_welfare"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.Json()->isNull("child_welfare_reported_at"));
  // Nor is it refused for a stale one.
  Reply again = Command(School(), id, 1, R"({"type":"report_child_welfare"})");
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Int("version"), 3);
}

TEST_P(CaseFlowDbTest, ConfirmingAReportEndsItsSameDayWatch) {
  const std::string id = Create().Str("id");
  Reply early =
      Command(School(), id, 1, R"({"type":"confirm_child_welfare_report"})");
  EXPECT_EQ(early.status, 409) << early.body;  // nothing to confirm yet
  Reply r = Command(School(), id, -1, R"({"type":"report_child_welfare"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.Json()->isNull("child_welfare_confirmed_at"));
  Reply ok =
      Command(School(), id, 2, R"({"type":"confirm_child_welfare_report"})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_FALSE(ok.Json()->isNull("child_welfare_confirmed_at"));
}

TEST_P(CaseFlowDbTest, IdempotencyKeyReplaysTheFirstAnswer) {
  Headers key{{"Idempotency-Key", "create-1"}};
  Reply first = Create(kConcern, key);
  ASSERT_EQ(first.status, 201) << first.body;
  Reply second = Create(kConcern, key);
  EXPECT_EQ(second.status, 201);
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(second.Header("location"), first.Header("location"));
  EXPECT_EQ(second.Header("idempotent-replayed"), "true");
  Reply list = client_->Get("/api/v1/cases", School());
  EXPECT_EQ(list.Json()->getArray("items")->size(), 1u);

  const std::string id = first.Str("id");
  const std::string note = R"({"type":"note","text":"Samtale holdt."})";
  Headers note_key{{"Idempotency-Key", "note-1"}};
  Reply n1 = Command(School(), id, 1, note, note_key);
  ASSERT_EQ(n1.status, 200) << n1.body;
  const size_t journal = Journal(id).size();
  Reply n2 = Command(School(), id, 1, note, note_key);  // If-Match now stale
  EXPECT_EQ(n2.status, 200) << n2.body;
  EXPECT_EQ(n2.body, n1.body);
  EXPECT_EQ(n2.Header("etag"), n1.Header("etag"));
  EXPECT_EQ(Journal(id).size(), journal);

  // The same key for another request is refused.
  Reply other = Command(
      School(), id, 2, R"({"type":"note","text":"Et annet notat."})", note_key);
  ExpectProblem(other, 422);
  EXPECT_EQ(Journal(id).size(), journal);
}

// Issue 11, defect 8: a command can take the case out of the caller's
// sight (here the offeree declines the baton at level 0); its answer is
// then {"visible":false}. A retry with the same Idempotency-Key must get
// that stored answer, not 404, or a client that lost it never learns the
// outcome. The key is looked up first, scoped to the tenant and the
// request's fingerprint; anything else still meets the scope check.
TEST_P(CaseFlowDbTest, IdempotentRetryAfterLosingSightGetsTheStoredAnswer) {
  const std::string id = Create().Str("id");
  long long v =
      Must(School(), id, 1,
           std::string(R"({"type":"offer_baton","to":")") + kHealth + "\"}");
  const std::string decline = R"({"type":"decline_baton"})";
  Headers key{{"Idempotency-Key", "decline-1"}};
  Reply first = Command(Health(), id, v, decline, key);
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_NE(first.body.find("\"visible\":false"), std::string::npos)
      << first.body;
  const size_t journal = Journal(id).size();

  Reply retry = Command(Health(), id, v, decline, key);
  EXPECT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(retry.body, first.body);
  EXPECT_EQ(retry.Header("etag"), first.Header("etag"));
  EXPECT_EQ(retry.Header("idempotent-replayed"), "true");

  // No key, an unused key, or the key with another request: the case is
  // out of sight, 404, and nothing is claimed or changed.
  ExpectProblem(Command(Health(), id, v, decline), 404);
  ExpectProblem(
      Command(Health(), id, v, decline, {{"Idempotency-Key", "decline-2"}}),
      404);
  ExpectProblem(
      Command(Health(), id, v, R"({"type":"note","text":"Et notat."})", key),
      404);
  EXPECT_EQ(Journal(id).size(), journal);
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseFlowDbTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::http::testing
