// Retention on SQLite and PostgreSQL with an injected clock: closing dates
// the purge, the purge happens exactly when due (not a day before) and
// leaves a journal that verifies, a policy change moves the dates, two
// purgers on one database neither double nor miss work, idempotency keys
// expire, and the log tables stay bounded under a steady load.
#include <algorithm>
#include <atomic>
#include <functional>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "core/deadline.h"
#include "store/audit/audit.h"
#include "store/audit/audit_hash.h"
#include "store/audit/report_release.h"
#include "store/audit/test_report_cases.h"
#include "store/cases/case_store.h"
#include "store/cases/test_decisions.h"
#include "store/lifecycle/purge.h"
#include "store/lifecycle/purge_view.h"
#include "store/lifecycle/retention.h"
#include "store/sql/test_db.h"

namespace stafett::store {
namespace {

using testing::Days;
using testing::ReportCase;
using testing::TestRoutine;
using testing::Utc;

routine::Retention Policy(const char* closed, const char* reported) {
  routine::Retention p;
  p.closed_case = *ParseIsoDuration(closed);
  p.closed_case_reported = *ParseIsoDuration(reported);
  return p;
}

class RetentionTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = OpenMigrated(4);
    ASSERT_NE(db_, nullptr);
    store_ = std::make_unique<CaseStore>(*db_, clock_);
    store_->SetRetention(
        [this](const std::string&, const std::string&) { return policy_; });
    store_->SaveRoutineVersion(TestRoutine("nes"));
  }

  // A case closed at `closed` (Oslo time of the closing step's entry).
  std::string Closed(const char* closed, bool reported = false) {
    ReportCase c(*store_, "nes", "skole");
    c.Enter("undring", 0, "skole", "2026-01-05T09:00:00Z", Days(14))
        .Event("note", "2026-01-06T09:00:00Z");
    if (reported) c.Event("child_welfare_reported", "2026-01-07T09:00:00Z");
    c.Enter("slutt", 0, "skole", closed, std::nullopt, "closed");
    if (!reported) {
      c.Close();
      return c.id();
    }
    // Closing with the report on the snapshot, as the engine keeps it.
    auto r = store_->ExecuteCommand(
        "nes", c.id(), std::nullopt,
        [&](const engine::Snapshot& cur) -> Result<engine::Decision> {
          engine::Decision d;
          d.snapshot = cur;
          d.snapshot.version = cur.version + 1;
          d.snapshot.status = engine::CaseStatus::kClosed;
          d.snapshot.closed_reason = "done";
          d.snapshot.due_at.reset();
          d.snapshot.child_welfare_reported_at = Utc("2026-01-07T09:00:00Z");
          return d;
        });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return c.id();
  }

  std::optional<long long> RemoveAfterOf(const std::string& id) {
    auto lease = db_->Acquire();
    std::string v = id;
    long long t = 0;
    soci::indicator ind = soci::i_null;
    *lease << "select remove_after from cases where id = :id",
        soci::use(v, "id"), soci::into(t, ind);
    if (ind != soci::i_ok) return std::nullopt;
    return t;
  }

  long long Count(const std::string& q) {
    auto lease = db_->Acquire();
    long long n = 0;
    *lease << q, soci::into(n);
    return n;
  }

  // Purges at `now` until nothing more is claimed, writing a checkpoint
  // whenever due cases are not yet anchored (as the worker does).
  std::vector<std::string> PurgeAll(TimePoint now, int batch = 2) {
    std::vector<std::string> purged;
    for (int guard = 0; guard < 100; ++guard) {
      CasePurgeResult r = PurgeDueCases(*db_, "nes", now, batch, "test");
      purged.insert(purged.end(), r.purged.begin(), r.purged.end());
      if (!r.unanchored.empty()) {
        EXPECT_TRUE(WriteCheckpoint(*db_, "nes", now).ok());
      } else if (r.claimed() == 0) {
        break;
      }
    }
    return purged;
  }

