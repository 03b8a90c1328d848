// The session pool, its watchdog and WriteTransaction (database.h). URLs
// are database_url.cc, readiness database_ping.cc, and the "cannot serve
// now" test database_unavailable.cc.
#include "store/sql/database.h"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include <libpq-fe.h>
#include <poll.h>
#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sys/socket.h>

#include "store/sql/database_url.h"
#include "store/sql/sqlite_wait.h"

namespace stafett::store {

namespace {

thread_local std::uint64_t t_statements = 0;

using SteadyClock = std::chrono::steady_clock;

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             SteadyClock::now().time_since_epoch())
      .count();
}

}  // namespace

// Per pooled session: when its current statement started (0 = none), so
// that the watchdog can tell a statement the server never answers.
struct Database::Watchdog {
  std::mutex mu;
  std::condition_variable cv;
  bool stop = false;
  std::vector<std::int64_t> started_ms;  // guarded by mu
  std::int64_t limit_ms = 0;
  std::thread thread;

  void Started(std::size_t pos) {
    std::lock_guard<std::mutex> lock(mu);
    started_ms[pos] = NowMs();
  }
  void Idle(std::size_t pos) {
    std::lock_guard<std::mutex> lock(mu);
    started_ms[pos] = 0;
  }
};

namespace {

// Told to the logger (see below) just before a session reconnects.
constexpr char kReconnecting[] = "-- stafett: reconnecting";

// Counts every statement SOCI logs (each `sql << ...` and each prepared
// statement), per thread and per Database, and tells the watchdog (if any)
// that a statement started. Kept per session, as SOCI wants.
class CountingLogger : public soci::logger_impl {
 public:
  CountingLogger(std::atomic<std::uint64_t>* total, Database::Watchdog* dog,
                 std::size_t pos)
      : total_(total), dog_(dog), pos_(pos) {}
  void start_query(const std::string& query) override {
    if (query == kReconnecting) {
      // Not a statement: the session is about to replace its connection,
      // which the watchdog must not touch meanwhile.
      if (dog_ != nullptr) dog_->Idle(pos_);
      return;
    }
    ++t_statements;
    total_->fetch_add(1, std::memory_order_relaxed);
    if (dog_ != nullptr) dog_->Started(pos_);
    last_ = query;
  }
  std::string get_last_query() const override { return last_; }

 private:
  logger_impl* do_clone() const override {
    return new CountingLogger(total_, dog_, pos_);
  }
  std::atomic<std::uint64_t>* total_;
  Database::Watchdog* dog_;
  std::size_t pos_;
  std::string last_;
};

PGconn* ConnOf(soci::session& s) {
  auto* be = static_cast<soci::postgresql_session_backend*>(s.get_backend());
  return be == nullptr ? nullptr : be->conn_;
}

// True when an idle connection's socket has something to read or was
// closed: the server sent a FATAL (shutdown) or went away. An idle, healthy
// connection has nothing pending (Stafett uses no LISTEN).
bool IdleSocketBroken(PGconn* conn) {
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) return true;
  const int fd = PQsocket(conn);
  if (fd < 0) return true;
  pollfd p{fd, POLLIN, 0};
  const int n = ::poll(&p, 1, 0);
  return n != 0;  // readable, hung up, or an error from poll
}

}  // namespace

Database::Database(DatabaseUrl url, const DatabaseOptions& options)
    : url_(std::move(url)), options_(options) {
  if (options_.pool_size == 0) options_.pool_size = 1;
  suspect_ = std::make_unique<std::atomic<bool>[]>(options_.pool_size);
  opened_ = std::make_unique<bool[]>(options_.pool_size);
  if (url_.dialect == Dialect::kPostgresql) {
    conninfo_ = ConninfoWithBounds(url_.target, options_);
    watchdog_ = std::make_unique<Watchdog>();
    watchdog_->started_ms.assign(options_.pool_size, 0);
    watchdog_->limit_ms = options_.statement_timeout.count() > 0
                              ? options_.statement_timeout.count() + 1000
                              : 0;
  }
}

