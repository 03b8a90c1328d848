// Readiness (database.h Database::Ping, PingUrl): a fresh connection, not
// a pooled one, bounded by a deadline, so /readyz answers in time even when
// the server is frozen or the pool is exhausted.
#include <chrono>
#include <string>

#include <libpq-fe.h>
#include <poll.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sys/statvfs.h>

#include "store/sql/database.h"
#include "store/sql/database_url.h"

namespace stafett::store {

using SteadyClock = std::chrono::steady_clock;

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
               ? PingPostgres(ConninfoWithBounds(parsed->target, {}), budget)
               : PingSqlite(parsed->target);
  } catch (...) {
    Readiness r;
    r.reason = "database: readiness check failed";
    return r;
  }
}

}  // namespace stafett::store
