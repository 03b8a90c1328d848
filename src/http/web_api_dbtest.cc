// What the web app needs from the API, over real sockets on SQLite and
// PostgreSQL: lookup by reference, the PII check while typing, actions and
// blocked on a case, the routine page's JSON, and versions around deadline
// firings (a reminder leaves the version alone; a missed deadline's log
// line bumps it, and the 412 then carries the current version).
#include <cctype>
#include <set>

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include "http/test_demo.h"
#include "notify/directory.h"
#include "notify/workers.h"
#include "store/work/deadline_store.h"

namespace stafett::http::testing {
namespace {

using std::chrono::hours;

class WebApiDbTest : public DemoApiTest {
 protected:
  Poco::JSON::Array::Ptr Items(const std::string& query,
                               const std::string& token) {
    Reply r = client_->Get("/api/v1/cases" + query, token);
    EXPECT_EQ(r.status, 200) << query << "\n" << r.body;
    auto j = r.Json();
    return j ? j->getArray("items") : nullptr;
  }

  Reply Check(const std::string& json_text) {
    return client_->Post("/api/v1/pii/check", School(),
                         R"({"text":)" + json_text + "}");
  }

  int RunDeadlines() {
    notify::StaticDirectory directory;
    for (const auto& r : catalog_->ForTenant(kDemo)) directory.Add(r);
    store::DeadlineStore deadlines(*db_);
    notify::NotifierOptions options;
    options.worker_id = "web-api-test";
    notify::DeadlineWorker worker(
        deadlines, *store_, directory, clock_, options,
        [](notify::LogLevel, const std::string&, const std::string&) {});
    return worker.RunOnce();
  }

