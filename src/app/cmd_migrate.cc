// stafett migrate: applies the pending schema migrations and exits.
// `stafett serve` applies them at start too; this is for deployments that
// migrate as a separate step (before rolling out new replicas).
//
//   --db          STAFETT_DB          default sqlite:stafett.db
//   --migrations  STAFETT_MIGRATIONS  default ./db/migrations, else the
//                                     source tree's (store/sql/migrate.h)
//
// Exit codes (app/commands.h): 0 applied or already current; 1 a landed
// migration was edited (refused, nothing applied); 2 usage or
// configuration error; 3 the database failed (a failing migration is rolled
// back; the ones before it stay applied).
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "app/commands.h"
#include "store/sql/database.h"
#include "store/sql/migrate.h"

namespace stafett::app {
namespace {

constexpr char kUsage[] =
    "usage: stafett migrate [--db URL] [--migrations MAPPE]\n"
    "  --db          STAFETT_DB          sqlite:FIL, postgresql://... eller\n"
    "                                    libpq-conninfo (standard "
    "sqlite:stafett.db)\n"
    "  --migrations  STAFETT_MIGRATIONS  mappe med sqlite/ og postgresql/\n"
    "                                    (standard db/migrations)\n";

}  // namespace

int RunMigrate(const Args& args) {
  std::string db_url = "sqlite:stafett.db";
  if (const char* v = std::getenv("STAFETT_DB"); v != nullptr && *v != '\0') {
    db_url = v;
  }
  std::filesystem::path root;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      return 0;
    }
    if (a == "--db" && i + 1 < args.size()) {
      db_url = args[++i];
      continue;
    }
    if (a == "--migrations" && i + 1 < args.size()) {
      root = args[++i];
      continue;
    }
    if (a.rfind("--db=", 0) == 0) {
      db_url = a.substr(5);
      continue;
    }
    if (a.rfind("--migrations=", 0) == 0) {
      root = a.substr(13);
      continue;
    }
    std::cerr << "stafett migrate: ukjent argument '" << a << "'\n" << kUsage;
    return 2;
  }
  if (root.empty()) root = store::DefaultMigrationsRoot();

  store::DatabaseOptions options;
  options.pool_size = 1;
  auto db = store::Database::Open(db_url, options);
  if (!db.ok()) {
    std::cerr << "stafett migrate: " << db.status().message() << "\n";
    return 2;
  }
  store::Database& database = **db;
  auto report = store::ApplyMigrations(database, root);
  if (!report.ok()) {
    std::cerr << "stafett migrate: " << report.status().message() << "\n";
    return report.status().code() == Code::kNotAllowed ? 1 : 2;
  }
  for (const auto& name : report->applied) {
    std::cout << "applied " << name << "\n";
  }
  for (const auto& name : report->unknown) {
    std::cout << "warning: " << name
              << " is recorded in the database but has no file here (a "
                 "newer version migrated it)\n";
  }
  std::cout << database.url().redacted << ": " << report->applied.size()
            << " applied, " << report->already_applied.size()
            << " already applied\n";
  return 0;
}

}  // namespace stafett::app
