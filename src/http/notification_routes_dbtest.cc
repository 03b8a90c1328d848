// GET /api/v1/notifications, POST /api/v1/notifications/{id}/retry and
// GET /metrics over a real HttpService, on SQLite and PostgreSQL.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include "core/ids.h"
#include "http/test_demo.h"
#include "store/work/deadline_store.h"
#include "store/work/outbox_store.h"

namespace stafett::http::testing {
namespace {

using engine::Role;

constexpr char kMetricsToken[] = "metrics-token-metrics-token-0123456789";

class NotificationRoutesDbTest : public DemoApiTest {
 protected:
  // One failed notification for the school about case `id`, as the
  // notifier would leave it after giving up.
  std::string FailedNotification(const std::string& id) {
    store::DeadlineStore deadlines(*db_);
    auto rows = deadlines.Claim("test", clock_.Now() + std::chrono::hours(1),
                                std::chrono::minutes(1), 10);
    EXPECT_EQ(rows.size(), 1u);
    std::string notice_id = NewId();
    auto out = deadlines.Process(
        rows.at(0), "test", clock_.Now(),
        [&](const store::DeadlineRow& r, const engine::Snapshot& c) {
          store::DeadlineStep step;
          step.stage = r.stage;
          step.next_fire_at = r.due_at;
          store::NewOutboxMessage m;
          m.id = notice_id;
          m.tenant = c.tenant;
          m.case_id = c.case_id;
          m.service = kSchool;
          m.event = "deadline_missed";
          m.payload_json = R"({"reference":")" + c.reference + R"(","step":")" +
                           c.step + R"(","due_at":"2026-06-11T22:00:00Z"})";
          step.notices.push_back(m);
          return step;
        });
    EXPECT_EQ(out, store::DeadlineStore::Outcome::kDone);
    store::OutboxStore outbox(*db_);
    for (const auto& m : outbox.Claim("w", clock_.Now() + std::chrono::hours(1),
                                      std::chrono::minutes(1), 10)) {
      store::AttemptOutcome f;
      f.kind = m.id == notice_id ? store::AttemptOutcome::Kind::kFailed
                                 : store::AttemptOutcome::Kind::kDelivered;
      f.error = "webhook: mottakeren svarte HTTP 500";
      f.channels_done = {"email"};
      EXPECT_TRUE(outbox.Finish(m.id, "w", f, clock_.Now()));
    }
    return notice_id;
  }
};

TEST_P(NotificationRoutesDbTest, AdminListsAndRetriesFailedNotifications) {
  const std::string case_id = Create().Str("id");
  const std::string nid = FailedNotification(case_id);
  const std::string admin = Token(kDemo, "demo_admin", Role::kAdmin);

  ExpectProblem(client_->Get("/api/v1/notifications", School()), 403);
  ExpectProblem(client_->Get("/api/v1/notifications", ""), 401);
  ExpectProblem(client_->Get("/api/v1/notifications?status=lost", admin), 422,
                "status");
  ExpectProblem(client_->Get("/api/v1/notifications?limit=0", admin), 422,
                "limit");

  Reply list = client_->Get("/api/v1/notifications?status=failed", admin);
  ASSERT_EQ(list.status, 200) << list.body;
  auto items = list.Json()->getArray("items");
  ASSERT_EQ(items->size(), 1u) << list.body;
  auto item = items->getObject(0);
  EXPECT_EQ(item->getValue<std::string>("id"), nid);
  EXPECT_EQ(item->getValue<std::string>("status"), "failed");
  EXPECT_EQ(item->getValue<std::string>("event"), "deadline_missed");
  EXPECT_EQ(item->getValue<std::string>("last_error"),
            "webhook: mottakeren svarte HTTP 500");
  EXPECT_EQ(item->getObject("case")->getValue<std::string>("id"), case_id);
  EXPECT_EQ(item->getObject("case")
                ->getValue<std::string>("reference")
                .rfind("DEMO-", 0),
            0u);
  EXPECT_EQ(list.body.find("sliten"), std::string::npos);
  // Another municipality's administrator sees nothing of it.
  Reply other = client_->Get("/api/v1/notifications",
                             Token("nesseby", "x", Role::kAdmin));
  ASSERT_EQ(other.status, 200);
  EXPECT_EQ(other.Json()->getArray("items")->size(), 0u);
  ExpectProblem(client_->Post("/api/v1/notifications/" + nid + "/retry",
                              Token("nesseby", "x", Role::kAdmin), "{}"),
                404);

  ExpectProblem(
      client_->Post("/api/v1/notifications/" + nid + "/retry", School(), "{}"),
      403);
  Reply retried =
      client_->Post("/api/v1/notifications/" + nid + "/retry", admin, "{}");
  ASSERT_EQ(retried.status, 200) << retried.body;
  EXPECT_EQ(retried.Str("status"), "pending");
  EXPECT_EQ(retried.Int("attempts"), 0) << "a fresh retry budget";
  ExpectProblem(
      client_->Post("/api/v1/notifications/" + nid + "/retry", admin, "{}"),
      409);
  ExpectProblem(client_->Post("/api/v1/notifications/"
                              "0123456789abcdef0123456789abcdef/retry",
                              admin, "{}"),
                404);
  Reply pending = client_->Get("/api/v1/notifications?status=pending", admin);
  ASSERT_EQ(pending.status, 200);
  EXPECT_EQ(pending.Json()->getArray("items")->size(), 1u);
}

TEST_P(NotificationRoutesDbTest, MetricsNeedTheMetricsTokenAndLintClean) {
  setenv("STAFETT_METRICS_TOKEN", kMetricsToken, 1);
  FailedNotification(Create().Str("id"));
  Reply anonymous = client_->Call("GET", "/metrics");
  ExpectProblem(anonymous, 401);
  // A user's token, even an administrator's, is not the metrics token.
  ExpectProblem(client_->Get("/metrics", School(Role::kAdmin)), 401);
  Reply r = client_->Call(
      "GET", "/metrics",
      {{"Authorization", std::string("Bearer ") + kMetricsToken}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"),
            "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(r.body.find("stafett_outbox_messages{status=\"failed\"} 1\n"),
            std::string::npos)
      << r.body;
  if (std::filesystem::exists("/usr/bin/promtool")) {
    auto path =
        std::filesystem::temp_directory_path() / ("stafett-metrics-" + NewId());
    std::ofstream(path) << r.body;
    const std::string cmd =
        "/usr/bin/promtool check metrics < " + path.string() + " >/dev/null";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << r.body;
    std::filesystem::remove(path);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, NotificationRoutesDbTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::http::testing
