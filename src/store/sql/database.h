// Database: the connection to Stafett's one database, SQLite (the embedded
// default, one file) or PostgreSQL (several `stafett serve` replicas on one
// server). Owns a pool of SOCI sessions sized by the caller, knows its
// dialect, and counts the statements each thread issues (for the statement
// budget in docs/store.md).
//
// URLs accepted by Database::Open (see ParseDatabaseUrl):
//   sqlite:PATH, sqlite://PATH    a file (created if absent); ":memory:" is
//                                 refused: every pooled session would get its
//                                 own private database
//   postgresql://..., postgres://...   a libpq URI (user, password, host,
//                                 port, dbname, ?query parameters)
//   host=... dbname=...           a libpq conninfo string (key=value pairs)
// Both PostgreSQL forms are parsed by libpq itself (PQconninfoParse) and
// rewritten as one canonical key='value' conninfo, so SOCI never sees a URI
// (SOCI 4.0 mangles URIs: "database \"postgres=\" does not exist").
//
// Bounded waits (docs/store.md, "Database faults"): on PostgreSQL every
// session gets connect_timeout (default 2 s, unless the URL sets one),
// statement_timeout and lock_timeout (DatabaseOptions), and a client-side
// watchdog shuts the socket of a statement that got no answer within
// statement_timeout + 1 s (a frozen server never fires its own timeout).
// Acquire waits at most acquire_timeout. A pooled PostgreSQL session whose
// server went away (its socket is readable or closed while idle) is
// reconnected before it is handed out, and WriteTransaction retries a
// BEGIN that failed on a broken connection once on a fresh one: nothing
// had been sent in that transaction yet.
//
// SQLite sessions are opened with journal_mode=WAL, foreign_keys=ON,
// synchronous=FULL (an access-log row commits at NORMAL:
// store/access/access_write.h) and a busy timeout, so a second writer waits
// instead of failing. Write
// transactions must use WriteTransaction (BEGIN IMMEDIATE on SQLite), never
// soci::transaction (a deferred BEGIN fails at once with "database is
// locked" when it upgrades from read to write under contention).
//
// Errors: Open returns kInvalidArgument for a URL it cannot parse; a
// database that cannot be reached throws (soci::soci_error, a
// std::runtime_error). Acquire throws PoolTimeout when no session frees up
// in time (the edge maps it to 503). IsUnavailable tells an exception that
// means "the database cannot serve now" (down, frozen, restarting, disk
// full, timed out) from a bug; the edge answers the former 503 +
// Retry-After.
//
// SOCI appears here only as forward declarations, so layers above the store
// (http) can include this header without <soci/...>.
//
// Thread-safety: Database is thread-safe. A Lease and the session it holds
// belong to one thread at a time; so does a WriteTransaction.
#ifndef STAFETT_STORE_SQL_DATABASE_H_
#define STAFETT_STORE_SQL_DATABASE_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/status.h"

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace stafett::store {

enum class Dialect { kSqlite, kPostgresql };
const char* DialectName(Dialect d);  // "sqlite", "postgresql"
// The row-lock clause of a claim's inner select: " for update skip locked"
// on PostgreSQL, so concurrent claimers pass over each other's rows; "" on
// SQLite, whose writers are serialised (BEGIN IMMEDIATE) anyway.
inline const char* SkipLockedClause(Dialect d) {
  return d == Dialect::kPostgresql ? " for update skip locked" : "";
}

struct DatabaseUrl {
  Dialect dialect = Dialect::kSqlite;
  // SQLite: the file path. PostgreSQL: a canonical libpq conninfo
  // (key='value' pairs) of what the URL or conninfo said.
  std::string target;
  // For logs and error messages: the URL with any password replaced by ***.
  std::string redacted;
};

// Parses one of the URL forms above. kInvalidArgument (field "db") for an
// empty or unrecognised URL, or for sqlite::memory:.
Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url);

struct DatabaseOptions {
  // Number of pooled sessions. Size it at least as large as the number of
  // threads that use the store at once (HTTP workers + notifier).
  std::size_t pool_size = 4;
  // How long Acquire waits for a free session before throwing PoolTimeout.
  std::chrono::milliseconds acquire_timeout{2000};
  // SQLite only: how long a writer waits for another writer's lock.
  std::chrono::seconds sqlite_busy_timeout{5};
  // PostgreSQL only: server-side limits per statement and per lock wait
  // (0 = none), and the connect timeout used when the URL sets none. A
  // statement without an answer after statement_timeout + 1 s has its
  // socket shut by the watchdog (only when statement_timeout > 0).
  std::chrono::milliseconds statement_timeout{3000};
  std::chrono::milliseconds lock_timeout{2000};
  std::chrono::seconds connect_timeout{2};
};

