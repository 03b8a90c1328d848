// Database faults that one connection can show (issue 11, defect 9), on a
// real server: the bounds each session gets, a session whose server side
// went away, and a statement the server never answers. The whole-service
// scenarios (stop, restart, SIGSTOP, full disk) are in tests/faults/.
#include <chrono>
#include <thread>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <soci/soci.h>
#include <sys/socket.h>
#include <unistd.h>

#include "store/sql/database.h"
#include "store/sql/test_db.h"

namespace stafett::store {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

class DatabaseDbTest : public DatabaseTest {};
// The faults of a server connection: PostgreSQL only.
class PostgresDbTest : public DatabaseTest {};

TEST_P(PostgresDbTest, PostgresSessionsGetTheDocumentedBounds) {
  auto db = OpenDatabase(1);
  ASSERT_NE(db, nullptr);
  auto lease = db->Acquire();
  std::string statement, lock, schema;
  *lease << "show statement_timeout", soci::into(statement);
  *lease << "show lock_timeout", soci::into(lock);
  // The test's own options (search_path) survive beside ours.
  *lease << "select current_schema()", soci::into(schema);
  EXPECT_EQ(statement, "3s");
  EXPECT_EQ(lock, "2s");
  EXPECT_NE(schema, "public");
}

// What a server restart leaves in the pool: sessions whose backend is gone.
// The next lease reconnects them before use; a BEGIN on a session that
// broke while leased is retried once on a fresh connection.
TEST_P(PostgresDbTest, AStaleSessionIsReconnectedBeforeUse) {
  auto db = OpenMigrated(3);
  ASSERT_NE(db, nullptr);
  // Ends `victim`'s server process from `other`, as a restart would.
  auto terminate = [](soci::session& victim, soci::session& other) {
    int pid = 0;
    victim << "select pg_backend_pid()", soci::into(pid);
    int done = 0;
    other << "select count(*) from pg_terminate_backend(:pid) t "
             "where t",
        soci::use(pid), soci::into(done);
    ASSERT_EQ(done, 1);
    std::this_thread::sleep_for(milliseconds(200));
  };
  {
    auto a = db->Acquire();
    auto b = db->Acquire();
    auto c = db->Acquire();
    terminate(*a, *c);
    terminate(*b, *c);
  }
  for (int i = 0; i < 4; ++i) {
    auto a = db->Acquire();
    auto b = db->Acquire();
    auto c = db->Acquire();
    int one = 0;
    EXPECT_NO_THROW((*a << "select 1", soci::into(one)));
    EXPECT_NO_THROW((*b << "select 1", soci::into(one)));
    EXPECT_NO_THROW((*c << "select 1", soci::into(one)));
  }
  {
    auto a = db->Acquire();
    auto b = db->Acquire();
    terminate(*a, *b);
    WriteTransaction tx(*a, db->dialect());  // would throw before the fix
    *a << "delete from idempotency where tenant = 'none'";
    EXPECT_NO_THROW(tx.Commit());
  }
}

// A frozen server never fires its own statement_timeout; the watchdog
// shuts the socket at statement_timeout + 1 s, and the failure counts as
// "unavailable" (503), not as a bug.
TEST_P(PostgresDbTest, TheWatchdogEndsAStatementThatGetsNoAnswer) {
  DatabaseOptions options;
  options.pool_size = 1;
  options.statement_timeout = milliseconds(500);
  auto db = Database::Open(url(), options);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  const auto start = steady_clock::now();
  try {
    auto lease = (*db)->Acquire();
    // As if frozen: the server itself would wait 10 s.
    *lease << "set statement_timeout = 0";
    *lease << "select pg_sleep(10)";
    ADD_FAILURE() << "pg_sleep(10) returned";
  } catch (const std::exception& e) {
    EXPECT_TRUE(IsUnavailable(e)) << e.what();
  }
  const auto took = steady_clock::now() - start;
  EXPECT_LT(took, milliseconds(3000));
  EXPECT_GE(took, milliseconds(1400));
  // The session is replaced on its next lease.
  auto lease = (*db)->Acquire();
  int one = 0;
  *lease << "select 1", soci::into(one);
  EXPECT_EQ(one, 1);
}

TEST_P(DatabaseDbTest, PingIsBoundedAndSaysWhy) {
  auto db = OpenMigrated(1);
  ASSERT_NE(db, nullptr);
  Readiness ok = db->Ping(milliseconds(800));
  EXPECT_TRUE(ok.reachable) << ok.reason;
  EXPECT_TRUE(ok.writable) << ok.reason;
  EXPECT_TRUE(ok.reason.empty());
  if (!IsPostgres()) return;
  // A server that accepts the connection but never answers: a listening
  // socket nobody accepts from.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(fd, 4), 0);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const std::string silent =
      "host=127.0.0.1 port=" + std::to_string(ntohs(addr.sin_port)) +
      " dbname=x user=x connect_timeout=10";
  const auto start = steady_clock::now();
  Readiness r = Database::PingUrl(silent, milliseconds(500));
  const auto took = steady_clock::now() - start;
  ::close(fd);
  EXPECT_FALSE(r.reachable);
  EXPECT_FALSE(r.reason.empty());
  EXPECT_LT(took, milliseconds(900));
}

INSTANTIATE_TEST_SUITE_P(Backends, PostgresDbTest,
                         ::testing::Values("postgresql"), BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, DatabaseDbTest,
                         ::testing::Values("sqlite", "postgresql"),
                         BackendName);

}  // namespace
}  // namespace stafett::store
