// stafett audit: the tamper-evident journal from the command line
// (store/audit/audit.h, docs/audit.md).
//
//   stafett audit verify     [--db URL] [--tenant T]
//   stafett audit checkpoint [--db URL] [--tenant T]
//   stafett audit purge      [--db URL] --tenant T [--limit N] [--dry-run]
//
// verify walks every case chain and every checkpoint (of one tenant, or of
// all) and prints "ok ..." (exit 0), or the first broken link on the first
// line and every other problem after it (exit 1). checkpoint verifies, then
// records every case's head (exit 1 when verify fails; run it from cron and
// keep the printed hash outside the database). purge runs the purge worker's
// own pass once for one tenant (store/lifecycle/purge.h): closed cases whose
// remove_after has passed, at most --limit, each left as a tombstone, after
// a checkpoint where one is needed and, for a tenant that must archive,
// only once archived; then the log rows past their periods. It prints what
// went and what was held back; exit 1 when something was held back or the
// checkpoint was refused.
// With --dry-run it deletes nothing and prints what is due: the cases (up
// to --limit ids) and the access-log rows, notifications and idempotency
// keys past the tenant's policy as the purge worker last applied it
// (store/lifecycle/retention.h), and the tenant's purge log. `stafett serve`
// purges by itself (notify/purge_worker.h); this command is for operators.
//
// --db defaults to STAFETT_DB, else sqlite:stafett.db. Exit codes
// (app/commands.h): 0 ok, 1 problems found or refused, 2 usage, 3 database.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/commands.h"
#include "store/audit/audit.h"
#include "store/lifecycle/purge.h"
#include "store/lifecycle/purge_view.h"
#include "store/lifecycle/retention.h"
#include "store/routines/routine_versions.h"
#include "store/sql/database.h"

namespace stafett::app {
namespace {

constexpr char kUsage[] =
    "usage: stafett audit verify     [--db URL] [--tenant T]\n"
    "       stafett audit checkpoint [--db URL] [--tenant T]\n"
    "       stafett audit purge      [--db URL] --tenant T [--limit N] "
    "[--dry-run]\n"
    "  verify      kontrollerer hash-kjeden til hver sak og sjekkpunktene;\n"
    "              skriver første brudd og avslutter med 1\n"
    "  checkpoint  kontrollerer, og lagrer så et sjekkpunkt over alle saker\n"
    "  purge       sletter avsluttede saker etter oppbevaringstiden og\n"
    "              lar en gravstein stå igjen i kjeden; --dry-run viser\n"
    "              bare hva som er forfalt (saker, tilgangslogg, varsler,\n"
    "              idempotensnøkler) og sletteloggen\n"
    "  --db        STAFETT_DB (standard sqlite:stafett.db)\n";

struct Options {
  std::string command;
  std::string db = "sqlite:stafett.db";
  std::string tenant;
  int limit = 1000;
  bool dry_run = false;
};

bool ParseInt(const std::string& s, int& out) {
  char* end = nullptr;
  long v = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || v < 0 || v > 100000) return false;
  out = static_cast<int>(v);
  return true;
}

// nullopt after printing the problem (exit 2).
std::optional<Options> Parse(const Args& args) {
  Options o;
  if (const char* v = std::getenv("STAFETT_DB"); v != nullptr && *v != '\0') {
    o.db = v;
  }
  if (args.empty()) {
    std::cerr << kUsage;
    return std::nullopt;
  }
  o.command = args[0];
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* name) -> std::optional<std::string> {
      const std::string flag = name;
      if (a == flag && i + 1 < args.size()) return args[++i];
      if (a.rfind(flag + "=", 0) == 0) return a.substr(flag.size() + 1);
      return std::nullopt;
    };
    if (auto v = value("--db")) {
      o.db = *v;
    } else if (auto v = value("--tenant")) {
      o.tenant = *v;
    } else if (value("--closed-days")) {
      // It deleted cases before their retention period was out, past the
      // archive and without a purge log. The period is the routine's.
      std::cerr << "stafett audit: --closed-days finnes ikke lenger; "
                   "oppbevaringstiden settes i rutinens retention-blokk "
                   "(workflows/README.md)\n";
      return std::nullopt;
    } else if (a == "--dry-run") {
      o.dry_run = true;
    } else if (auto v = value("--limit")) {
      if (!ParseInt(*v, o.limit) || o.limit < 1) {
        std::cerr << "stafett audit: --limit må være et positivt tall\n";
        return std::nullopt;
      }
    } else {
      std::cerr << "stafett audit: ukjent argument '" << a << "'\n" << kUsage;
      return std::nullopt;
    }
  }
  if (o.command != "verify" && o.command != "checkpoint" &&
      o.command != "purge") {
    std::cerr << "stafett audit: ukjent underkommando '" << o.command << "'\n"
              << kUsage;
    return std::nullopt;
  }
  if (o.command == "purge" && o.tenant.empty()) {
    std::cerr << "stafett audit purge: --tenant er påkrevd\n";
    return std::nullopt;
  }
  return o;
}

