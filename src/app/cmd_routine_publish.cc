// stafett routine publish FIL [--db URL] [--dry-run]
//
// Publishes a routine version into the database every `stafett serve`
// replica reads; they serve it within about a second (app/
// serve_routines.h). The checks are the API's
// (store/routines/routine_publish.h): diagnostics as FILE:LINE:COLUMN: message,
// then the diff against the current version and the open cases on steps that
// change. --dry-run stops there. Exit codes: 0 published (or already published,
// or a clean dry run), 1 problems or a refusal, 2 usage, 3 database failure.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.h"
#include "store/routines/routine_publish.h"
#include "store/sql/database.h"
#include "store/sql/migrate.h"

namespace stafett::app {

namespace {

constexpr const char* kPublishUsage =
    "bruk: stafett routine publish FIL [--db URL] [--dry-run]\n"
    "  --db       STAFETT_DB (standard sqlite:stafett.db)\n"
    "  --dry-run  vis hva som ville skjedd; lagrer ingenting\n";

void PrintList(const char* label, const std::vector<std::string>& v) {
  if (v.empty()) return;
  std::cout << "  " << label << ":";
  for (const auto& s : v) std::cout << " " << s;
  std::cout << "\n";
}

void PrintCheck(const store::PublishCheck& c) {
  const routine::Routine& r = *c.routine;
  std::cout << r.tenant << "/" << r.id << " versjon " << r.version
            << " (sha256 " << r.hash.substr(0, 12) << ")\n";
  if (c.against) {
    std::cout << "endringer mot gjeldende versjon " << c.against->version
              << ":\n";
  } else {
    std::cout << "ingen versjon er publisert fra før\n";
  }
  PrintList("nye steg", c.diff->steps_added);
  PrintList("fjernede steg", c.diff->steps_removed);
  for (const auto& s : c.diff->steps_changed) {
    std::cout << "  endret steg " << s.step << ":";
    for (const auto& w : s.what) std::cout << " " << w;
    std::cout << "\n";
  }
  std::cout << "åpne saker: " << c.open_cases << "\n";
  for (const auto& s : c.by_step) {
    std::cout << "  " << s.step << ": " << s.open_cases
              << (s.changes ? " (steget endres)" : "") << "\n";
  }
}

}  // namespace

int PublishRoutineFile(const Args& args) {
  std::string file, db_url = "sqlite:stafett.db";
  if (const char* v = std::getenv("STAFETT_DB"); v != nullptr && *v) {
    db_url = v;
  }
  bool dry_run = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--dry-run") {
      dry_run = true;
    } else if (a == "--db" && i + 1 < args.size()) {
      db_url = args[++i];
    } else if (a.rfind("--db=", 0) == 0) {
      db_url = a.substr(5);
    } else if (a.rfind("--", 0) == 0 || !file.empty()) {
      std::cerr << "stafett routine publish: ukjent argument '" << a << "'\n"
                << kPublishUsage;
      return 2;
    } else {
      file = a;
    }
  }
  if (file.empty()) {
    std::cerr << "stafett routine publish: mangler fil\n" << kPublishUsage;
    return 2;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  if (in) bytes << in.rdbuf();
  if (!in) {
    std::cerr << file << ":0:0: kan ikke lese filen\n";
    return 1;
  }

  store::DatabaseOptions options;
  options.pool_size = 2;
  auto db = store::Database::Open(db_url, options);
  if (!db.ok()) {
    std::cerr << "stafett routine publish: " << db.status().message() << "\n";
    return 3;
  }
  try {
    auto migrated =
        store::ApplyMigrations(**db, store::DefaultMigrationsRoot());
    if (!migrated.ok()) {
      std::cerr << "stafett routine publish: migrering feilet: "
                << migrated.status().message() << "\n";
      return 3;
    }
    store::PublishCheck c = store::CheckPublish(**db, bytes.str(), file, "");
    for (const auto& d : c.diagnostics) std::cout << d.ToString() << "\n";
    if (!c.routine) {
      std::cout << c.diagnostics.size() << " feil funnet; ikke publisert\n";
      return 1;
    }
    PrintCheck(c);
    if (!c.refusal_code.empty()) {
      std::cout << "avvist (" << c.refusal_code << "): " << c.refusal_detail
                << "\n";
      return 1;
    }
    if (dry_run) {
      std::cout << (c.already_published
                        ? "tørrkjøring: versjonen er allerede publisert\n"
                        : "tørrkjøring: kan publiseres; ingenting er lagret\n");
      return 0;
    }
    SystemClock clock;
    store::Published p = store::Publish(**db, c, clock.Now());
    switch (p.result) {
      case store::PublishResult::kCreated:
        std::cout << "publisert: " << c.routine->id << " versjon "
                  << c.routine->version
                  << "; alle replikaer bruker den innen noen sekunder\n";
        return 0;
      case store::PublishResult::kSame:
        std::cout << "allerede publisert (" << FormatUtc(p.stored.published_at)
                  << "); ingenting endret\n";
        return 0;
      case store::PublishResult::kVersionExists:
        std::cout << "avvist (version_exists): versjonen ble nettopp publisert "
                     "med annet innhold; øk versjonsnummeret\n";
        return 1;
    }
  } catch (const std::exception& e) {
    std::cerr << "stafett routine publish: databasefeil: " << e.what() << "\n";
    return 3;
  }
  return 3;
}

}  // namespace stafett::app
