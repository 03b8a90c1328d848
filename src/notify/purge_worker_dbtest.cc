// The purge worker end to end on SQLite and PostgreSQL with an injected
// clock: it applies the routine's retention policy (backfilling closed
// cases), anchors due cases with a checkpoint, purges them in batches,
// leaves a journal that verifies, recomputes on a policy change, logs a
// broken case the checkpoint left out, and two workers on one database
// purge every case exactly once. Archiving before the purge is in
// purge_worker_archive_dbtest.cc.
#include <algorithm>
#include <memory>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "notify/purge_worker.h"
#include "notify/senders.h"
#include "notify/test_purge_worker.h"
#include "store/audit/audit.h"
#include "store/audit/test_report_cases.h"
#include "store/cases/case_store.h"
#include "store/cases/test_decisions.h"
#include "store/lifecycle/purge.h"
#include "store/lifecycle/purge_view.h"
#include "store/sql/test_db.h"
#include "store/sql/test_tamper.h"
#include "store/work/outbox_store.h"

namespace stafett::notify {
namespace {

using store::testing::Days;
using store::testing::ReportCase;
using store::testing::TestRoutine;
using store::testing::Utc;

using testing::PurgeWorkerTest;
using testing::WithRetention;

TEST_P(PurgeWorkerTest, AppliesThePolicyAnchorsAndPurgesWhenDue) {
  std::set<std::string> ids;
  for (int i = 0; i < 7; ++i) ids.insert(Closed("2026-03-10T10:00:00Z"));
  const std::string later = Closed("2026-06-10T10:00:00Z");
  PurgeWorker w = Worker("w1", directory_);

  // The first pass moves every closed case from the default P5Y to P2Y.
  clock_.Set(Utc("2028-03-09T10:00:00Z"));  // a day before due
  PurgePass p = w.RunOnce();
  EXPECT_EQ(p.moved, 8);
  EXPECT_EQ(p.cases, 0);

  clock_.Set(Utc("2028-03-10T10:00:00Z"));
  std::set<std::string> purged;
  for (int pass = 0; pass < 10; ++pass) {
    p = w.RunOnce();
    for (const auto& e : store::PurgeLog(*db_, "nes", 100)) {
      if (e.what == "cases")
        purged.insert(e.case_ids.begin(), e.case_ids.end());
    }
    if (!p.full && p.unanchored == 0) break;
  }
  EXPECT_EQ(purged, ids);
  EXPECT_EQ(store_->Journal("nes", later).size(), 3u);  // not yet due
  store::VerifyReport v = store::VerifyJournal(*db_, "nes");
  EXPECT_TRUE(v.ok()) << v.problems.front().message;

  // A policy change (longer) moves the one left, and is counted.
  StaticDirectory longer;
  longer.Add(WithRetention("P3Y"));
  PurgeWorker w2 = Worker("w2", longer);
  p = w2.RunOnce();
  EXPECT_EQ(p.moved, 1);
  clock_.Set(Utc("2028-06-10T10:00:00Z"));
  for (int pass = 0; pass < 3; ++pass) w2.RunOnce();
  EXPECT_EQ(store_->Journal("nes", later).size(), 3u) << "now due in 2029";
}

TEST_P(PurgeWorkerTest, TwoWorkersPurgeEveryCaseExactlyOnce) {
  std::set<std::string> ids;
  for (int i = 0; i < 30; ++i) ids.insert(Closed("2026-03-10T10:00:00Z"));
  clock_.Set(Utc("2028-04-01T00:00:00Z"));
  std::unique_ptr<store::Database> other = OpenDatabase(4);
  ASSERT_NE(other, nullptr);
  PurgeWorker a = Worker("a", directory_);
  PurgeWorker b(*other, directory_, clock_, "b",
                PurgeWorkerOptions{3, Millis(0)}, {});
  auto run = [](PurgeWorker& w) {
    for (int pass = 0; pass < 40; ++pass) {
      try {
        w.RunOnce();
      } catch (const std::exception& e) {
        // A lost race on the checkpoint key surfaces in the log only;
        // anything else is a failure.
        ADD_FAILURE() << e.what();
      }
    }
  };
  std::thread ta(run, std::ref(a)), tb(run, std::ref(b));
  ta.join();
  tb.join();
  std::multiset<std::string> seen;
  for (const auto& e : store::PurgeLog(*db_, "nes", 1000)) {
    if (e.what == "cases") seen.insert(e.case_ids.begin(), e.case_ids.end());
  }
  EXPECT_EQ(seen.size(), ids.size()) << "purged twice or missed";
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), ids);
  store::VerifyReport v = store::VerifyJournal(*db_, "nes");
  EXPECT_TRUE(v.ok()) << v.problems.front().message;
}

// A case whose journal was changed behind Stafett's back is evidence: the
// automatic checkpoint leaves it out and says so where an operator looks
// (an error in the log, with what to run), and the due cases still go.
TEST_P(PurgeWorkerTest,
       ABrokenCaseIsLoggedAndTheCheckpointStillAnchorsTheRest) {
  const std::string due = Closed("2026-03-10T10:00:00Z");
  ReportCase open(*store_, "nes", "skole");
  open.Enter("undring", 0, "skole", "2026-01-05T09:00:00Z", Days(14));
  store::testing::TamperJournalText(*db_, open.id(), 2);
  struct Line {
    LogLevel level;
    std::string event, text;
  };
  std::vector<Line> log;
  PurgeWorker w(*db_, directory_, clock_, "w1",
                PurgeWorkerOptions{3, Millis(0)},
                [&log](LogLevel level, const std::string& event,
                       const std::string& text) {
                  log.push_back({level, event, text});
                });
  clock_.Set(Utc("2028-04-01T00:00:00Z"));
  for (int pass = 0; pass < 3; ++pass) w.RunOnce();

  EXPECT_EQ(store_->Journal("nes", due).size(), 1u) << "purged: a tombstone";
  EXPECT_EQ(store_->Journal("nes", open.id()).size(), 2u) << "evidence kept";
  auto skipped = std::find_if(log.begin(), log.end(), [](const Line& l) {
    return l.event == "checkpoint_skipped_broken";
  });
  ASSERT_NE(skipped, log.end());
  EXPECT_EQ(skipped->level, LogLevel::kError);
  EXPECT_NE(skipped->text.find("kommune nes: 1 sak(er)"), std::string::npos)
      << skipped->text;
  EXPECT_NE(skipped->text.find("stafett audit verify"), std::string::npos);
  // ... and verify names the case the line counted.
  EXPECT_EQ(store::VerifyJournal(*db_, "nes").broken_cases,
            std::set<std::string>{open.id()});
}

INSTANTIATE_TEST_SUITE_P(Backends, PurgeWorkerTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::notify
