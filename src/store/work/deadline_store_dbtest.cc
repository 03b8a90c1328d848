// The DeadlineStore contract (claim, staged firing in one transaction,
// journal chain, compare-and-set on the lease), once, on SQLite and
// PostgreSQL.
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "core/ids.h"
#include "store/cases/case_store.h"
#include "store/cases/journal_hash.h"
#include "store/cases/test_decisions.h"
#include "store/sql/test_db.h"
#include "store/work/deadline_store.h"

namespace stafett::store {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

const TimePoint kT0 = FromMillis(1780000000000);  // 2026-05-28
const auto kDay = hours(24);

class DeadlineStoreTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = OpenMigrated(6);
    ASSERT_NE(db_, nullptr);
    cases_ = std::make_unique<CaseStore>(*db_, clock_);
    cases_->SaveRoutineVersion(testing::TestRoutine("nes"));
    deadlines_ = std::make_unique<DeadlineStore>(*db_);
    outbox_ = std::make_unique<OutboxStore>(*db_);
  }

  // A case whose step deadline (due kT0 + 14 days) was set at kT0.
  engine::Snapshot Create() {
    auto r = cases_->CreateCase(
        "nes", "NES", 2026,
        [&](const std::string& id,
            const std::string& ref) -> Result<engine::Decision> {
          return testing::OpenDecision("nes", id, ref, clock_.Now());
        });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->snapshot : engine::Snapshot{};
  }

  // A decider that fires `stage` planned at `planned`, with one notice and
  // optionally a journal entry, and plans `next`.
  static DeadlineDecider Fire(int stage, TimePoint planned,
                              std::optional<TimePoint> next, bool journal) {
    return [=](const DeadlineRow& row, const engine::Snapshot& s) {
      DeadlineStep step;
      step.stage = stage;
      step.next_fire_at = next;
      DeadlineFiring f;
      f.stage = stage;
      f.stage_name = stage == 2 ? "missed" : "approaching";
      f.planned_at = planned;
      step.firing = f;
      NewOutboxMessage m;
      m.id = NewId();
      m.tenant = s.tenant;
      m.case_id = s.case_id;
      m.service = s.responsible_service;
      m.event = "deadline_" + f.stage_name;
      m.payload_json = "{}";
      step.notices.push_back(m);
      if (journal) {
        engine::JournalEntry j;
        j.kind = "deadline_missed";
        j.step = s.step;
        j.level = s.level;
        j.actor_service = "stafett";
        j.actor_role = engine::Role::kAdmin;
        j.at = planned;
        j.detail_json = "{\"kind\":\"" + row.kind + "\"}";
        step.journal = j;
      }
      step.counters = {{"firings_total", "stage=\"" + f.stage_name + "\"", 1}};
      return step;
    };
  }

  static DeadlineDecider Plan(int stage, TimePoint next) {
    return [=](const DeadlineRow&, const engine::Snapshot&) {
      DeadlineStep step;
      step.stage = stage;
      step.next_fire_at = next;
      return step;
    };
  }

  ManualClock clock_{kT0};
  std::unique_ptr<Database> db_;
  std::unique_ptr<CaseStore> cases_;
  std::unique_ptr<DeadlineStore> deadlines_;
  std::unique_ptr<OutboxStore> outbox_;
};

TEST_P(DeadlineStoreTest, NewDeadlineIsPlannedThenFiresInOneTransaction) {
  engine::Snapshot s = Create();
  const TimePoint due = kT0 + 14 * kDay;
  auto claimed = deadlines_->Claim("w1", kT0, seconds(30), 10);
  ASSERT_EQ(claimed.size(), 1u) << "a new deadline is claimable at once";
  EXPECT_EQ(claimed[0].kind, "step");
  EXPECT_EQ(claimed[0].stage, 0);
  EXPECT_EQ(claimed[0].due_at, due);
  EXPECT_EQ(claimed[0].lease_owner, "w1");

  // Planning: nothing fires, the next stage is scheduled.
  ASSERT_EQ(deadlines_->Process(claimed[0], "w1", kT0, Plan(0, due - 2 * kDay)),
            DeadlineStore::Outcome::kDone);
  EXPECT_TRUE(deadlines_->Claim("w1", kT0, seconds(30), 10).empty());
  EXPECT_EQ(deadlines_->NextDue(), due - 2 * kDay);
  EXPECT_TRUE(deadlines_->Firings(s.case_id).empty());

  // The reminder fires a little late.
  const TimePoint late = due - 2 * kDay + seconds(3);
  claimed = deadlines_->Claim("w1", late, seconds(30), 10);
  ASSERT_EQ(claimed.size(), 1u);
  auto before = cases_->Outbox("nes", s.case_id).size();
  ASSERT_EQ(deadlines_->Process(claimed[0], "w1", late,
                                Fire(1, due - 2 * kDay, due, false)),
            DeadlineStore::Outcome::kDone);
  auto firings = deadlines_->Firings(s.case_id);
  ASSERT_EQ(firings.size(), 1u);
  EXPECT_EQ(firings[0].stage, 1);
  EXPECT_EQ(firings[0].stage_name, "approaching");
  EXPECT_EQ(firings[0].planned_at, due - 2 * kDay);
  EXPECT_EQ(firings[0].fired_at, late);
  EXPECT_EQ(firings[0].worker, "w1");
  EXPECT_EQ(cases_->Outbox("nes", s.case_id).size(), before + 1);
  auto rows = cases_->Deadlines("nes", s.case_id);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].stage, 1);
  EXPECT_EQ(rows[0].next_fire_at, due);
  EXPECT_EQ(rows[0].fired_at, late);
  EXPECT_EQ(rows[0].lease_owner, "");
  EXPECT_EQ(outbox_->Stats().counters["firings_total"]["stage=\"approaching\""],
            1);
  EXPECT_EQ(cases_->GetCase("nes", s.case_id)->version, s.version)
      << "a notice alone does not change the case";
}

