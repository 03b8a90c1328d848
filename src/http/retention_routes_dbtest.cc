// GET /api/v1/retention over a real HttpService, on SQLite and PostgreSQL:
// what the purge will take, what it took, and the archive's state, for the
// tenant's administrator only.
#include <chrono>

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include "http/test_demo.h"
#include "store/audit/audit.h"
#include "store/lifecycle/purge.h"
#include "store/lifecycle/purge_view.h"
#include "store/lifecycle/retention.h"

namespace stafett::http::testing {
namespace {

using engine::Role;

class RetentionRoutesDbTest : public DemoApiTest {
 protected:
  // A case the school closes at once ("no further concern").
  std::string ClosedCase() {
    const std::string id = Create().Str("id");
    long long v = Must(School(), id, 1, Outcome("describe"));
    v = Must(School(), id, v,
             Outcome("discuss", R"({"observation":"Sliten i en uke."})"));
    Must(School(), id, v,
         Outcome(
             "no_further_concern",
             R"({"discussed_with":"naermeste_leder","reason":"Gikk over."})"));
    return id;
  }
  std::string Admin() { return Token(kDemo, "demo_admin", Role::kAdmin); }
};

TEST_P(RetentionRoutesDbTest, AdminSeesWhatIsDueAndWhatWasPurged) {
  ExpectProblem(client_->Get("/api/v1/retention", School()), 403);
  ExpectProblem(client_->Get("/api/v1/retention", ""), 401);
  ExpectProblem(client_->Get("/api/v1/retention?x=1", Admin()), 422, "x");

  const std::string id = ClosedCase();
  Reply fresh = client_->Get("/api/v1/retention", Admin());
  ASSERT_EQ(fresh.status, 200) << fresh.body;
  EXPECT_EQ(fresh.Str("tenant"), kDemo);
  EXPECT_EQ(fresh.Json()->getObject("due_now")->getValue<int>("cases"), 0);
  EXPECT_EQ(fresh.Json()->getValue<int>("due_next_30_days"), 0);
  EXPECT_EQ(fresh.Json()->getArray("purged")->size(), 0u);
  auto archive = fresh.Json()->getObject("archive");
  EXPECT_EQ(archive->getValue<int>("pending"), 0);
  EXPECT_EQ(archive->getArray("failures")->size(), 0u);

  // Within 30 days of the end of its period the case shows as coming due,
  // and once the day has passed as due now.
  const TimePoint remove_after = store::RemoveAfter(
      catalog_->Current(kDemo, "bti")->retention, clock_.Now(), false);
  clock_.Set(remove_after - std::chrono::hours(24 * 10));
  Reply soon = client_->Get("/api/v1/retention", Admin());
  ASSERT_EQ(soon.status, 200) << soon.body;
  EXPECT_EQ(soon.Json()->getObject("due_now")->getValue<int>("cases"), 0);
  EXPECT_EQ(soon.Json()->getValue<int>("due_next_30_days"), 1);

  clock_.Set(remove_after + std::chrono::hours(1));
  ASSERT_TRUE(store::WriteCheckpoint(*db_, kDemo, clock_.Now()).ok());
  Reply due = client_->Get("/api/v1/retention", Admin());
  ASSERT_EQ(due.status, 200) << due.body;
  EXPECT_EQ(due.Json()->getObject("due_now")->getValue<int>("cases"), 1);

  auto purged =
      store::PurgeDueCases(*db_, kDemo, clock_.Now(), 10, "test-worker");
  ASSERT_EQ(purged.purged.size(), 1u);
  Reply after = client_->Get("/api/v1/retention", Admin());
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(after.Json()->getObject("due_now")->getValue<int>("cases"), 0);
  auto log = after.Json()->getArray("purged");
  ASSERT_GE(log->size(), 1u) << after.body;
  EXPECT_EQ(log->getObject(0)->getValue<std::string>("what"), "cases");
  EXPECT_EQ(log->getObject(0)->getValue<int>("count"), 1);
  EXPECT_TRUE(after.Json()->getArray("policy_changes")) << after.body;
  EXPECT_EQ(after.body.find("\"what\":\"policy\""), std::string::npos);
  // Counts only: the purged case's internal id is not shown.
  EXPECT_EQ(after.body.find(id), std::string::npos) << after.body;

  // Another municipality's administrator sees its own, empty, state.
  Reply other =
      client_->Get("/api/v1/retention", Token("nesseby", "x", Role::kAdmin));
  ASSERT_EQ(other.status, 200) << other.body;
  EXPECT_EQ(other.Json()->getArray("purged")->size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, RetentionRoutesDbTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::http::testing