void PrintProblem(const store::AuditProblem& p, const char* label) {
  std::cout << label << ": kommune " << p.tenant << ": " << p.message << "\n";
}

int Verify(store::Database& db, const Options& o) {
  store::VerifyReport r = store::VerifyJournal(db, o.tenant);
  if (r.ok()) {
    std::cout << "ok: " << r.tenants << " kommune(r), " << r.cases << " saker, "
              << r.entries << " journaloppføringer, " << r.checkpoints
              << " sjekkpunkter\n";
    return 0;
  }
  PrintProblem(r.problems.front(), "første brudd");
  for (std::size_t i = 1; i < r.problems.size(); ++i) {
    PrintProblem(r.problems[i], "brudd");
  }
  std::cout << r.problems.size()
            << (r.problems.size() >= store::kMaxProblems ? " eller flere" : "")
            << " brudd i " << r.cases << " saker\n";
  return 1;
}

// Broken cases a checkpoint left out (store/audit/audit.h): said, so that
// a checkpoint run from cron does not hide them.
void PrintSkipped(const std::string& tenant, const store::CheckpointResult& r) {
  if (r.skipped.empty()) return;
  std::cout << "kommune " << tenant << ": " << r.skipped.size()
            << " sak(er) med brudd er ikke med i sjekkpunktet (kjør stafett "
               "audit verify):";
  for (const auto& id : r.skipped) std::cout << " " << id;
  std::cout << "\n";
}

int Checkpoint(store::Database& db, const Options& o, TimePoint now) {
  std::vector<std::string> tenants{o.tenant};
  if (o.tenant.empty()) tenants = store::AuditTenants(db);
  int rc = 0;
  for (const auto& tenant : tenants) {
    auto r = store::WriteCheckpoint(db, tenant, now);
    if (!r.ok()) {
      std::cout << "kommune " << tenant << ": " << r.status().message() << "\n";
      rc = 1;
      continue;
    }
    std::cout << "kommune " << tenant << ": sjekkpunkt " << r->seq << " "
              << r->hash << " (" << r->case_count << " saker, " << r->changed
              << " endret)\n";
    PrintSkipped(tenant, *r);
    if (!r->skipped.empty()) rc = 1;
  }
  return rc;
}

std::string Iso(TimePoint t) { return FormatUtc(t); }

// The tenant's current routines, for its retention and archive rules.
std::vector<std::shared_ptr<const routine::Routine>> TenantRoutines(
    store::Database& db, const std::string& tenant) {
  std::vector<std::shared_ptr<const routine::Routine>> out;
  for (auto& r : store::CurrentRoutines(db)) {
    if (r->tenant == tenant) out.push_back(std::move(r));
  }
  return out;
}

// The purge worker's rules for the tenant: its current routines' retention
// blocks, the longest of each period (store::PolicyFor). The dry run and
// the purge both read them here, so that what the dry run calls due is what
// the purge deletes, also before the worker has first run.
routine::Retention TenantPolicy(store::Database& db,
                                const std::string& tenant) {
  return store::PolicyFor(TenantRoutines(db, tenant), "");
}

