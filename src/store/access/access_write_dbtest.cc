// An access-log row commits without a WAL flush of its own
// (store/access/access_write.h), on both backends: the row is there and reads
// back, the write is one statement on PostgreSQL, the session's next
// transaction is durable again, a failed insert fails the read, and a crash
// recovery of the server is noted once (access_log_gaps).
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "store/access/access_via.h"
#include "store/access/access_write.h"
#include "store/cases/case_store.h"
#include "store/sql/test_db.h"

namespace stafett::store {
namespace {

const TimePoint kT0 = FromMillis(1780000000000);

class AccessWriteTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    // One session: the checks after a write see the session that wrote.
    db_ = OpenMigrated(1);
    ASSERT_NE(db_, nullptr);
    if (IsPostgres()) {
      // The test server runs with synchronous_commit off for speed; a
      // production session has it on.
      auto lease = db_->Acquire();
      *lease << "set synchronous_commit = on";
    }
    store_ = std::make_unique<CaseStore>(*db_, clock_);
  }

  AccessRecord Read(const std::string& case_id, const std::string& reason) {
    return {"nes",        case_id,     "ppt",  engine::Role::kWorker,
            clock_.Now(), "read_case", reason, "person-1"};
  }

  // The session's durability setting now: PostgreSQL's synchronous_commit
  // ("on"), SQLite's synchronous (2 = FULL).
  std::string Durability() {
    auto lease = db_->Acquire();
    if (IsPostgres()) {
      std::string v;
      *lease << "show synchronous_commit", soci::into(v);
      return v;
    }
    int v = -1;
    *lease << "pragma synchronous", soci::into(v);
    return std::to_string(v);
  }
  std::string Durable() const { return IsPostgres() ? "on" : "2"; }

  ManualClock clock_{kT0};
  std::unique_ptr<Database> db_;
  std::unique_ptr<CaseStore> store_;
};

TEST_P(AccessWriteTest, TheRowReadsBackAndTheSessionStaysDurable) {
  EXPECT_EQ(Durability(), Durable());
  const std::uint64_t before = StatementsOnThisThread();
  store_->RecordAccess(Read("c1", "Forberede møte"));
  const std::uint64_t statements = StatementsOnThisThread() - before;
  // PostgreSQL: one round trip. SQLite: the insert between two pragmas,
  // in process (docs/store.md).
  EXPECT_EQ(statements, IsPostgres() ? 1u : 3u);
  clock_.Advance(Millis(1000));  // rows are listed by time, then id
  RecordAccessVia(*store_, Read("c1", "delt tjeneste"), "tana/bvt");

  auto rows = AccessLogVia(*store_, "nes", "c1");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].record.action, "read_case");
  EXPECT_EQ(rows[0].record.reason, "Forberede møte");
  EXPECT_EQ(rows[0].record.actor_person, "person-1");
  EXPECT_EQ(rows[0].record.at, kT0);
  EXPECT_EQ(rows[0].via, "");
  EXPECT_EQ(rows[1].via, "tana/bvt");
  ASSERT_EQ(store_->AccessLog("nes", "c1").size(), 2u);

  // The relaxed commit was the row's alone: the pooled session's next
  // transaction (a case command) waits for its flush as before.
  EXPECT_EQ(Durability(), Durable());
}

TEST_P(AccessWriteTest, AFailedInsertFailsTheReadAndRestoresTheSession) {
  {
    auto lease = db_->Acquire();
    *lease << "alter table access_log rename to access_log_away";
  }
  EXPECT_ANY_THROW(store_->RecordAccess(Read("c1", "")));
  EXPECT_EQ(Durability(), Durable());
  {
    auto lease = db_->Acquire();
    *lease << "alter table access_log_away rename to access_log";
  }
  store_->RecordAccess(Read("c1", ""));
  EXPECT_EQ(store_->AccessLog("nes", "c1").size(), 1u);
}

TEST_P(AccessWriteTest, ACrashRecoveryIsNotedOnce) {
  if (!IsPostgres()) {
    // SQLite: an application crash loses nothing; nothing to note.
    EXPECT_FALSE(NoteCrashRecovery(*db_, 1));
    return;
  }
  auto count = [&](const std::string& kind) {
    auto lease = db_->Acquire();
    int n = 0;
    *lease << "select count(*) from access_log_gaps where kind = :k",
        soci::use(kind), soci::into(n);
    return n;
  };
  // The first mark this database sees is its baseline, not a gap.
  EXPECT_FALSE(NoteCrashRecovery(*db_, 1));
  EXPECT_FALSE(NoteCrashRecovery(*db_, 2));
  EXPECT_EQ(count("baseline"), 1);
  EXPECT_EQ(count("possible_gap"), 0);
  // Crash recovery sets pg_stat_wal.stats_reset, as this reset does.
  {
    auto lease = db_->Acquire();
    *lease << "select pg_stat_reset_shared('wal')";
  }
  EXPECT_TRUE(NoteCrashRecovery(*db_, 3));
  EXPECT_FALSE(NoteCrashRecovery(*db_, 4));
  EXPECT_EQ(count("possible_gap"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessWriteTest,
                         ::testing::Values("sqlite", "postgresql"),
                         BackendName);

}  // namespace
}  // namespace stafett::store
