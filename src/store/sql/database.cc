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
#include <sys/statvfs.h>

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

// A conninfo value, quoted as libpq wants: '...' with \ and \' escaped.
std::string QuoteConninfo(std::string_view v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\\' || c == '\'') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

bool StartsWith(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

const char* DialectName(Dialect d) {
  return d == Dialect::kSqlite ? "sqlite" : "postgresql";
}

Result<DatabaseUrl> ParseDatabaseUrl(std::string_view raw) {
  std::string_view url = TrimView(raw);
  DatabaseUrl out;
  if (url.empty()) return Status::Invalid("database URL is empty", "db");
  if (StartsWith(url, "sqlite:")) {
    std::string_view path = url.substr(7);
    if (StartsWith(path, "//")) path.remove_prefix(2);
    if (path.empty()) {
      return Status::Invalid("sqlite: URL has no file path", "db");
    }
    if (path == ":memory:" || StartsWith(path, "file::memory:")) {
      return Status::Invalid(
          "sqlite in-memory databases are not supported: every pooled "
          "session would get its own database; use a file",
          "db");
    }
    if (path.find('"') != std::string_view::npos) {
      return Status::Invalid("sqlite path must not contain '\"'", "db");
    }
    out.dialect = Dialect::kSqlite;
    out.target = std::string(path);
    out.redacted = "sqlite:" + out.target;
    return out;
  }
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://") ||
      url.find('=') != std::string_view::npos) {
    if (url.find("://") != std::string_view::npos &&
        !StartsWith(url, "postgresql://") && !StartsWith(url, "postgres://")) {
      return Status::Invalid("unsupported database URL scheme", "db");
    }
    // libpq parses both forms (percent-decoding, [v6]:port, ?params); its
    // message may quote the input, so it is not passed on (passwords).
    char* err = nullptr;
    PQconninfoOption* opts = PQconninfoParse(std::string(url).c_str(), &err);
    if (opts == nullptr) {
      if (err != nullptr) PQfreemem(err);
      return Status::Invalid(
          "PostgreSQL URL or conninfo cannot be parsed (libpq refused it); "
          "use postgresql://user:password@host:port/db?param=value or "
          "host=... dbname=...",
          "db");
    }
    std::string canonical, redacted;
    for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
      if (o->val == nullptr) continue;
      const std::string key = o->keyword;
      const std::string pair = key + "=" + QuoteConninfo(o->val);
      canonical += (canonical.empty() ? "" : " ") + pair;
      redacted += (redacted.empty() ? "" : " ") +
                  (key == "password" ? key + "=***" : pair);
    }
    PQconninfoFree(opts);
    out.dialect = Dialect::kPostgresql;
    out.target = std::move(canonical);
    out.redacted = std::move(redacted);
    return out;
  }
  return Status::Invalid(
      "database URL must be sqlite:PATH, postgresql://... or a libpq "
      "conninfo string",
      "db");
}

namespace {

// The conninfo a session connects with: the URL's, plus the bounds of
// DatabaseOptions. A connect_timeout in the URL wins; statement_timeout and
// lock_timeout go first into `options`, so that a URL's own -c settings
// override them.
std::string WithBounds(const std::string& conninfo, const DatabaseOptions& o) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &err);
  if (opts == nullptr) {  // cannot happen: ParseDatabaseUrl parsed it
    if (err != nullptr) PQfreemem(err);
    return conninfo;
  }
  std::string out, extra_options;
  bool has_timeout = false, has_app = false;
  if (o.statement_timeout.count() > 0) {
    extra_options +=
        "-c statement_timeout=" + std::to_string(o.statement_timeout.count());
  }
  if (o.lock_timeout.count() > 0) {
    if (!extra_options.empty()) extra_options += " ";
    extra_options +=
        "-c lock_timeout=" + std::to_string(o.lock_timeout.count());
  }
  for (PQconninfoOption* p = opts; p->keyword != nullptr; ++p) {
    if (p->val == nullptr) continue;
    std::string key = p->keyword, val = p->val;
    if (key == "connect_timeout") has_timeout = true;
    if (key == "application_name") has_app = true;
    if (key == "options") {
      val = extra_options.empty() ? val : extra_options + " " + val;
      extra_options.clear();
    }
    out += (out.empty() ? "" : " ") + key + "=" + QuoteConninfo(val);
  }
  PQconninfoFree(opts);
  if (!extra_options.empty()) {
    out += " options=" + QuoteConninfo(extra_options);
  }
  if (!has_timeout) {
    out += " connect_timeout=" + std::to_string(o.connect_timeout.count());
  }
  if (!has_app) out += " application_name=stafett";
  return out;
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
    conninfo_ = WithBounds(url_.target, options_);
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

