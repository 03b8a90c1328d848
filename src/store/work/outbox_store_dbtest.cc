// The OutboxStore contract (leases, compare-and-set, retries, the failed
// list, counters), once, on SQLite and PostgreSQL.
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "core/ids.h"
#include "store/cases/case_store.h"
#include "store/cases/test_decisions.h"
#include "store/sql/test_db.h"
#include "store/work/outbox_store.h"

namespace stafett::store {
namespace {

using std::chrono::seconds;

const TimePoint kT0 = FromMillis(1780000000000);  // 2026-05-28

class OutboxStoreTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = OpenMigrated(6);
    ASSERT_NE(db_, nullptr);
    cases_ = std::make_unique<CaseStore>(*db_, clock_);
    cases_->SaveRoutineVersion(testing::TestRoutine("nes"));
    outbox_ = std::make_unique<OutboxStore>(*db_);
    auto r = cases_->CreateCase(
        "nes", "NES", 2026,
        [&](const std::string& id,
            const std::string& ref) -> Result<engine::Decision> {
          return testing::OpenDecision("nes", id, ref, clock_.Now());
        });
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    case_id_ = r->snapshot.case_id;
    // The store's own step_assigned row is out of the way for these tests.
    auto lease = db_->Acquire();
    *lease << "delete from outbox";
  }

  // Inserts n rows for the test case, due at kT0.
  std::vector<std::string> Insert(int n, const std::string& tenant = "nes") {
    std::vector<NewOutboxMessage> rows;
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) {
      NewOutboxMessage m;
      m.id = NewId();
      m.tenant = tenant;
      m.case_id = case_id_;
      m.service = "school-a";
      m.event = "step_assigned";
      m.payload_json = "{}";
      ids.push_back(m.id);
      rows.push_back(std::move(m));
    }
    auto lease = db_->Acquire();
    WriteTransaction tx(*lease, db_->dialect());
    InsertOutboxMessages(*lease, rows, kT0);
    tx.Commit();
    return ids;
  }

  ManualClock clock_{kT0};
  std::unique_ptr<Database> db_;
  std::unique_ptr<CaseStore> cases_;
  std::unique_ptr<OutboxStore> outbox_;
  std::string case_id_;
};

TEST_P(OutboxStoreTest, ClaimLeasesDueRowsOnceUntilTheLeaseExpires) {
  auto ids = Insert(3);
  EXPECT_TRUE(outbox_->Claim("w1", kT0 - seconds(1), seconds(30), 10).empty())
      << "not due yet";
  auto claimed = outbox_->Claim("w1", kT0, seconds(30), 2);
  ASSERT_EQ(claimed.size(), 2u);
  for (const auto& m : claimed) {
    EXPECT_EQ(m.lease_owner, "w1");
    EXPECT_EQ(m.lease_until, kT0 + seconds(30));
    EXPECT_EQ(m.attempts, 1);
    EXPECT_EQ(m.status, "pending");
    EXPECT_EQ(m.audience, "service");
  }
  auto rest = outbox_->Claim("w2", kT0 + seconds(1), seconds(30), 10);
  ASSERT_EQ(rest.size(), 1u) << "leased rows are not claimed again";
  EXPECT_TRUE(outbox_->Claim("w2", kT0 + seconds(29), seconds(30), 10).empty());
  // w1 died: after its lease ran out, another worker takes its rows over and
  // the crashed attempt counts.
  auto taken = outbox_->Claim("w2", kT0 + seconds(31), seconds(30), 10);
  ASSERT_EQ(taken.size(), 2u);
  for (const auto& m : taken) {
    EXPECT_EQ(m.lease_owner, "w2");
    EXPECT_EQ(m.attempts, 2);
  }
  // The row w2 leased at kT0 + 1 s comes due first, when its lease ends.
  EXPECT_EQ(outbox_->NextDue(), kT0 + seconds(31));
}