Database::~Database() {
  if (watchdog_ && watchdog_->thread.joinable()) {
    {
      std::lock_guard<std::mutex> lock(watchdog_->mu);
      watchdog_->stop = true;
    }
    watchdog_->cv.notify_all();
    watchdog_->thread.join();
  }
}

Result<std::unique_ptr<Database>> Database::Open(
    std::string_view url, const DatabaseOptions& options) {
  auto parsed = ParseDatabaseUrl(url);
  if (!parsed.ok()) return parsed.status();
  std::unique_ptr<Database> db(
      new Database(std::move(parsed).value(), options));
  db->Connect();
  if (db->watchdog_ && db->watchdog_->limit_ms > 0) {
    db->watchdog_->thread = std::thread([d = db.get()] { d->Watch(); });
  }
  return db;
}

void Database::Connect() {
  pool_ = std::make_unique<soci::connection_pool>(options_.pool_size);
  // Only the first session now: it proves the database can be reached (and
  // sets SQLite's WAL mode before any other session opens). The others
  // open when first leased (Acquire). Opening all 18 of `serve`'s
  // PostgreSQL sessions one after another was most of its start-up
  // (docs/performance.md, "Reads, start-up and memory"); the pool leases
  // the lowest free slot, so a quiet server keeps few backends open.
  OpenSession(pool_->at(0), 0);
  opened_[0] = true;
}

void Database::OpenSession(soci::session& s, std::size_t pos) {
  if (url_.dialect == Dialect::kSqlite) {
    s.open(soci::sqlite3,
           "db=\"" + url_.target + "\" timeout=" +
               std::to_string(options_.sqlite_busy_timeout.count()));
    // WAL lets readers run beside the one writer; it is a property of the
    // file, so setting it once (before other sessions open) suffices.
    if (pos == 0) s << "pragma journal_mode = wal";
    s << "pragma foreign_keys = on";
    // Wake on the lock's release instead of SQLite's sleeps of up to
    // 100 ms (store/sql/sqlite_wait.h).
    InstallSqliteWait(
        static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_,
        options_.sqlite_busy_timeout);
    // Said, not assumed from the build: every commit fsyncs the WAL, except
    // an access-log row's (store/access/access_write.h).
    s << "pragma synchronous = full";
  } else {
    s.open(soci::postgresql, conninfo_);
  }
  s.set_logger(new CountingLogger(&statements_, watchdog_.get(), pos));
}

void Database::Watch() {
  Watchdog& w = *watchdog_;
  std::unique_lock<std::mutex> lock(w.mu);
  while (!w.stop) {
    w.cv.wait_for(lock, std::chrono::milliseconds(100));
    const std::int64_t now = NowMs();
    for (std::size_t pos = 0; pos < w.started_ms.size(); ++pos) {
      const std::int64_t started = w.started_ms[pos];
      if (started == 0 || now - started < w.limit_ms) continue;
      // The server has not answered within its own statement_timeout + 1 s:
      // it is frozen or unreachable. Shutting the socket (not closing it:
      // the owning thread still uses the descriptor) makes libpq's wait end
      // with "server closed the connection"; the lease then reconnects.
      w.started_ms[pos] = 0;
      suspect_[pos].store(true);
      if (PGconn* conn = ConnOf(pool_->at(pos))) {
        const int fd = PQsocket(conn);
        if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
      }
    }
  }
}

bool Database::ReconnectIfBroken(soci::session& s) {
  // A session whose last reconnect failed has no backend at all (SOCI
  // deletes the old one first); ConnOf then says nullptr: broken.
  if (!IdleSocketBroken(ConnOf(s))) return false;
  // reconnect() deletes the connection the watchdog might otherwise be
  // about to shut (a statement of this lease started long ago): tell it
  // the slot is idle first, through the session's logger (the only
  // per-session object that knows its slot).
  const_cast<soci::logger&>(s.get_logger()).start_query(kReconnecting);
  s.reconnect();
  return true;
}