  ManualClock clock_{Utc("2026-01-05T09:00:00Z")};
  routine::Retention policy_ = Policy("P2Y", "P4Y");
  std::unique_ptr<Database> db_;
  std::unique_ptr<CaseStore> store_;
};

TEST_P(RetentionTest, ClosingSetsRemoveAfterFromThePolicy) {
  const std::string plain = Closed("2026-03-10T10:00:00Z");
  const std::string reported = Closed("2026-03-10T10:00:00Z", true);
  EXPECT_EQ(RemoveAfterOf(plain), ToMillis(Utc("2028-03-10T10:00:00Z")));
  EXPECT_EQ(RemoveAfterOf(reported), ToMillis(Utc("2030-03-10T10:00:00Z")));
  ReportCase open(*store_, "nes", "skole");
  open.Enter("undring", 0, "skole", "2026-01-05T09:00:00Z", Days(14));
  EXPECT_EQ(RemoveAfterOf(open.id()), std::nullopt);
}

TEST_P(RetentionTest, ReopeningClearsRemoveAfter) {
  const std::string id = Closed("2026-03-10T10:00:00Z");
  ASSERT_TRUE(RemoveAfterOf(id).has_value());
  auto r = store_->ExecuteCommand(
      "nes", id, std::nullopt,
      [&](const engine::Snapshot& cur) -> Result<engine::Decision> {
        engine::Decision d =
            testing::MoveDecision(cur, "evaluering", 1, "skole", clock_.Now());
        d.snapshot.status = engine::CaseStatus::kOpen;
        d.snapshot.closed_reason.clear();
        return d;
      });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(RemoveAfterOf(id), std::nullopt);
}

TEST_P(RetentionTest, PurgedExactlyWhenDueAndNotADayBefore) {
  const std::string id = Closed("2026-03-10T10:00:00Z");
  const std::string later = Closed("2026-03-12T10:00:00Z");
  const TimePoint due = Utc("2028-03-10T10:00:00Z");

  EXPECT_TRUE(PurgeAll(due - Days(1)).empty());
  EXPECT_TRUE(PurgeAll(due - Millis(1)).empty());
  EXPECT_EQ(store_->Journal("nes", id).size(), 4u);

  EXPECT_EQ(PurgeAll(due), std::vector<std::string>{id});
  auto journal = store_->Journal("nes", id);
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_TRUE(IsTombstone(journal[0]));
  EXPECT_EQ(journal[0].seq, 5);
  EXPECT_TRUE(store_->StepVisits("nes", id).empty());
  EXPECT_EQ(store_->GetCase("nes", id)->reference, "SLETTET-" + id);
  EXPECT_EQ(RemoveAfterOf(id), std::nullopt);
  EXPECT_EQ(store_->Journal("nes", later).size(), 4u);  // not yet

  VerifyReport v = VerifyJournal(*db_, "nes");
  EXPECT_TRUE(v.ok()) << v.problems.front().message;
  // A checkpoint after the purge vouches for the tombstone too.
  ASSERT_TRUE(WriteCheckpoint(*db_, "nes", due).ok());
  v = VerifyJournal(*db_, "nes");
  EXPECT_TRUE(v.ok()) << v.problems.front().message;

  // The purge log names the case and counts, nothing else.
  auto log = PurgeLog(*db_, "nes", 100);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].what, "cases");
  EXPECT_EQ(log[0].count, 1);
  EXPECT_EQ(log[0].case_ids, std::vector<std::string>{id});

  EXPECT_EQ(PurgeAll(due + Days(2)), std::vector<std::string>{later});
  v = VerifyJournal(*db_, "nes");
  EXPECT_TRUE(v.ok()) << v.problems.front().message;
}

