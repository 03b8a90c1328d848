// SQLite writers in one process wait for each other's lock on the commit
// signal (store/sql/sqlite_wait.h), and the wait stays bounded.
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "store/sql/database.h"
#include "store/sql/sqlite_wait.h"
#include "store/sql/test_db.h"

namespace stafett::store {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// SQLite's write lock only: instantiated for "sqlite" alone.
class SqliteWaitDbTest : public DatabaseTest {};

// Sixteen sessions writing at once, as the server's workers do: every
// write lands, and the writers woke on commits rather than timing out.
TEST_P(SqliteWaitDbTest, ConcurrentWritersAllCommit) {
  auto db = OpenMigrated(16);
  ASSERT_NE(db, nullptr);
  {
    auto lease = db->Acquire();
    *lease << "create table w (n integer not null)";
  }
  const auto signalled = SqliteCommitsSignalled();
  constexpr int kThreads = 16, kEach = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        try {
          auto lease = db->Acquire();
          if (i % 2 == 0) {
            *lease << "insert into w (n) values (:n)", soci::use(t * kEach + i);
          } else {
            WriteTransaction tx(*lease, Dialect::kSqlite);
            *lease << "insert into w (n) values (:n)", soci::use(t * kEach + i);
            tx.Commit();
          }
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  int rows = 0, distinct = 0;
  auto lease = db->Acquire();
  *lease << "select count(*), count(distinct n) from w", soci::into(rows),
      soci::into(distinct);
  EXPECT_EQ(rows, kThreads * kEach);
  EXPECT_EQ(distinct, kThreads * kEach);
  EXPECT_GE(SqliteCommitsSignalled() - signalled,
            static_cast<unsigned long long>(kThreads * kEach));
}

// A writer that never lets go: the other one gives up after the busy
// timeout with an error the edge answers 503, instead of waiting forever.
TEST_P(SqliteWaitDbTest, AWaitingWriterGivesUpAfterTheBusyTimeout) {
  DatabaseOptions options;
  options.pool_size = 2;
  options.sqlite_busy_timeout = std::chrono::seconds(1);
  auto opened = Database::Open(url(), options);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  auto& db = **opened;
  {
    auto lease = db.Acquire();
    *lease << "create table w (n integer not null)";
  }
  auto holder = db.Acquire();
  WriteTransaction held(*holder, Dialect::kSqlite);
  *holder << "insert into w (n) values (1)";
  const auto start = steady_clock::now();
  bool failed = false;
  try {
    auto lease = db.Acquire();
    *lease << "insert into w (n) values (2)";
  } catch (const std::exception& e) {
    failed = true;
    EXPECT_TRUE(IsUnavailable(e)) << e.what();
  }
  const auto took = steady_clock::now() - start;
  EXPECT_TRUE(failed);
  EXPECT_GE(took, milliseconds(900));
  EXPECT_LT(took, milliseconds(5000));
  held.Commit();
}

INSTANTIATE_TEST_SUITE_P(Backends, SqliteWaitDbTest,
                         ::testing::Values("sqlite"), BackendName);

}  // namespace
}  // namespace stafett::store