namespace {

Readiness PingPostgres(const std::string& conninfo,
                       std::chrono::milliseconds budget) {
  Readiness r;
  const auto deadline = SteadyClock::now() + budget;
  auto wait = [&](PGconn* c, short events) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - SteadyClock::now());
    if (left.count() <= 0) return false;
    pollfd p{PQsocket(c), events, 0};
    return ::poll(&p, 1, static_cast<int>(left.count())) > 0;
  };
  PGconn* c = PQconnectStart(conninfo.c_str());
  if (c == nullptr) {
    r.reason = "database: out of memory";
    return r;
  }
  PostgresPollingStatusType st = PGRES_POLLING_WRITING;
  while (st != PGRES_POLLING_OK && st != PGRES_POLLING_FAILED) {
    if (PQstatus(c) == CONNECTION_BAD) break;
    if (!wait(c, st == PGRES_POLLING_READING ? POLLIN : POLLOUT)) {
      PQfinish(c);
      r.reason = "database: no answer to connect within " +
                 std::to_string(budget.count()) + " ms";
      return r;
    }
    st = PQconnectPoll(c);
  }
  if (PQstatus(c) != CONNECTION_OK) {
    PQfinish(c);
    r.reason = "database: cannot connect";
    return r;
  }
  bool ok = PQsendQuery(c, "select 1") == 1;
  while (ok && PQisBusy(c)) {
    ok = wait(c, POLLIN) && PQconsumeInput(c) == 1;
  }
  if (ok) {
    while (PGresult* res = PQgetResult(c)) {
      if (PQresultStatus(res) != PGRES_TUPLES_OK) ok = false;
      PQclear(res);
    }
  }
  PQfinish(c);
  if (!ok) {
    r.reason = "database: no answer to a query within " +
               std::to_string(budget.count()) + " ms";
    return r;
  }
  r.reachable = r.writable = true;
  return r;
}

Readiness PingSqlite(const std::string& path) {
  // soci-sqlite3.h includes sqlite3.h inside namespace sqlite_api.
  using namespace sqlite_api;  // NOLINT(build/namespaces)
  Readiness r;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
      SQLITE_OK) {
    sqlite3_busy_timeout(db, 200);
    r.reachable = sqlite3_exec(db, "select count(*) from sqlite_master",
                               nullptr, nullptr, nullptr) == SQLITE_OK;
  }
  sqlite3_close(db);
  if (!r.reachable) {
    r.reason = "database: the SQLite file cannot be read";
    return r;
  }
  std::string dir = path;
  auto slash = dir.rfind('/');
  dir = slash == std::string::npos ? "." : dir.substr(0, slash + 1);
  struct statvfs fs {};
  if (::statvfs(dir.c_str(), &fs) == 0) {
    const std::uint64_t free_bytes =
        static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
    if (free_bytes < Database::kMinFreeBytes) {
      r.reason = "disk full: " + std::to_string(free_bytes) +
                 " bytes free beside the database; writes fail";
      return r;
    }
  }
  r.writable = true;
  return r;
}

}  // namespace

Readiness Database::Ping(std::chrono::milliseconds budget) const {
  try {
    return url_.dialect == Dialect::kPostgresql
               ? PingPostgres(conninfo_, budget)
               : PingSqlite(url_.target);
  } catch (...) {
    Readiness r;
    r.reason = "database: readiness check failed";
    return r;
  }
}

Readiness Database::PingUrl(std::string_view url,
                            std::chrono::milliseconds budget) {
  auto parsed = ParseDatabaseUrl(url);
  if (!parsed.ok()) {
    Readiness r;
    r.reason = "database: " + parsed.status().message();
    return r;
  }
  try {
    return parsed->dialect == Dialect::kPostgresql
               ? PingPostgres(WithBounds(parsed->target, {}), budget)
               : PingSqlite(parsed->target);
  } catch (...) {
    Readiness r;
    r.reason = "database: readiness check failed";
    return r;
  }
}

bool IsUnavailable(const std::exception& e) {
  if (dynamic_cast<const PoolTimeout*>(&e) != nullptr) return true;
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    const std::string state = pg->sqlstate();
    // 08 connection, 53 insufficient resources (disk full, too many
    // connections), 57 operator intervention (shutdown, statement timeout),
    // 55P03 lock timeout, 25006 read-only server, 40001/40P01 retryable.
    if (state.rfind("08", 0) == 0 || state.rfind("53", 0) == 0 ||
        state.rfind("57", 0) == 0 || state == "55P03" || state == "25006" ||
        state == "40001" || state == "40P01") {
      return true;
    }
  }
  if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    switch (lite->result() & 0xff) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
      case SQLITE_IOERR:
      case SQLITE_FULL:
      case SQLITE_CANTOPEN:
      case SQLITE_READONLY:
        return true;
      default:
        return false;
    }
  }
  if (const auto* soci_e = dynamic_cast<const soci::soci_error*>(&e)) {
    if (soci_e->get_error_category() == soci::soci_error::connection_error) {
      return true;
    }
    // A lost connection has no SQLSTATE; libpq's and SOCI's words for it.
    const std::string msg = soci_e->get_error_message();
    for (const char* words :
         {"server closed the connection", "no connection to the server",
          "could not receive data from server", "could not send data to server",
          "Cannot establish connection", "connection to server",
          "terminating connection", "SSL SYSCALL error", "timeout expired",
          "Connection refused", "connection not open", "not connected"}) {
      if (msg.find(words) != std::string::npos) return true;
    }
  }
  return false;
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