Database::Lease Database::Acquire() {
  std::size_t pos = 0;
  const auto timeout = static_cast<int>(options_.acquire_timeout.count());
  if (!pool_->try_lease(pos, timeout)) {
    throw PoolTimeout("no database session free within " +
                      std::to_string(timeout) + " ms");
  }
  soci::session& s = pool_->at(pos);
  try {
    if (!opened_[pos]) {
      // First lease of this slot: only this thread holds it, and the
      // watchdog leaves an idle slot alone. A first open that failed half
      // way (SQLite's pragma) is closed and tried afresh.
      if (s.get_backend() != nullptr) s.close();
      OpenSession(s, pos);
      opened_[pos] = true;
    } else if (url_.dialect == Dialect::kPostgresql) {
      // One poll(2), no round trip: catches the sessions a server restart
      // left behind before a request uses them (soci's is_connected would
      // send a query, which hangs on a frozen server).
      suspect_[pos].store(false);
      ReconnectIfBroken(s);
    } else if (suspect_[pos].exchange(false)) {
      if (!s.is_connected()) {
        s.reconnect();
        s << "pragma foreign_keys = on";
        s << "pragma synchronous = full";
      }
    }
  } catch (...) {
    suspect_[pos].store(true);
    pool_->give_back(pos);
    throw;
  }
  return Lease(this, pos, &s);
}

Database::Lease::Lease(Database* db, std::size_t pos, soci::session* s)
    : db_(db),
      pos_(pos),
      session_(s),
      exceptions_(std::uncaught_exceptions()) {}

Database::Lease::Lease(Lease&& other) noexcept
    : db_(other.db_),
      pos_(other.pos_),
      session_(other.session_),
      exceptions_(other.exceptions_) {
  other.db_ = nullptr;
}

Database::Lease::~Lease() {
  if (db_ == nullptr) return;
  if (std::uncaught_exceptions() > exceptions_) db_->suspect_[pos_].store(true);
  if (db_->watchdog_) db_->watchdog_->Idle(pos_);
  db_->pool_->give_back(pos_);
}

std::uint64_t StatementsOnThisThread() { return t_statements; }

WriteTransaction::WriteTransaction(soci::session& sql, Dialect dialect)
    : sql_(sql) {
  // Plain BEGIN on SQLite is deferred: upgrading to a writer later fails at
  // once with SQLITE_BUSY if another connection wrote meanwhile, ignoring
  // the busy timeout. IMMEDIATE takes the write lock now, waiting politely.
  const char* begin = dialect == Dialect::kSqlite ? "begin immediate" : "begin";
  const auto start = SteadyClock::now();
  try {
    sql_ << begin;
  } catch (const soci::soci_error&) {
    // A session the server dropped (restart) fails its first statement at
    // once. Nothing of this transaction was sent yet, so one retry on a
    // fresh connection cannot double anything; a second failure is the
    // answer. A BEGIN that failed slowly (the watchdog ended it: the server
    // is frozen) is not retried: a reconnect would only wait out
    // connect_timeout too.
    const bool quick = SteadyClock::now() - start < std::chrono::seconds(1);
    if (dialect != Dialect::kPostgresql || !quick ||
        !Database::ReconnectIfBroken(sql_)) {
      throw;
    }
    sql_ << begin;
  }
  active_ = true;
}

WriteTransaction::~WriteTransaction() {
  if (!active_) return;
  try {
    sql_ << "rollback";
  } catch (...) {
    // The connection is gone or the transaction already ended; either way
    // nothing of it was committed.
  }
}

void WriteTransaction::Commit() {
  // If COMMIT throws, the destructor still rolls back whatever is left.
  sql_ << "commit";
  active_ = false;
}

void WriteTransaction::Rollback() {
  active_ = false;
  sql_ << "rollback";
}

}  // namespace stafett::store