  long long Version(const std::string& id) {
    return client_->Get("/api/v1/cases/" + id, School()).Int("version");
  }
};

TEST_P(WebApiDbTest, ReferenceFindsTheOneCaseTheCallerMaySee) {
  Create();
  Reply second = Create();
  const std::string ref = second.Str("reference");
  const std::string id = second.Str("id");
  ASSERT_FALSE(ref.empty());

  auto items = Items("?reference=" + ref, School());
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ(items->getObject(0)->getValue<std::string>("id"), id);
  // Typed by a person: case and spaces do not matter.
  std::string lower = ref;
  for (auto& c : lower) c = static_cast<char>(std::tolower(c));
  EXPECT_EQ(Items("?reference=%20" + lower + "%20", School())->size(), 1u);
  // Another service, or a reference that does not exist: the same empty
  // list, never 404.
  EXPECT_EQ(Items("?reference=" + ref, Health())->size(), 0u);
  EXPECT_EQ(Items("?reference=DEMO-1999-0001", School())->size(), 0u);
  // Closed cases are found too.
  long long v = second.Int("version");
  Must(School(), id, v, R"({"type":"close","reason":"Ingen bekymring"})");
  EXPECT_EQ(Items("?reference=" + ref, School())->size(), 1u);
  EXPECT_EQ(Items("?reference=" + ref + "&status=open", School())->size(), 0u);
  ExpectProblem(
      client_->Get("/api/v1/cases?reference=DEMO%3B%20drop", School()), 422,
      "reference");
}

TEST_P(WebApiDbTest, PiiCheckGivesUtf16OffsetsAndStoresNothing) {
  // "Čáhppes 😀 " is 11 UTF-16 units before the number (the emoji is 2).
  Reply r = Check(R"("Čáhppes 😀 17858510023 ja 912 34 567")");
  ASSERT_EQ(r.status, 200) << r.body;
  auto findings = r.Json()->getArray("findings");
  ASSERT_EQ(findings->size(), 2u);
  auto fnr = findings->getObject(0);
  EXPECT_EQ(fnr->getValue<std::string>("kind"), "fodselsnummer");
  EXPECT_EQ(fnr->getValue<int>("start"), 11);
  EXPECT_EQ(fnr->getValue<int>("end"), 22);
  auto msg = fnr->getObject("message");
  for (const char* lang : {"nb", "nn", "se", "en"}) {
    EXPECT_FALSE(msg->getValue<std::string>(lang).empty()) << lang;
  }
  EXPECT_NE(msg->getValue<std::string>("se").find("á"), std::string::npos);
  auto phone = findings->getObject(1);
  EXPECT_EQ(phone->getValue<std::string>("kind"), "telefonnummer");
  EXPECT_EQ(phone->getValue<int>("start"), 26);
  EXPECT_EQ(phone->getValue<int>("end"), 36);
  // The value is never echoed.
  EXPECT_EQ(r.body.find("17858510023"), std::string::npos);
  EXPECT_EQ(r.body.find("912 34 567"), std::string::npos);

  Reply clean = Check(R"("Eleven virker sliten.")");
  EXPECT_EQ(clean.body, R"({"findings":[]})");

  // Nothing stored, nothing logged.
  EXPECT_EQ(Items("?status=any", School())->size(), 0u);
  service_->Stop();
  const std::string log = LogText();
  EXPECT_EQ(log.find("17858510023"), std::string::npos);
  EXPECT_EQ(log.find("Čáhppes"), std::string::npos);
  EXPECT_NE(log.find("/api/v1/pii/check"), std::string::npos);
}

TEST_P(WebApiDbTest, PiiCheckRefusesWhatIsNotText) {
  ExpectProblem(Check("5"), 422, "text");
  ExpectProblem(client_->Post("/api/v1/pii/check", School(), "{}"), 422,
                "text");
  ExpectProblem(client_->Post("/api/v1/pii/check", School(), "nope"), 400);
  ExpectProblem(
      client_->Post("/api/v1/pii/check", School(), R"({"text":"a","b":1})"),
      422);
  ExpectProblem(client_->Post("/api/v1/pii/check", "", R"({"text":"a"})"), 401);
}

TEST_P(WebApiDbTest, ACaseListsActionsAndWhatIsBlocked) {
  Reply created = Create();
  const std::string id = created.Str("id");
  // Offer the baton to the health station: it now sees the case at level 0.
  long long v = Must(School(), id, created.Int("version"),
                     R"({"type":"offer_baton","to":"helsestasjon"})");
  Reply health = client_->Get("/api/v1/cases/" + id, Health());
  ASSERT_EQ(health.status, 200) << health.body;
  auto j = health.Json();
  auto actions = j->getArray("actions");
  ASSERT_TRUE(actions);
  std::set<std::string> types;
  for (size_t i = 0; i < actions->size(); ++i) {
    types.insert(actions->getObject(i)->getValue<std::string>("type"));
  }
  EXPECT_EQ(actions->getObject(0)->getValue<std::string>("type"),
            "report_child_welfare");
  EXPECT_TRUE(types.count("accept_baton"));
  EXPECT_TRUE(types.count("decline_baton"));
  EXPECT_FALSE(types.count("close"));
  auto blocked = j->getArray("blocked");
  bool describe = false;
  for (size_t i = 0; i < blocked->size(); ++i) {
    auto b = blocked->getObject(i);
    if (b->optValue<std::string>("outcome", "") != "describe") continue;
    describe = true;
    EXPECT_EQ(b->getValue<std::string>("reason"), "not_responsible");
    EXPECT_EQ(b->getValue<std::string>("responsible"), kSchool);
    EXPECT_EQ(b->getObject("message")->getValue<std::string>("nb"),
              "Steget er ansvaret til Demo barneskole.");
  }
  EXPECT_TRUE(describe) << health.body;
  // A command's answer carries them too.
  Reply accepted = Command(Health(), id, v, R"({"type":"accept_baton"})");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_TRUE(accepted.Json()->getArray("actions"));
  // `allowed` is still there for old clients.
  EXPECT_TRUE(accepted.Json()->getArray("allowed"));
}

TEST_P(WebApiDbTest, TheRoutinePageGetsDeadlinesInWordsAndNamesPerLanguage) {
  Reply r = client_->Get("/api/v1/routines/bti", School());
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.Json();
  auto steps = j->getArray("steps");
  ASSERT_TRUE(steps);
  auto first = steps->getObject(0);
  EXPECT_EQ(first->getValue<std::string>("id"), "undring_registrert");
  EXPECT_EQ(first->getValue<int>("level"), 0);
  EXPECT_EQ(first->getValue<std::string>("kind"), "concern");
  EXPECT_EQ(first->getValue<std::string>("responsible"), "reporter");
  auto deadline = first->getObject("deadline");
  EXPECT_EQ(deadline->getValue<std::string>("iso"), "P14D");
  auto text = deadline->getObject("text");
  EXPECT_EQ(text->getValue<std::string>("nb"), "14 dager");
  EXPECT_EQ(text->getValue<std::string>("nn"), "14 dagar");
  EXPECT_EQ(text->getValue<std::string>("se"), "14 beaivvi");
  EXPECT_EQ(text->getValue<std::string>("en"), "14 days");
  EXPECT_EQ(first->getObject("title")->getValue<std::string>("en"),
            "Concern registered");
  auto services = j->getArray("services");
  ASSERT_TRUE(services);
  bool school = false;
  for (size_t i = 0; i < services->size(); ++i) {
    auto s = services->getObject(i);
    EXPECT_FALSE(s->has("channels"));  // addresses stay out of the page
    if (s->getValue<std::string>("id") != kSchool) continue;
    school = true;
    EXPECT_EQ(s->getObject("name")->getValue<std::string>("nb"),
              "Demo barneskole");
  }
  EXPECT_TRUE(school);
}

TEST_P(WebApiDbTest, AReminderKeepsTheVersionAMissedDeadlineBumpsIt) {
  Reply created = Create();
  const std::string id = created.Str("id");
  ASSERT_EQ(created.Int("version"), 1);
  // P14D: "approaching" fires two days before the deadline. It only sends
  // a message; the case, and so its version, stays as it was.
  clock_.Advance(hours(24 * 13));
  EXPECT_GE(RunDeadlines(), 1);
  EXPECT_EQ(Version(id), 1);
  // The deadline passes: a deadline_missed line is added to the case's log
  // (people see it), so the version goes up.
  clock_.Advance(hours(24 * 2));
  EXPECT_GE(RunDeadlines(), 1);
  EXPECT_EQ(Version(id), 2);
  // A client still on version 1 gets 412 with the current version, and
  // can go on at once with it.
  Reply stale = Command(School(), id, 1, R"({"type":"note","text":"Ny info"})");
  ExpectProblem(stale, 412, "If-Match");
  EXPECT_EQ(stale.Int("current_version"), 2);
  EXPECT_EQ(stale.Header("etag"), "\"2\"");
  Must(School(), id, 2, R"({"type":"note","text":"Ny info"})");
  // Another service that cannot see the case learns no version from a 412.
  Reply hidden = Command(Health(), id, 1, R"({"type":"note","text":"x"})");
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(hidden.Int("current_version"), -1);
}

INSTANTIATE_TEST_SUITE_P(Backends, WebApiDbTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::http::testing
