// stafett routine migrate --tenant T --routine R --to VERSJON
//                         [--map gammelt=nytt ...] [--dry-run] [--db URL]
//                         [--pause-ms MS]
//
// Moves every open case of the routine to a stored version, each in its
// own transaction (store/routines/routine_migrate.h). Prints one line per case
// (reference, from version and step, to step, what happened) and the
// counts per step; progress goes to stderr every 50 cases. Refuses, before
// anything moves, when a case's step has no target: name one with --map.
// Safe to rerun after a crash or on several machines at once. --pause-ms
// waits between cases, to spare a busy production database.
// Exit codes: 0 done (or a clean dry run), 1 refused, 2 usage, 3 database.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "app/commands.h"
#include "store/cases/case_store.h"
#include "store/routines/routine_migrate.h"
#include "store/sql/database.h"
#include "store/sql/migrate.h"

namespace stafett::app {

namespace {

constexpr const char* kMigrateUsage =
    "bruk: stafett routine migrate --tenant KOMMUNE --routine RUTINE --to "
    "VERSJON\n"
    "         [--map GAMMELT_STEG=NYTT_STEG ...] [--dry-run] [--db URL]\n"
    "         [--pause-ms MS]\n";

int Usage(const std::string& why) {
  std::cerr << "stafett routine migrate: " << why << "\n" << kMigrateUsage;
  return 2;
}

}  // namespace

int MigrateRoutineCasesCommand(const Args& args) {
  std::string db_url = "sqlite:stafett.db";
  if (const char* v = std::getenv("STAFETT_DB"); v != nullptr && *v) {
    db_url = v;
  }
  store::CaseMigrationRequest req;
  int pause_ms = 0;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const std::string& flag, std::string* out) {
      if (a == flag && i + 1 < args.size()) {
        *out = args[++i];
        return true;
      }
      if (a.rfind(flag + "=", 0) == 0) {
        *out = a.substr(flag.size() + 1);
        return true;
      }
      return false;
    };
    std::string v;
    if (a == "--dry-run") {
      req.dry_run = true;
    } else if (value("--db", &db_url) || value("--tenant", &req.tenant) ||
               value("--routine", &req.routine_id)) {
    } else if (value("--to", &v)) {
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || n < 1 || n > 1000000) {
        return Usage("--to må være et versjonsnummer");
      }
      req.to_version = static_cast<int>(n);
    } else if (value("--pause-ms", &v)) {
      pause_ms = std::atoi(v.c_str());
      if (pause_ms < 0 || pause_ms > 60000) {
        return Usage("--pause-ms må være fra 0 til 60000");
      }
    } else if (value("--map", &v)) {
      auto eq = v.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == v.size()) {
        return Usage("--map skrives GAMMELT_STEG=NYTT_STEG");
      }
      req.map[v.substr(0, eq)] = v.substr(eq + 1);
    } else {
      return Usage("ukjent argument '" + a + "'");
    }
  }
  if (req.tenant.empty() || req.routine_id.empty() || req.to_version == 0) {
    return Usage("--tenant, --routine og --to er påkrevd");
  }
  req.actor = engine::Actor{req.tenant, "stafett-cli", engine::Role::kAdmin};
  req.progress = [pause_ms](int done, int total) {
    if (done % 50 == 0 || done == total) {
      std::cerr << "flyttet " << done << " av " << total << std::endl;
    }
    if (pause_ms > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms));
    }
  };

  store::DatabaseOptions options;
  options.pool_size = 2;
  auto db = store::Database::Open(db_url, options);
  if (!db.ok()) {
    std::cerr << "stafett routine migrate: " << db.status().message() << "\n";
    return 3;
  }
  try {
    auto migrated =
        store::ApplyMigrations(**db, store::DefaultMigrationsRoot());
    if (!migrated.ok()) {
      std::cerr << "stafett routine migrate: migrering feilet: "
                << migrated.status().message() << "\n";
      return 3;
    }
    SystemClock clock;
    store::CaseStore store(**db, clock);
    auto report = store::MigrateOpenCases(store, req, clock);
    if (!report.ok()) {
      std::cout << report.status().message() << "\n";
      return 1;
    }
    const store::CaseMigrationReport& r = *report;
    for (const auto& c : r.cases) {
      std::cout << c.reference << ": versjon " << c.from_version << " "
                << c.from_step << " -> versjon " << r.to << " "
                << (c.to_step.empty() ? "(intet steg)" : c.to_step) << ": "
                << (c.outcome.empty() ? (r.dry_run ? "flyttes" : "venter")
                                      : c.outcome)
                << "\n";
    }
    std::cout << "per steg:\n";
    for (const auto& s : r.by_step) {
      std::cout << "  versjon " << s.from_version << " " << s.from_step
                << " -> " << (s.to_step.empty() ? "(intet steg)" : s.to_step)
                << ": " << s.cases << "\n";
    }
    std::cout << "åpne saker: " << r.total << ", flyttet: " << r.migrated
              << ", allerede på versjon " << r.to << ": " << r.already
              << ", avvist: " << r.refused << "\n";
    if (r.refused_run()) {
      if (r.migrated == 0) {
        std::cout << "avvist: ingen saker er flyttet; oppgi --map for "
                     "stegene uten mål\n";
      }
      return 1;
    }
    if (r.dry_run) std::cout << "tørrkjøring: ingenting er endret\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "stafett routine migrate: databasefeil: " << e.what() << "\n";
    return 3;
  }
}

}  // namespace stafett::app
