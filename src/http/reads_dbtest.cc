// Reads: the access log, the request log, the worklist and routines.
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

class ReadsDbTest : public DemoApiTest {};

TEST_P(ReadsDbTest, EveryReadIsInTheAccessLogWithItsReason) {
  const std::string id = Create().Str("id");
  ASSERT_EQ(client_
                ->Call("GET", "/api/v1/cases/" + id,
                       {{"Authorization", "Bearer " + School()},
                        {"X-Access-Reason", "Forberede møte i ressursteamet"}})
                .status,
            200);
  ASSERT_EQ(
      client_
          ->Get("/api/v1/cases/" + id + "/log?reason=oppf%C3%B8lging", School())
          .status,
      200);
  auto records = store_->AccessLog(kDemo, id);
  ASSERT_EQ(records.size(), 2u);
  std::map<std::string, store::AccessRecord> by_action;
  for (const auto& r : records) by_action[r.action] = r;
  ASSERT_EQ(by_action.count("read_case"), 1u);
  ASSERT_EQ(by_action.count("read_journal"), 1u);
  EXPECT_EQ(by_action["read_case"].reason, "Forberede møte i ressursteamet");
  EXPECT_EQ(by_action["read_case"].actor_service, kSchool);
  EXPECT_EQ(by_action["read_case"].actor_role, Role::kWorker);
  EXPECT_EQ(by_action["read_journal"].reason, "oppfølging");

  // A reason with an identifier is refused and the read not made.
  Reply pii = client_->Call("GET", "/api/v1/cases/" + id,
                            {{"Authorization", "Bearer " + School()},
                             {"X-Access-Reason", "Ringte mor på 912 34 567"}});
  ExpectProblem(pii, 422, "X-Access-Reason");
  EXPECT_EQ(store_->AccessLog(kDemo, id).size(), 2u);
}

TEST_P(ReadsDbTest, AccessLogLinesAreJsonWithoutQueryValues) {
  const std::string id = Create().Str("id");
  client_->Get("/api/v1/cases/" + id + "?reason=hemmelig-grunn", School());
  service_->Stop();  // every line written
  const std::string log = LogText();
  EXPECT_EQ(log.find("hemmelig-grunn"), std::string::npos);
  EXPECT_EQ(log.find("trekker seg unna"), std::string::npos);  // no bodies
  std::istringstream lines(log);
  std::string line;
  int requests = 0;
  while (std::getline(lines, line)) {
    Reply parsed;
    parsed.body = line;
    auto j = parsed.Json();
    ASSERT_TRUE(j) << line;
    if (j->getValue<std::string>("event") != "request") continue;
    ++requests;
    EXPECT_TRUE(j->has("request_id"));
    EXPECT_TRUE(j->has("duration_ms"));
    if (j->getValue<std::string>("method") == "GET") {
      EXPECT_EQ(j->getValue<std::string>("path"), "/api/v1/cases/" + id);
      EXPECT_EQ(j->getValue<std::string>("route"), "/api/v1/cases/{id}");
      EXPECT_EQ(j->getValue<int>("status"), 200);
      EXPECT_EQ(j->getValue<std::string>("tenant"), kDemo);
      EXPECT_EQ(j->getValue<std::string>("service"), kSchool);
    }
  }
  EXPECT_EQ(requests, 2);
}