TEST_P(RetentionTest, DryRunShowsWhatIsDueWithoutDeleting) {
  const std::string id = Closed("2026-03-10T10:00:00Z");
  Closed("2027-03-10T10:00:00Z");
  DueSummary due =
      DueForPurge(*db_, "nes", policy_, Utc("2028-06-01T00:00:00Z"), 10);
  EXPECT_EQ(due.cases, 1);
  EXPECT_EQ(due.case_ids, std::vector<std::string>{id});
  const DueSummary counted =
      DueForPurge(*db_, "nes", policy_, Utc("2028-06-01T00:00:00Z"), 0);
  EXPECT_EQ(counted.cases, 1);
  EXPECT_TRUE(counted.case_ids.empty());
  EXPECT_EQ(CasesDueForPurge(*db_, "nes", Utc("2028-06-01T00:00:00Z")), 1);
  EXPECT_EQ(CasesDueForPurge(*db_, "nes", Utc("2029-06-01T00:00:00Z")), 2);
  EXPECT_EQ(CasesDueForPurge(*db_, "nes", Utc("2027-06-01T00:00:00Z")), 0);
  EXPECT_EQ(store_->Journal("nes", id).size(), 4u);
}

TEST_P(RetentionTest, ABrokenChainIsHeldBackNotPurged) {
  const std::string id = Closed("2026-03-10T10:00:00Z");
  const TimePoint due = Utc("2028-03-10T10:00:00Z");
  ASSERT_TRUE(WriteCheckpoint(*db_, "nes", due).ok());
  {
    auto lease = db_->Acquire();
    std::string v = id;
    *lease << "update journal set text = 'endret' where case_id = :id and "
              "seq = 2",
        soci::use(v, "id");
  }
  CasePurgeResult r = PurgeDueCases(*db_, "nes", due, 10, "test");
  EXPECT_TRUE(r.purged.empty());
  ASSERT_EQ(r.held.size(), 1u);
  EXPECT_EQ(store_->Journal("nes", id).size(), 4u);
  EXPECT_EQ(RemoveAfterOf(id), ToMillis(due) + 24LL * 3600 * 1000);
}

TEST_P(RetentionTest, APolicyChangeRecomputesAndCountsWhatMoved) {
  const std::string a = Closed("2026-03-10T10:00:00Z");
  const std::string b = Closed("2026-03-11T10:00:00Z", true);
  ReportCase open(*store_, "nes", "skole");
  open.Enter("undring", 0, "skole", "2026-01-05T09:00:00Z", Days(14));
  const TimePoint now = Utc("2026-04-01T00:00:00Z");

  // The first sync records the policy the cases were closed under.
  PolicySync s = SyncRetentionPolicy(*db_, "nes", "bti", policy_, now, "w");
  EXPECT_TRUE(s.changed);
  EXPECT_EQ(s.moved, 0);
  s = SyncRetentionPolicy(*db_, "nes", "bti", policy_, now, "w");
  EXPECT_FALSE(s.changed);

  routine::Retention longer = Policy("P3Y", "P4Y");
  s = SyncRetentionPolicy(*db_, "nes", "bti", longer, now, "w");
  EXPECT_TRUE(s.changed);
  EXPECT_EQ(s.moved, 1);  // only the unreported case's period changed
  EXPECT_EQ(s.previous, policy_.ToString());
  EXPECT_EQ(RemoveAfterOf(a), ToMillis(Utc("2029-03-10T10:00:00Z")));
  EXPECT_EQ(RemoveAfterOf(b), ToMillis(Utc("2030-03-11T10:00:00Z")));
  EXPECT_EQ(RemoveAfterOf(open.id()), std::nullopt);
  EXPECT_EQ(AppliedPolicy(*db_, "nes", "bti"), longer.ToString());
  // Both syncs are logged (same instant, so in no particular order).
  auto log = PurgeLog(*db_, "nes", 10);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].what, "policy");
  EXPECT_EQ(log[1].what, "policy");
  EXPECT_EQ(log[0].count + log[1].count, 1);

  // Cases closed before any policy was applied get their date backfilled.
  {
    auto lease = db_->Acquire();
    *lease << "update cases set remove_after = null";
  }
  s = SyncRetentionPolicy(*db_, "nes", "bti", policy_, now, "w");
  EXPECT_EQ(s.moved, 2);
  EXPECT_EQ(RemoveAfterOf(a), ToMillis(Utc("2028-03-10T10:00:00Z")));
}

