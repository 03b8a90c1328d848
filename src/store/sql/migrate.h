// Schema migrations: numbered per-dialect SQL files applied in order, each
// in its own transaction, recorded in schema_migrations.
//
// Layout: <root>/<dialect>/NNNN_name.sql, where <dialect> is "sqlite" or
// "postgresql" (store::DialectName) and NNNN is a decimal number (four
// digits by convention). Files not matching the pattern are ignored.
// Numbers are owned by layer: 0001-0009 store, 0010+ notify, 0020+ audit.
//
// Rules:
//  - A landed migration is never edited. ApplyMigrations records each
//    file's SHA-256 and refuses to run (kNotAllowed, nothing applied) when a
//    recorded migration's file now has another checksum.
//  - Each file is split into statements at top-level ';' (no semicolons
//    inside statements, no dollar-quoting, no trigger bodies): SOCI on
//    SQLite would silently run only the first statement otherwise.
//  - Several replicas may start at once: on PostgreSQL every migration
//    transaction holds an advisory lock, on SQLite BEGIN IMMEDIATE; each
//    re-checks schema_migrations under the lock, so a file is applied once.
//  - Recorded migrations without a file (a newer binary migrated this
//    database) are reported, not an error, so an older replica still starts
//    during a rolling upgrade.
//
// Errors: kInvalidArgument (field "migrations") when the directory is
// missing, a number is duplicated or a file cannot be read; kNotAllowed for
// a changed checksum. Database failures throw soci::soci_error; a failing
// migration rolls back completely and throws (earlier files stay applied).
//
// Thread-safety: safe to run concurrently, also from several processes.
#ifndef STAFETT_STORE_SQL_MIGRATE_H_
#define STAFETT_STORE_SQL_MIGRATE_H_

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/sql/database.h"

namespace stafett::store {

struct MigrationFile {
  int number = 0;
  std::string name;      // file name without ".sql", e.g. "0001_init"
  std::string checksum;  // Sha256Hex of the file's bytes
  std::string sql;       // the file's text
};

// The migration files of one dialect directory, in number order.
Result<std::vector<MigrationFile>> LoadMigrations(
    const std::filesystem::path& dialect_dir);

struct MigrationReport {
  std::vector<std::string> applied;          // by this call, in order
  std::vector<std::string> already_applied;  // found recorded
  std::vector<std::string> unknown;          // recorded but no file here
};

// Applies every pending migration of db's dialect from <root>/<dialect>.
Result<MigrationReport> ApplyMigrations(Database& db,
                                        const std::filesystem::path& root);

// Where to find the migrations root when none is given: $STAFETT_MIGRATIONS
// if set, else ./db/migrations if it exists, else the source tree's
// db/migrations compiled into the binary.
std::filesystem::path DefaultMigrationsRoot();

}  // namespace stafett::store

#endif  // STAFETT_STORE_SQL_MIGRATE_H_