TEST_P(OutboxStoreTest, FinishIsCompareAndSetOnTheLease) {
  Insert(1);
  auto first = outbox_->Claim("w1", kT0, seconds(10), 10);
  ASSERT_EQ(first.size(), 1u);
  const std::string id = first[0].id;
  auto second = outbox_->Claim("w2", kT0 + seconds(11), seconds(10), 10);
  ASSERT_EQ(second.size(), 1u);

  AttemptOutcome done;
  done.kind = AttemptOutcome::Kind::kDelivered;
  done.channels_done = {"webhook"};
  done.counters = {{"attempts_total", "channel=\"webhook\"", 1}};
  EXPECT_FALSE(outbox_->RenewLease(id, "w1", kT0 + seconds(60)));
  EXPECT_FALSE(outbox_->Finish(id, "w1", done, kT0 + seconds(12)))
      << "w1 lost its lease to w2";
  EXPECT_TRUE(outbox_->RenewLease(id, "w2", kT0 + seconds(60)));
  EXPECT_TRUE(outbox_->Finish(id, "w2", done, kT0 + seconds(12)));
  EXPECT_FALSE(outbox_->Finish(id, "w2", done, kT0 + seconds(13)))
      << "a finished row is no longer leased";

  auto row = outbox_->Get("nes", id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->status, "delivered");
  EXPECT_EQ(row->delivered_at, kT0 + seconds(12));
  EXPECT_EQ(row->delivered_by, "w2");
  EXPECT_EQ(row->lease_owner, "");
  EXPECT_EQ(row->channels_done, std::vector<std::string>{"webhook"});
  EXPECT_EQ(outbox_->Stats().counters["attempts_total"]["channel=\"webhook\""],
            1)
      << "only the successful Finish counted";
  EXPECT_EQ(outbox_->NextDue(), std::nullopt);
}

TEST_P(OutboxStoreTest, RetryKeepsDoneChannelsThenFailedThenManualRetry) {
  auto ids = Insert(1);
  auto c = outbox_->Claim("w1", kT0, seconds(10), 10);
  ASSERT_EQ(c.size(), 1u);
  AttemptOutcome retry;
  retry.kind = AttemptOutcome::Kind::kRetry;
  retry.channels_done = {"email"};
  retry.error = "webhook: HTTP 503";
  retry.next_attempt_at = kT0 + seconds(5);
  ASSERT_TRUE(outbox_->Finish(ids[0], "w1", retry, kT0 + seconds(1)));
  EXPECT_TRUE(outbox_->Claim("w1", kT0 + seconds(4), seconds(10), 10).empty());
  EXPECT_EQ(outbox_->NextDue(), kT0 + seconds(5));
  c = outbox_->Claim("w1", kT0 + seconds(5), seconds(10), 10);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].channels_done, std::vector<std::string>{"email"});
  EXPECT_EQ(c[0].last_error, "webhook: HTTP 503");
  EXPECT_EQ(c[0].attempts, 2);

  AttemptOutcome failed;
  failed.kind = AttemptOutcome::Kind::kFailed;
  failed.channels_done = {"email"};
  failed.error = "webhook: tidsavbrudd";
  ASSERT_TRUE(outbox_->Finish(ids[0], "w1", failed, kT0 + seconds(6)));
  EXPECT_TRUE(outbox_->Claim("w1", kT0 + seconds(600), seconds(10), 10).empty())
      << "failed rows are never claimed";

  auto page = outbox_->List("nes", "failed", 10, "");
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].last_error, "webhook: tidsavbrudd");
  EXPECT_TRUE(outbox_->List("other", "failed", 10, "")->items.empty());

  EXPECT_EQ(outbox_->Retry("other", ids[0], kT0).status().code(),
            Code::kNotFound)
      << "another tenant's row is invisible";
  auto again = outbox_->Retry("nes", ids[0], kT0 + seconds(700));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->status, "pending");
  EXPECT_EQ(again->attempt_base, 2);
  EXPECT_EQ(again->attempts, 2) << "attempts never go down";
  EXPECT_EQ(outbox_->Retry("nes", ids[0], kT0).status().code(),
            Code::kNotAllowed)
      << "only failed rows can be retried";
  c = outbox_->Claim("w1", kT0 + seconds(700), seconds(10), 10);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].channels_done, std::vector<std::string>{"email"});
  EXPECT_EQ(outbox_->Stats()
                .counters["stafett_notification_manual_retries_total"][""],
            1);
}