TEST_P(RetentionTest, TwoPurgersOnOneDatabaseNeitherDoubleNorMiss) {
  constexpr int kCases = 40;
  std::set<std::string> all;
  for (int i = 0; i < kCases; ++i) all.insert(Closed("2026-03-10T10:00:00Z"));
  const TimePoint due = Utc("2028-03-10T10:00:00Z");
  ASSERT_TRUE(WriteCheckpoint(*db_, "nes", due).ok());

  // A second Database: its own connections, as another replica has.
  std::unique_ptr<Database> other = OpenDatabase(2);
  ASSERT_NE(other, nullptr);
  std::vector<std::string> got[2];
  std::atomic<bool> failed{false};
  auto run = [&](Database& db, std::vector<std::string>& out,
                 const char* name) {
    try {
      for (;;) {
        CasePurgeResult r = PurgeDueCases(db, "nes", due, 3, name);
        EXPECT_TRUE(r.unanchored.empty());
        out.insert(out.end(), r.purged.begin(), r.purged.end());
        if (r.claimed() == 0) break;
      }
    } catch (const std::exception& e) {
      ADD_FAILURE() << name << ": " << e.what();
      failed = true;
    }
  };
  std::thread t1(run, std::ref(*db_), std::ref(got[0]), "a");
  std::thread t2(run, std::ref(*other), std::ref(got[1]), "b");
  t1.join();
  t2.join();
  ASSERT_FALSE(failed);
  std::multiset<std::string> seen(got[0].begin(), got[0].end());
  seen.insert(got[1].begin(), got[1].end());
  EXPECT_EQ(seen.size(), all.size()) << "a case purged twice or missed";
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), all);
  EXPECT_EQ(Count("select count(*) from journal where kind = 'purged'"),
            kCases);
  VerifyReport v = VerifyJournal(*db_, "nes");
  EXPECT_TRUE(v.ok()) << v.problems.front().message;
  long long logged = Count(
      "select coalesce(sum(row_count), 0) from purge_log where what = "
      "'cases'");
  EXPECT_EQ(logged, kCases);
}

TEST_P(RetentionTest, IdempotencyKeysExpire) {
  WriteOptions o;
  o.idempotency_key = "k1";
  o.request_fingerprint = "fp";
  o.respond = [](const engine::Snapshot& s) {
    return StoredResponse{201, s.case_id, ""};
  };
  auto create = [&] {
    return store_->CreateCase(
        "nes", "NES", 2026,
        [&](const std::string& id, const std::string& ref) {
          return Result<engine::Decision>(
              testing::OpenDecision("nes", id, ref, clock_.Now()));
        },
        o);
  };
  auto first = create();
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->replayed);
  clock_.Advance(std::chrono::hours(23));
  auto replay = create();
  ASSERT_TRUE(replay.ok());
  EXPECT_TRUE(replay->replayed);
  EXPECT_EQ(replay->response.body, first->response.body);
  clock_.Advance(std::chrono::hours(1) + Millis(1));  // past PT24H
  auto fresh = create();
  ASSERT_TRUE(fresh.ok());
  EXPECT_FALSE(fresh->replayed) << "a replay after 24 h is a new request";
  EXPECT_NE(fresh->snapshot.case_id, first->snapshot.case_id);
  // And within the new key's lifetime it replays the new answer.
  auto again = create();
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->response.body, fresh->snapshot.case_id);
}

