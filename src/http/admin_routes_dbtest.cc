// The administrator pages' routes over real sockets, on SQLite and
// PostgreSQL: the access log found by a case reference, and the tenant's
// outbox summary (depth and delivery lag), admin only, tenant only.
#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include "core/ids.h"
#include "http/test_demo.h"
#include "store/work/outbox_store.h"

namespace stafett::http::testing {
namespace {

using engine::Role;

class AdminRoutesDbTest : public DemoApiTest {
 protected:
  std::string As(Role role) { return Token(kDemo, kSchool, role); }

  // An outbox row of `tenant`, created at `created`.
  std::string Outbox(const std::string& tenant, const std::string& case_id,
                     TimePoint created) {
    store::NewOutboxMessage m;
    m.id = NewId();
    m.tenant = tenant;
    m.case_id = case_id;
    m.service = kSchool;
    m.event = "deadline_missed";
    m.payload_json = R"({"reference":"X","step":"s"})";
    auto session = db_->Acquire();
    store::InsertOutboxMessages(*session, {m}, created);
    return m.id;
  }
};

TEST_P(AdminRoutesDbTest, AccessLogByReferenceShowsWhoReadItWhenAndWhy) {
  auto created = Create();
  const std::string id = created.Str("id");
  const std::string reference = created.Str("reference");
  ASSERT_FALSE(reference.empty());
  ASSERT_EQ(client_
                ->Call("GET", "/api/v1/cases/" + id,
                       {{"Authorization", "Bearer " + School()},
                        {"X-Access-Reason", "Forberede ressursteam"}})
                .status,
            200);
  clock_.Advance(std::chrono::minutes(5));
  Reply r = client_->Call(
      "GET", "/api/v1/access-log?reference=" + reference + "&reason=Innsyn",
      {{"Authorization", "Bearer " + As(Role::kAdmin)}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.Json();
  ASSERT_TRUE(j);
  EXPECT_EQ(j->getValue<std::string>("reference"), reference);
  auto entries = j->getArray("entries");
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2u);
  auto first = entries->getObject(0);
  EXPECT_EQ(first->getValue<std::string>("service"), kSchool);
  EXPECT_EQ(first->getValue<std::string>("role"), "worker");
  EXPECT_EQ(first->getValue<std::string>("action"), "read_case");
  EXPECT_EQ(first->getValue<std::string>("reason"), "Forberede ressursteam");
  EXPECT_EQ(first->getValue<std::string>("at"), FormatUtc(kTestStart));
  EXPECT_TRUE(first->has("person_id"));
  auto self = entries->getObject(1);
  EXPECT_EQ(self->getValue<std::string>("action"), "read_access_log");
  EXPECT_EQ(self->getValue<std::string>("role"), "admin");
  EXPECT_EQ(self->getValue<std::string>("reason"), "Innsyn");
  // Nothing about the child, and no internal id.
  EXPECT_EQ(r.body.find("Eleven virker sliten"), std::string::npos);
  EXPECT_EQ(r.body.find(id), std::string::npos);
  EXPECT_EQ(r.Header("cache-control"), "no-store");
}

TEST_P(AdminRoutesDbTest, AccessLogByReferenceIsForTheTenantsAdminOnly) {
  const std::string reference = Create().Str("reference");
  const std::string path = "/api/v1/access-log?reference=" + reference;
  for (Role role :
       {Role::kWorker, Role::kCoordinator, Role::kUnitLeader, Role::kAuditor}) {
    ExpectProblem(client_->Get(path, As(role)), 403);
  }
  ExpectProblem(client_->Get(path, ""), 401);
  // Another municipality's admin: the same as no such case.
  ExpectProblem(client_->Get(path, Token("nesseby", "skole", Role::kAdmin)),
                404);
  ExpectProblem(client_->Get("/api/v1/access-log?reference=BTI-1999-9999",
                             As(Role::kAdmin)),
                404);
  ExpectProblem(client_->Get("/api/v1/access-log", As(Role::kAdmin)), 422,
                "reference");
  ExpectProblem(
      client_->Get("/api/v1/access-log?reference=" + std::string(65, 'A'),
                   As(Role::kAdmin)),
      422, "reference");
  ExpectProblem(client_->Get(path + "&case=1", As(Role::kAdmin)), 422, "case");
  ExpectProblem(
      client_->Get(path + "&reason=ring+912+34+567", As(Role::kAdmin)), 422,
      "reason");
}

TEST_P(AdminRoutesDbTest, NotificationSummaryCountsTheTenantsOutboxOnly) {
  const std::string id = Create().Str("id");
  const TimePoint now = clock_.Now();
  // Whatever creating the case queued, plus two of ours and one of
  // another tenant's, which must not count.
  Reply before =
      client_->Get("/api/v1/notifications/summary", As(Role::kAdmin));
  ASSERT_EQ(before.status, 200) << before.body;
  const long long pending0 =
      before.Json()->getObject("outbox")->getValue<long long>("pending");
  Outbox(kDemo, id, now - std::chrono::minutes(30));
  Outbox(kDemo, id, now - std::chrono::minutes(10));
  Outbox("nesseby", id, now - std::chrono::hours(5));
  Reply r = client_->Get("/api/v1/notifications/summary", As(Role::kAdmin));
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.Json();
  EXPECT_EQ(j->getValue<std::string>("tenant"), kDemo);
  EXPECT_EQ(j->getObject("outbox")->getValue<long long>("pending"),
            pending0 + 2);
  EXPECT_EQ(j->getObject("outbox")->getValue<long long>("failed"), 0);
  // The oldest of ours waited 30 minutes (the other tenant's 5 hours do
  // not show).
  EXPECT_GE(j->getValue<double>("oldest_pending_age_seconds"), 1800.0);
  EXPECT_LT(j->getValue<double>("oldest_pending_age_seconds"), 3600.0);

  // Delivered: one message 90 s after it was queued.
  store::OutboxStore outbox(*db_);
  for (const auto& m : outbox.Claim("w", now, std::chrono::minutes(1), 100)) {
    store::AttemptOutcome f;
    f.kind = store::AttemptOutcome::Kind::kDelivered;
    f.channels_done = {"email"};
    ASSERT_TRUE(outbox.Finish(m.id, "w", f, now));
    if (m.tenant == kDemo) break;
  }
  clock_.Advance(std::chrono::seconds(1));
  Reply d = client_->Get("/api/v1/notifications/summary", As(Role::kAdmin));
  ASSERT_EQ(d.status, 200) << d.body;
  auto dj = d.Json();
  auto last = dj->getObject("delivered_last_24h");
  EXPECT_GE(last->getValue<long long>("count"), 1);
  EXPECT_GT(last->getValue<double>("max_seconds"), 0.0);

  for (Role role : {Role::kWorker, Role::kAuditor, Role::kUnitLeader}) {
    ExpectProblem(client_->Get("/api/v1/notifications/summary", As(role)), 403);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminRoutesDbTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::http::testing
