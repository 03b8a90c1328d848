#include "store/database.h"

#include <exception>
#include <regex>

#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace stafett::store {

namespace {

thread_local std::uint64_t t_statements = 0;

// Counts every statement SOCI logs (each `sql << ...` and each prepared
// statement), per thread and per Database. Kept per session, as SOCI wants.
class CountingLogger : public soci::logger_impl {
 public:
  explicit CountingLogger(std::atomic<std::uint64_t>* total) : total_(total) {}
  void start_query(const std::string& query) override {
    ++t_statements;
    total_->fetch_add(1, std::memory_order_relaxed);
    last_ = query;
  }
  std::string get_last_query() const override { return last_; }

 private:
  logger_impl* do_clone() const override { return new CountingLogger(total_); }
  std::atomic<std::uint64_t>* total_;
  std::string last_;
};

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

std::string RedactPostgres(const std::string& target) {
  // URI userinfo (scheme://user:secret@host) and password=... in a conninfo
  // string or a URI query.
  static const std::regex kUserinfo(R"(^([a-z]+://[^:/@]*):[^@/]*@)");
  static const std::regex kKeyword(R"((password\s*=\s*)('[^']*'|[^\s&]*))");
  std::string out = std::regex_replace(target, kUserinfo, "$1:***@");
  return std::regex_replace(out, kKeyword, "$1***");
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
    out.dialect = Dialect::kPostgresql;
    out.target = std::string(url);
    out.redacted = RedactPostgres(out.target);
    return out;
  }
  return Status::Invalid(
      "database URL must be sqlite:PATH, postgresql://... or a libpq "
      "conninfo string",
      "db");
}

Database::Database(DatabaseUrl url, const DatabaseOptions& options)
    : url_(std::move(url)), options_(options) {
  if (options_.pool_size == 0) options_.pool_size = 1;
  suspect_ = std::make_unique<std::atomic<bool>[]>(options_.pool_size);
}

Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(
    std::string_view url, const DatabaseOptions& options) {
  auto parsed = ParseDatabaseUrl(url);
  if (!parsed.ok()) return parsed.status();
  std::unique_ptr<Database> db(
      new Database(std::move(parsed).value(), options));
  db->Connect();
  return db;
}

void Database::Connect() {
  pool_ = std::make_unique<soci::connection_pool>(options_.pool_size);
  for (std::size_t i = 0; i < options_.pool_size; ++i) {
    OpenSession(pool_->at(i), /*first=*/i == 0);
  }
}

void Database::OpenSession(soci::session& s, bool first) {
  if (url_.dialect == Dialect::kSqlite) {
    s.open(soci::sqlite3,
           "db=\"" + url_.target + "\" timeout=" +
               std::to_string(options_.sqlite_busy_timeout.count()));
    // WAL lets readers run beside the one writer; it is a property of the
    // file, so setting it once (before other sessions open) suffices.
    if (first) s << "pragma journal_mode = wal";
    s << "pragma foreign_keys = on";
  } else {
    s.open(soci::postgresql, url_.target);
  }
  s.set_logger(new CountingLogger(&statements_));
}

Database::Lease Database::Acquire() {
  std::size_t pos = 0;
  const auto timeout = static_cast<int>(options_.acquire_timeout.count());
  if (!pool_->try_lease(pos, timeout)) {
    throw PoolTimeout("no database session free within " +
                      std::to_string(timeout) + " ms");
  }
  soci::session& s = pool_->at(pos);
  // Only a session that saw an exception may have lost its connection;
  // checking every lease would cost a round trip per request.
  if (suspect_[pos].exchange(false)) {
    try {
      if (!s.is_connected()) {
        s.reconnect();
        if (url_.dialect == Dialect::kSqlite) s << "pragma foreign_keys = on";
      }
    } catch (...) {
      suspect_[pos].store(true);
      pool_->give_back(pos);
      throw;
    }
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
  db_->pool_->give_back(pos_);
}

std::uint64_t StatementsOnThisThread() { return t_statements; }

WriteTransaction::WriteTransaction(soci::session& sql, Dialect dialect)
    : sql_(sql) {
  // Plain BEGIN on SQLite is deferred: upgrading to a writer later fails at
  // once with SQLITE_BUSY if another connection wrote meanwhile, ignoring
  // the busy timeout. IMMEDIATE takes the write lock now, waiting politely.
  sql_ << (dialect == Dialect::kSqlite ? "begin immediate" : "begin");
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