// A steady load: every day 50 reads and 20 keyed requests, and the purge
// runs; after the retention periods have passed, the tables hold no more
// than the periods' worth, whatever the number of days.
TEST_P(RetentionTest, LogTablesStayBoundedUnderASteadyLoad) {
  routine::Retention p;
  p.access_log = *ParseIsoDuration("P10D");
  p.idempotency_keys = *ParseIsoDuration("PT24H");
  p.notifications_delivered = *ParseIsoDuration("P5D");
  p.notifications_failed = *ParseIsoDuration("P5D");
  const std::string case_id = Closed("2026-03-10T10:00:00Z");
  TimePoint day = Utc("2026-04-01T08:00:00Z");
  std::int64_t max_access = 0, max_keys = 0, max_outbox = 0;
  for (int d = 0; d < 30; ++d, day += Days(1)) {
    clock_.Set(day);
    for (int i = 0; i < 50; ++i) {
      store_->RecordAccess({"nes", case_id, "skole", engine::Role::kWorker, day,
                            "read_case", ""});
    }
    {
      auto lease = db_->Acquire();
      for (int i = 0; i < 20; ++i) {
        std::string key = "d" + std::to_string(d) + "-" + std::to_string(i);
        std::string t = "nes", id = "o" + key;
        long long at = ToMillis(day);
        *lease << "insert into idempotency (tenant, idem_key, "
                  "request_fingerprint, status_code, response_body, "
                  "created_at) values (:t, :k, 'fp', 200, '', :at)",
            soci::use(t, "t"), soci::use(key, "k"), soci::use(at, "at");
        std::string c = case_id;
        *lease << "insert into outbox (id, tenant, case_id, service, event, "
                  "payload_json, created_at, status, next_attempt_at) values "
                  "(:id, :t, :c, 'skole', 'step_assigned', '{}', :at, "
                  "'delivered', :at)",
            soci::use(id, "id"), soci::use(t, "t"), soci::use(c, "c"),
            soci::use(at, "at");
      }
    }
    for (;;) {
      LogPurgeResult r = PurgeExpiredLogs(*db_, "nes", p, day, 40, "test");
      if (r.total() == 0) break;
    }
    max_access = std::max<std::int64_t>(
        max_access, Count("select count(*) from access_log"));
    max_keys = std::max<std::int64_t>(
        max_keys, Count("select count(*) from idempotency"));
    max_outbox = std::max<std::int64_t>(max_outbox,
                                        Count("select count(*) from outbox"));
  }
  // The periods' worth (plus the day in hand), not 30 days' worth.
  EXPECT_LE(max_access, 11 * 50);
  EXPECT_LE(max_keys, 2 * 20);
  EXPECT_LE(max_outbox, 6 * 20 + 10);
  EXPECT_GT(Count("select count(*) from purge_log where what = "
                  "'access_log'"),
            0);
}

// Found in review: report releases were given a remove_after and never
// deleted. They go ten years after they were served, with the other logs.
TEST_P(RetentionTest, ReportReleasesGoTenYearsAfterTheyWereServed) {
  ReportRelease r;
  r.tenant = "nes";
  r.actor_service = "ppt";
  r.actor_role = "auditor";
  r.kind = "compliance";
  r.period_from = "2026-01";
  r.period_to = "2026-06";
  r.figures = "{}";
  r.at = Utc("2026-07-01T08:00:00Z");
  RecordRelease(*db_, r);
  r.at = Utc("2027-07-01T08:00:00Z");
  RecordRelease(*db_, r);
  const routine::Retention p;
  EXPECT_EQ(
      PurgeExpiredLogs(*db_, "nes", p, Utc("2036-06-30T08:00:00Z"), 10, "test")
          .report_releases,
      0);
  EXPECT_EQ(
      PurgeExpiredLogs(*db_, "nes", p, Utc("2036-07-02T08:00:00Z"), 10, "test")
          .report_releases,
      1);
  const auto left = LoadReleases(*db_, "nes");
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].at, Utc("2027-07-01T08:00:00Z"));
  EXPECT_EQ(Count("select count(*) from purge_log where what = "
                  "'report_releases'"),
            1);
}

INSTANTIATE_TEST_SUITE_P(Backends, RetentionTest,
                         ::testing::Values("sqlite", "postgresql"),
                         BackendName);

}  // namespace
}  // namespace stafett::store