TEST_P(DeadlineStoreTest, MissedStageAppendsToTheJournalChain) {
  engine::Snapshot s = Create();
  const TimePoint due = kT0 + 14 * kDay;
  auto c = deadlines_->Claim("w1", kT0, seconds(30), 10);
  ASSERT_EQ(deadlines_->Process(c[0], "w1", kT0, Plan(1, due)),
            DeadlineStore::Outcome::kDone);
  c = deadlines_->Claim("w1", due, seconds(30), 10);
  ASSERT_EQ(c.size(), 1u);
  ASSERT_EQ(
      deadlines_->Process(c[0], "w1", due, Fire(2, due, std::nullopt, true)),
      DeadlineStore::Outcome::kDone);
  auto journal = cases_->Journal("nes", s.case_id);
  ASSERT_GE(journal.size(), 3u);
  EXPECT_EQ(journal.back().entry.kind, "deadline_missed");
  EXPECT_EQ(FirstBrokenLink(journal), std::nullopt) << "the chain still holds";
  auto after = cases_->GetCase("nes", s.case_id);
  EXPECT_EQ(after->version, s.version + 1);
  // A command after the firing chains on from it.
  auto moved = cases_->ExecuteCommand(
      "nes", s.case_id, std::nullopt,
      [&](const engine::Snapshot& cur) -> Result<engine::Decision> {
        return testing::NoteDecision(cur, "etter fristen", clock_.Now());
      });
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(FirstBrokenLink(cases_->Journal("nes", s.case_id)), std::nullopt);
  EXPECT_TRUE(
      deadlines_->Claim("w1", due + 100 * kDay, seconds(30), 10).empty())
      << "nothing left to fire";
}

TEST_P(DeadlineStoreTest, AWorkerThatLostItsLeaseWritesNothing) {
  engine::Snapshot s = Create();
  auto a = deadlines_->Claim("w1", kT0, seconds(10), 10);
  ASSERT_EQ(a.size(), 1u);
  auto b = deadlines_->Claim("w2", kT0 + seconds(11), seconds(10), 10);
  ASSERT_EQ(b.size(), 1u) << "w1's lease expired";
  EXPECT_EQ(deadlines_->Process(a[0], "w1", kT0 + seconds(12),
                                Fire(1, kT0, std::nullopt, true)),
            DeadlineStore::Outcome::kLostLease);
  EXPECT_TRUE(deadlines_->Firings(s.case_id).empty());
  EXPECT_EQ(cases_->GetCase("nes", s.case_id)->version, s.version)
      << "the journal entry was rolled back with the rest";
  EXPECT_EQ(deadlines_->Process(b[0], "w2", kT0 + seconds(12),
                                Fire(1, kT0, std::nullopt, false)),
            DeadlineStore::Outcome::kDone);
  ASSERT_EQ(deadlines_->Firings(s.case_id).size(), 1u);
  EXPECT_EQ(deadlines_->Firings(s.case_id)[0].worker, "w2");
}

TEST_P(DeadlineStoreTest, ADeadlineMovedWhileLeasedIsNotFiredOnTheOldTime) {
  engine::Snapshot s = Create();
  auto a = deadlines_->Claim("w1", kT0, seconds(30), 10);
  ASSERT_EQ(a.size(), 1u);
  clock_.Advance(seconds(1));
  auto moved = cases_->ExecuteCommand(
      "nes", s.case_id, std::nullopt,
      [&](const engine::Snapshot& cur) -> Result<engine::Decision> {
        return testing::MoveDecision(cur, "plan", 1, "ppt", clock_.Now());
      });
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(deadlines_->Process(a[0], "w1", kT0 + seconds(2),
                                Fire(1, kT0, std::nullopt, true)),
            DeadlineStore::Outcome::kLostLease);
  EXPECT_TRUE(deadlines_->Firings(s.case_id).empty());
  // The moved deadline is new again and claimable at once.
  auto again = deadlines_->Claim("w2", kT0 + seconds(2), seconds(30), 10);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].stage, 0);
  EXPECT_EQ(again[0].due_at, kT0 + seconds(1) + 7 * kDay);
}

TEST_P(DeadlineStoreTest, ConcurrentWorkersFireEachStageOnce) {
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i) ids.push_back(Create().case_id);
  std::atomic<bool> failed{false};
  std::vector<std::thread> workers;
  for (int w = 0; w < 3; ++w) {
    workers.emplace_back([&, w] {
      try {
        auto db = Database::Open(url(), DatabaseOptions{2});
        if (!db.ok()) {
          failed = true;
          return;
        }
        DeadlineStore store(**db);
        const std::string me = "w" + std::to_string(w);
        for (;;) {
          auto batch = store.Claim(me, kT0, std::chrono::minutes(5), 2);
          if (batch.empty()) break;
          for (const auto& row : batch) {
            auto out =
                store.Process(row, me, kT0, Fire(1, kT0, std::nullopt, true));
            if (out != DeadlineStore::Outcome::kDone) failed = true;
          }
        }
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        failed = true;
      }
    });
  }
  for (auto& t : workers) t.join();
  ASSERT_FALSE(failed);
  for (const auto& id : ids) {
    EXPECT_EQ(deadlines_->Firings(id).size(), 1u);
    EXPECT_EQ(FirstBrokenLink(cases_->Journal("nes", id)), std::nullopt);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, DeadlineStoreTest,
                         ::testing::Values("sqlite", "postgresql"),
                         BackendName);

}  // namespace
}  // namespace stafett::store
