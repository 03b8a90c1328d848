#include "store/sql/migrate.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include <soci/soci.h>

#include "core/sha256.h"
#include "core/time.h"
#include "store/sql/sql_util.h"

#ifndef STAFETT_SOURCE_DIR
#define STAFETT_SOURCE_DIR "."
#endif

namespace stafett::store {

namespace {

// Any constant will do, as long as no other code uses it: it only
// serialises concurrent migration runs against one PostgreSQL database.
constexpr long long kMigrationLockKey = 0x5374616665747401LL;  // "Stafett\1"

const char* kCreateSchemaMigrations =
    "create table if not exists schema_migrations ("
    " version integer primary key,"
    " name text not null,"
    " checksum text not null,"
    " applied_at bigint not null)";

struct Recorded {
  std::string name;
  std::string checksum;
};

void LockForMigration(soci::session& sql, Dialect dialect) {
  if (dialect != Dialect::kPostgresql) return;  // BEGIN IMMEDIATE suffices
  long long key = kMigrationLockKey;
  int dummy = 0;
  // Transaction-scoped: released by the commit or rollback, whatever
  // happens to this process.
  sql << "select 1 as locked from (select pg_advisory_xact_lock(:key)) as l",
      soci::use(key, "key"), soci::into(dummy);
}

std::map<int, Recorded> ReadRecorded(soci::session& sql) {
  std::map<int, Recorded> out;
  int version = 0;
  std::string name, checksum;
  soci::statement st =
      (sql.prepare << "select version as version, name as "
                      "name, checksum as checksum from "
                      "schema_migrations order by version",
       soci::into(version), soci::into(name), soci::into(checksum));
  st.execute();
  while (st.fetch()) out[version] = Recorded{name, checksum};
  return out;
}

Status ChangedError(const MigrationFile& f, const Recorded& r) {
  return Status(Code::kNotAllowed,
                "migration " + f.name +
                    " was changed after it was applied (recorded checksum " +
                    r.checksum + ", file " + f.checksum +
                    "); landed migrations must never be edited, add a new one");
}

}  // namespace

Result<std::vector<MigrationFile>> LoadMigrations(
    const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Status::Invalid("migrations directory not found: " + dir.string(),
                           "migrations");
  }
  static const std::regex kName(R"(^([0-9]+)_([A-Za-z0-9_]+)\.sql$)");
  std::vector<MigrationFile> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string file = entry.path().filename().string();
    std::smatch m;
    if (!std::regex_match(file, m, kName)) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    if (!in) {
      return Status::Invalid("cannot read migration " + entry.path().string(),
                             "migrations");
    }
    MigrationFile f;
    f.number = std::stoi(m[1].str());
    f.name = file.substr(0, file.size() - 4);
    f.sql = buf.str();
    f.checksum = Sha256Hex(f.sql);
    out.push_back(std::move(f));
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.number < b.number; });
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (out[i].number == out[i - 1].number) {
      return Status::Invalid("two migrations numbered " +
                                 std::to_string(out[i].number) + ": " +
                                 out[i - 1].name + ", " + out[i].name,
                             "migrations");
    }
  }
  return out;
}

Result<MigrationReport> ApplyMigrations(Database& db,
                                        const std::filesystem::path& root) {
  auto files = LoadMigrations(root / DialectName(db.dialect()));
  if (!files.ok()) return files.status();

  auto lease = db.Acquire();
  soci::session& sql = *lease;
  {
    WriteTransaction tx(sql, db.dialect());
    LockForMigration(sql, db.dialect());
    if (db.dialect() == Dialect::kPostgresql) {
      // Silence the "already exists, skipping" NOTICE libpq would print.
      sql << "set local client_min_messages = warning";
    }
    sql << kCreateSchemaMigrations;
    tx.Commit();
  }

  // Verify every recorded checksum before touching anything.
  std::map<int, Recorded> recorded = ReadRecorded(sql);
  MigrationReport report;
  std::map<int, const MigrationFile*> by_number;
  for (const auto& f : *files) by_number[f.number] = &f;
  for (const auto& [number, r] : recorded) {
    auto it = by_number.find(number);
    if (it == by_number.end()) {
      report.unknown.push_back(r.name);
    } else if (it->second->checksum != r.checksum) {
      return ChangedError(*it->second, r);
    }
  }

  for (const auto& f : *files) {
    if (recorded.count(f.number)) {
      report.already_applied.push_back(f.name);
      continue;
    }
    WriteTransaction tx(sql, db.dialect());
    LockForMigration(sql, db.dialect());
    // Another replica may have applied it while we waited for the lock.
    std::string checksum;
    int number = f.number;
    sql << "select checksum as checksum from schema_migrations"
           " where version = :version",
        soci::use(number, "version"), soci::into(checksum);
    if (sql.got_data()) {
      if (checksum != f.checksum)
        return ChangedError(f, Recorded{f.name, checksum});
      report.already_applied.push_back(f.name);
      continue;  // tx rolls back: nothing to do
    }
    for (const auto& statement : SplitSqlStatements(f.sql)) {
      sql << statement;
    }
    long long now = ToMillis(SystemClock().Now());
    std::string name = f.name, sum = f.checksum;
    sql << "insert into schema_migrations (version, name, checksum, applied_at)"
           " values (:version, :name, :checksum, :applied_at)",
        soci::use(number, "version"), soci::use(name, "name"),
        soci::use(sum, "checksum"), soci::use(now, "applied_at");
    tx.Commit();
    report.applied.push_back(f.name);
  }
  return report;
}

std::filesystem::path DefaultMigrationsRoot() {
  if (const char* env = std::getenv("STAFETT_MIGRATIONS"); env && *env) {
    return env;
  }
  std::error_code ec;
  std::filesystem::path local = "db/migrations";
  if (std::filesystem::is_directory(local, ec)) return local;
  return std::filesystem::path(STAFETT_SOURCE_DIR) / "db" / "migrations";
}

}  // namespace stafett::store