int DryRun(store::Database& db, const Options& o, TimePoint now) {
  const routine::Retention policy = TenantPolicy(db, o.tenant);
  store::DueSummary due =
      store::DueForPurge(db, o.tenant, policy, now, o.limit);
  std::cout << "kommune " << o.tenant << " (prøvekjøring, ingenting slettet)\n"
            << "oppbevaring: " << policy.ToString() << "\n"
            << "forfalt: " << due.cases << " sak(er), " << due.access_log
            << " rader i tilgangsloggen, " << due.notifications << " varsler, "
            << due.idempotency << " idempotensnøkler\n";
  for (const auto& id : due.case_ids) std::cout << "forfalt sak " << id << "\n";
  for (const auto& e : store::PurgeLog(db, o.tenant, o.limit)) {
    std::cout << "slettelogg " << Iso(e.at) << " " << e.what << " " << e.count
              << " " << e.worker;
    if (!e.case_ids.empty()) std::cout << " saker:" << e.case_ids.size();
    if (!e.detail.empty()) std::cout << " (" << e.detail << ")";
    std::cout << "\n";
  }
  return 0;
}

int Purge(store::Database& db, const Options& o, TimePoint now) {
  if (o.dry_run) return DryRun(db, o, now);
  constexpr int kBatch = 100;
  const routine::Retention policy = TenantPolicy(db, o.tenant);
  const bool archive_first = policy.archive.required();
  int rc = 0, purged = 0;
  bool checkpointed = false;
  while (purged < o.limit) {
    const store::CasePurgeResult r = store::PurgeDueCases(
        db, o.tenant, now, std::min(kBatch, o.limit - purged), "stafett-audit",
        archive_first);
    for (const auto& id : r.purged) std::cout << "slettet " << id << "\n";
    for (const auto& [id, why] : r.held) {
      std::cout << "holdt tilbake " << id << ": " << why << "\n";
      rc = 1;
    }
    for (const auto& id : r.awaiting_archive) {
      std::cout << "venter på arkivering " << id << "\n";
    }
    purged += static_cast<int>(r.purged.size());
    if (!r.unanchored.empty()) {
      // A tombstone is only valid on top of a recorded head: checkpoint
      // once, then take the batch again.
      if (checkpointed) break;
      Result<store::CheckpointResult> c =
          store::WriteCheckpoint(db, o.tenant, now);
      if (!c.ok()) {
        std::cout << "kommune " << o.tenant << ": " << c.status().message()
                  << "\n";
        rc = 1;
        break;
      }
      std::cout << "sjekkpunkt " << c->seq << " " << c->hash << "\n";
      PrintSkipped(o.tenant, *c);
      checkpointed = true;
      continue;
    }
    if (r.purged.empty()) break;  // what is left waits for an archive or a day
  }
  store::LogPurgeResult logs;
  for (int round = 0; round < 1000; ++round) {
    const store::LogPurgeResult l = store::PurgeExpiredLogs(
        db, o.tenant, policy, now, 1000, "stafett-audit");
    logs.access_log += l.access_log;
    logs.notifications += l.notifications;
    logs.idempotency += l.idempotency;
    logs.report_releases += l.report_releases;
    if (l.total() == 0) break;
  }
  std::cout << "kommune " << o.tenant << ": " << purged << " sak(er) slettet; "
            << logs.access_log << " rader i tilgangsloggen, "
            << logs.notifications << " varsler, " << logs.idempotency
            << " idempotensnøkler og " << logs.report_releases
            << " rapportutgivelser slettet\n";
  return rc;
}

}  // namespace

int RunAudit(const Args& args) {
  if (!args.empty() && (args[0] == "-h" || args[0] == "--help")) {
    std::cout << kUsage;
    return 0;
  }
  std::optional<Options> o = Parse(args);
  if (!o) return 2;
  store::DatabaseOptions db_options;
  db_options.pool_size = 1;
  // verify, checkpoint and purge read a tenant's whole journal: minutes on
  // a large one. The 3 s limit protects HTTP requests, not an operator's
  // command, which the operator can interrupt.
  db_options.statement_timeout = std::chrono::milliseconds(0);
  auto db = store::Database::Open(o->db, db_options);
  if (!db.ok()) {
    std::cerr << "stafett audit: " << db.status().message() << "\n";
    return 2;
  }
  const TimePoint now = SystemClock().Now();
  if (o->command == "verify") return Verify(**db, *o);
  if (o->command == "checkpoint") return Checkpoint(**db, *o, now);
  return Purge(**db, *o, now);
}

}  // namespace stafett::app