TEST_P(OutboxStoreTest, ListPagesNewestFirstWithAKeysetCursor) {
  auto ids = Insert(5);
  for (auto& m : outbox_->Claim("w", kT0, seconds(10), 10)) {
    AttemptOutcome f;
    f.kind = AttemptOutcome::Kind::kFailed;
    f.error = "x";
    ASSERT_TRUE(outbox_->Finish(m.id, "w", f, kT0));
  }
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page = outbox_->List("nes", "failed", 2, cursor);
    ASSERT_TRUE(page.ok());
    for (const auto& m : page->items) EXPECT_TRUE(seen.insert(m.id).second);
    cursor = page->next_cursor;
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(outbox_->List("nes", "failed", 2, "bogus").status().code(),
            Code::kInvalidArgument);
  // 19 digits past the range of a long long (found by the fuzzer: it threw).
  EXPECT_EQ(outbox_->List("nes", "failed", 2, "9999999999999999999.abc")
                .status()
                .code(),
            Code::kInvalidArgument);
}

TEST_P(OutboxStoreTest, StatsCountDepthByStatusAndCounters) {
  Insert(3);
  auto c = outbox_->Claim("w", kT0, seconds(10), 1);
  AttemptOutcome f;
  f.kind = AttemptOutcome::Kind::kFailed;
  f.counters = {{"failures_total", "channel=\"email\"", 1},
                {"failures_total", "channel=\"email\"", 2},
                {"attempts_total", "", 4}};
  ASSERT_TRUE(outbox_->Finish(c[0].id, "w", f, kT0));
  NotifyStats s = outbox_->Stats();
  EXPECT_EQ(s.outbox_by_status["pending"], 2);
  EXPECT_EQ(s.outbox_by_status["failed"], 1);
  EXPECT_EQ(s.outbox_by_status["delivered"], 0);
  EXPECT_EQ(s.oldest_pending_created_at, kT0);
  EXPECT_EQ(s.counters["failures_total"]["channel=\"email\""], 3);
  EXPECT_EQ(s.counters["attempts_total"][""], 4);
  EXPECT_EQ(s.deadlines_scheduled, 1) << "the case's step deadline";
}

// Several workers, each with its own connections (as separate replicas
// would have), claim concurrently: every row is handed out exactly once.
TEST_P(OutboxStoreTest, ConcurrentClaimersGetDisjointRows) {
  auto ids = Insert(60);
  std::mutex mu;
  std::multiset<std::string> got;
  std::vector<std::thread> workers;
  std::atomic<bool> failed{false};
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&, w] {
      try {
        auto db = Database::Open(url(), DatabaseOptions{1});
        if (!db.ok()) {
          failed = true;
          return;
        }
        OutboxStore store(**db);
        for (;;) {
          auto batch = store.Claim("w" + std::to_string(w), kT0,
                                   std::chrono::minutes(5), 3);
          if (batch.empty()) break;
          std::lock_guard<std::mutex> lock(mu);
          for (const auto& m : batch) got.insert(m.id);
        }
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        failed = true;
      }
    });
  }
  for (auto& t : workers) t.join();
  ASSERT_FALSE(failed);
  EXPECT_EQ(got.size(), ids.size());
  EXPECT_EQ(std::set<std::string>(got.begin(), got.end()),
            std::set<std::string>(ids.begin(), ids.end()));
}

INSTANTIATE_TEST_SUITE_P(Backends, OutboxStoreTest,
                         ::testing::Values("sqlite", "postgresql"),
                         BackendName);

}  // namespace
}  // namespace stafett::store