// The database cannot serve now: the edge answers 503 with Retry-After.
// True for PoolTimeout; PostgreSQL connection failures, shutdown, statement
// and lock timeouts, lack of resources (disk full, too many connections)
// and a read-only server; SQLite busy, locked, I/O error and disk full.
// False for everything else (constraint violations, syntax: bugs).
bool IsUnavailable(const std::exception& e);

// What Ping found: ok, or why not (for /readyz; never a secret).
struct Readiness {
  bool reachable = false;  // a round trip to the database worked
  bool writable = false;   // and there is room to write (SQLite: disk)
  std::string reason;      // empty when both hold; English, for operators
};

// No pooled session became free within DatabaseOptions::acquire_timeout.
class PoolTimeout : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Database {
 public:
  // Connects the first pooled session; the others connect when first
  // leased (Acquire), so start-up does not wait for pool_size connections.
  // kInvalidArgument for a bad URL; throws soci::soci_error if the
  // database cannot be opened.
  static Result<std::unique_ptr<Database>> Open(
      std::string_view url, const DatabaseOptions& options = {});

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return url_.dialect; }
  const DatabaseUrl& url() const { return url_; }
  std::size_t pool_size() const { return options_.pool_size; }

  // A pooled session, given back when the Lease is destroyed. Move-only.
  // A session whose connection was lost (server restart) is reconnected
  // when leased.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();
    soci::session& session() const { return *session_; }
    soci::session& operator*() const { return *session_; }
    soci::session* operator->() const { return session_; }

   private:
    friend class Database;
    Lease(Database* db, std::size_t pos, soci::session* s);
    Database* db_;
    std::size_t pos_;
    soci::session* session_;
    int exceptions_;  // std::uncaught_exceptions() when leased
  };

  // Blocks up to acquire_timeout for a free session; throws PoolTimeout.
  // Opens the session on its first lease (throws soci::soci_error when the
  // database cannot be reached then: IsUnavailable, a 503).
  Lease Acquire();

  // Statements issued through this Database's sessions, in total.
  std::uint64_t StatementCount() const { return statements_.load(); }

  // A bounded readiness check that does not use the pool: PostgreSQL, a
  // fresh non-blocking connection and `select 1`, abandoned at `budget`;
  // SQLite, `select 1` on the file plus the free space of its filesystem
  // (less than kMinFreeBytes = not writable). Never throws.
  static constexpr std::uint64_t kMinFreeBytes = 1u << 20;
  Readiness Ping(std::chrono::milliseconds budget) const;
  // The same for a URL, without a pool (tests; tools).
  static Readiness PingUrl(std::string_view url,
                           std::chrono::milliseconds budget);

  // PostgreSQL sessions only: if this pooled session's connection is
  // broken (bad status, or its idle socket is readable/closed: the server
  // sent a termination notice or went away), reconnects it. True when it did.
  // Used by Acquire and WriteTransaction; a reconnect failure throws
  // soci::soci_error.
  static bool ReconnectIfBroken(soci::session& s);

 private:
  Database(DatabaseUrl url, const DatabaseOptions& options);
  void Connect();
  void OpenSession(soci::session& s, std::size_t pos);
  void Watch();  // the watchdog thread's loop (PostgreSQL only)

 public:
  struct Watchdog;  // database.cc; public only for its logger

 private:
  DatabaseUrl url_;
  DatabaseOptions options_;
  std::string conninfo_;  // PostgreSQL: url_.target plus the bounds
  std::unique_ptr<soci::connection_pool> pool_;
  std::atomic<std::uint64_t> statements_{0};
  // Per pooled session: an exception escaped while it was leased, so check
  // the connection (and reconnect) before handing it out again.
  std::unique_ptr<std::atomic<bool>[]> suspect_;
  // Per pooled session: opened yet (sessions open on first lease). Read and
  // written only by the thread that holds the slot's lease (or Connect).
  std::unique_ptr<bool[]> opened_;
  std::unique_ptr<Watchdog> watchdog_;
};

// Statements issued by the calling thread through any Database's sessions,
// since the thread started (BEGIN and COMMIT included). Tests take the
// difference around one call to check the statement budget; it is exact
// because a leased session is used by one thread only.
std::uint64_t StatementsOnThisThread();

// A write transaction: BEGIN IMMEDIATE on SQLite (takes the write lock up
// front, waiting up to the busy timeout), BEGIN on PostgreSQL (READ
// COMMITTED; conflicts are caught by version-checked UPDATEs and unique
// keys). Rolls back in the destructor unless committed; errors during that
// rollback are swallowed (they mean the connection died, and then nothing
// was committed either). Throws soci::soci_error from the constructor,
// Commit and Rollback.
class WriteTransaction {
 public:
  WriteTransaction(soci::session& sql, Dialect dialect);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  void Commit();
  void Rollback();
  bool active() const { return active_; }

 private:
  soci::session& sql_;
  bool active_ = false;
};

}  // namespace stafett::store

#endif  // STAFETT_STORE_SQL_DATABASE_H_