TEST_P(ReadsDbTest, WorklistFiltersAndPages) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(Create().Str("id"));
  // A week later the first case moves on, to a step with a new P14D.
  clock_.Advance(std::chrono::hours(24 * 7));
  Must(School(), ids[0], 1, Outcome("describe"));

  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    std::string path = "/api/v1/cases?limit=2";
    if (!cursor.empty()) path += "&cursor=" + cursor;
    Reply page = client_->Get(path, School());
    ASSERT_EQ(page.status, 200) << page.body;
    auto items = page.Json()->getArray("items");
    EXPECT_LE(items->size(), 2u);
    for (size_t i = 0; i < items->size(); ++i) {
      EXPECT_TRUE(
          seen.insert(items->getObject(i)->getValue<std::string>("id")).second);
    }
    cursor = page.Json()->isNull("next_cursor") ? "" : page.Str("next_cursor");
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_EQ(pages, 3);

  Reply step = client_->Get("/api/v1/cases?step=konkretisert", School());
  ASSERT_EQ(step.Json()->getArray("items")->size(), 1u);
  EXPECT_EQ(
      step.Json()->getArray("items")->getObject(0)->getValue<std::string>("id"),
      ids[0]);
  EXPECT_EQ(client_->Get("/api/v1/cases?level=1", School())
                .Json()
                ->getArray("items")
                ->size(),
            0u);
  EXPECT_EQ(client_->Get("/api/v1/cases?service=demo_skole", School())
                .Json()
                ->getArray("items")
                ->size(),
            5u);
  // Another service sees none of the school's anonymous cases.
  EXPECT_EQ(client_->Get("/api/v1/cases", Token(kDemo, "nav"))
                .Json()
                ->getArray("items")
                ->size(),
            0u);

  // Overdue: move the clock past the P14D deadline of the first step.
  EXPECT_EQ(client_->Get("/api/v1/cases?overdue=true", School())
                .Json()
                ->getArray("items")
                ->size(),
            0u);
  clock_.Advance(std::chrono::hours(24 * 8));  // day 15
  Reply overdue = client_->Get("/api/v1/cases?overdue=true", School());
  auto items = overdue.Json()->getArray("items");
  EXPECT_EQ(items->size(), 4u);
  for (size_t i = 0; i < items->size(); ++i) {
    EXPECT_TRUE(items->getObject(i)->getValue<bool>("overdue"));
  }

  // Bad parameters name themselves.
  ExpectProblem(client_->Get("/api/v1/cases?level=7", School()), 422, "level");
  ExpectProblem(client_->Get("/api/v1/cases?limit=0", School()), 422, "limit");
  ExpectProblem(client_->Get("/api/v1/cases?overdue=yes", School()), 422,
                "overdue");
  ExpectProblem(client_->Get("/api/v1/cases?sort=name", School()), 422, "sort");
  ExpectProblem(client_->Get("/api/v1/cases?cursor=garbage", School()), 422,
                "cursor");
}

TEST_P(ReadsDbTest, RoutinesOfTheCallersTenant) {
  Reply list = client_->Get("/api/v1/routines", School(Role::kAuditor));
  ASSERT_EQ(list.status, 200) << list.body;
  auto items = list.Json()->getArray("items");
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ(items->getObject(0)->getValue<std::string>("id"), "bti");
  EXPECT_EQ(items->getObject(0)->getValue<std::string>("hash").size(), 64u);

  Reply one = client_->Get("/api/v1/routines/bti", School(Role::kAdmin));
  ASSERT_EQ(one.status, 200) << one.body;
  auto diagram = one.Json()->getObject("diagram");
  EXPECT_EQ(diagram->getValue<std::string>("mermaid").rfind("flowchart", 0),
            0u);
  EXPECT_EQ(diagram->getObject("render")->getValue<std::string>("id"), "bti");
  // Services' e-mail addresses and webhooks are for the admin, who
  // configures them; a worker or an auditor reading the routine gets the
  // services without them.
  auto services = [](const Reply& r) {
    return r.Json()->getObject("diagram")->getObject("render")->getArray(
        "services");
  };
  EXPECT_TRUE(services(one)->getObject(0)->has("channels"));
  for (Role role : {Role::kWorker, Role::kAuditor, Role::kUnitLeader}) {
    Reply read = client_->Get("/api/v1/routines/bti", School(role));
    ASSERT_EQ(read.status, 200) << read.body;
    for (size_t i = 0; i < services(read)->size(); ++i) {
      EXPECT_FALSE(services(read)->getObject(i)->has("channels"));
      EXPECT_FALSE(services(read)->getObject(i)->has("leader"));
    }
    EXPECT_EQ(read.body.find('@'), std::string::npos) << engine::RoleName(role);
  }
  // Another tenant's routine is not there.
  ExpectProblem(client_->Get("/api/v1/routines/nesseby", School()), 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReadsDbTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::http::testing
