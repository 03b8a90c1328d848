// purge_bench: how fast the retention purge deletes closed cases, and what
// it does to reads meanwhile. A benchmark, not a test: it prints figures
// and never fails on time.
//
//   purge_bench --db URL [--cases N] [--batch B] [--readers R]
//
// Seeds tenant "purgebench" with N closed cases (default 1 000 000), each
// with a valid three-entry journal chain (hashes computed here, inserted
// 500 cases per statement), 3 step visits and 2 access-log rows, all due;
// and tenant "live" with 10 000 open cases. Writes the checkpoint the
// purge needs (timed: it verifies every chain), then measures the p99 of
// CaseStore::GetCase on live cases while idle, and again while
// store::PurgeDueCases runs batches of B (default 500) until nothing is
// due; then purges the access log (store::PurgeExpiredLogs, 4B rows a
// statement). Prints rows deleted per second and both p99s. Any previous
// purgebench/live data is deleted first.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <soci/soci.h>

#include "store/audit/audit.h"
#include "store/cases/case_store.h"
#include "store/cases/journal_hash.h"
#include "store/lifecycle/purge.h"
#include "store/sql/database.h"
#include "store/sql/migrate.h"

namespace stafett::store {
namespace {

using Clock = std::chrono::steady_clock;

constexpr char kTenant[] = "purgebench";
constexpr char kLive[] = "live";
constexpr int kPerInsert = 500;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

std::string CaseId(const char* tenant, long long c) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s%026lld", tenant[0] == 'p' ? "pb" : "lv",
                c);
  return buf;
}

// Cases [from, to) of `tenant`: rows for cases, journal, visits, access log.
void SeedChunk(soci::session& sql, const char* tenant, long long from,
               long long to, bool closed) {
  std::string cases, journal, visits, access;
  const long long base = 1704063600000LL;  // 2024-01-01T00:00 Oslo
  for (long long c = from; c < to; ++c) {
    const std::string id = CaseId(tenant, c);
    std::string prev;
    const char* kinds[] = {"case_opened", "step_entered", "closed"};
    for (int s = 1; s <= 3; ++s) {
      StoredJournalEntry e;
      e.case_id = id;
      e.seq = s;
      e.tenant = tenant;
      e.entry.kind = kinds[s - 1];
      e.entry.step = "step" + std::to_string(s);
      e.entry.actor_service = "svc";
      e.entry.actor_role = engine::Role::kWorker;
      e.entry.at = FromMillis(base + c * 1000 + s);
      e.entry.detail_json = "{}";
      e.prev_hash = prev;
      e.hash = JournalHash(prev, e);
      journal += std::string(journal.empty() ? "" : ", ") + "('" + id + "', " +
                 std::to_string(s) + ", '" + tenant + "', '" + e.entry.kind +
                 "', '" + e.entry.step + "', 0, 'svc', 'worker', " +
                 std::to_string(ToMillis(e.entry.at)) + ", '', '{}', '" + prev +
                 "', '" + e.hash + "')";
      visits += std::string(visits.empty() ? "" : ", ") + "('" + id + "', " +
                std::to_string(s) + ", '" + tenant + "', 'bench', 1, 'step" +
                std::to_string(s) + "', 'action', 0, 'svc', " +
                std::to_string(base + c * 1000 + s) + ", null, " +
                std::to_string(base + c * 1000 + s + 1) + ", 'next')";
      prev = e.hash;
    }
    for (int a = 0; a < 2; ++a) {
      access += std::string(access.empty() ? "" : ", ") + "('" + id + "a" +
                std::to_string(a) + "', '" + tenant + "', '" + id +
                "', 'svc', 'worker', " + std::to_string(base + c * 1000) +
                ", 'read_case', '')";
    }
    cases += std::string(cases.empty() ? "" : ", ") + "('" + id + "', '" +
             tenant + "', 'PB-" + std::to_string(c) + "', 'bench', 1, " +
             "'bench-hash', 2, '" + (closed ? "closed" : "open") +
             "', 'step3', 0, 'svc', 'svc', 'anonymous', 'none', " +
             std::to_string(base + c * 1000) + ", " +
             std::to_string(base + c * 1000) + ", " +
             std::to_string(base + c * 1000) +
             ", 9223372036854775807, 3, 3, '" + prev + "', " +
             (closed ? "1" : "null") + ")";
  }
  sql << "insert into cases (id, tenant, reference, routine_id, "
         "routine_version, routine_hash, version, status, step, level, "
         "reporter_service, responsible_service, sharing, baton, created_at, "
         "updated_at, step_entered_at, worklist_due, visit_seq, journal_seq, "
         "journal_head, remove_after) values " +
             cases;
  sql << "insert into journal (case_id, seq, tenant, kind, step, level, "
         "actor_service, actor_role, at, text, detail_json, prev_hash, hash) "
         "values " +
             journal;
  sql << "insert into step_visits (case_id, seq, tenant, routine_id, "
         "routine_version, step, kind, level, service, entered_at, due_at, "
         "left_at, outcome) values " +
             visits;
  sql << "insert into access_log (id, tenant, case_id, actor_service, "
         "actor_role, at, action, reason) values " +
             access;
}

void Seed(Database& db, const char* tenant, long long n, bool closed) {
  auto lease = db.Acquire();
  soci::session& sql = *lease;
  for (long long from = 0; from < n; from += kPerInsert * 20) {
    WriteTransaction tx(sql, db.dialect());
    const long long end = std::min(n, from + kPerInsert * 20);
    for (long long c = from; c < end; c += kPerInsert) {
      SeedChunk(sql, tenant, c, std::min(end, c + kPerInsert), closed);
    }
    tx.Commit();
  }
}

void Unseed(Database& db) {
  auto lease = db.Acquire();
  soci::session& sql = *lease;
  WriteTransaction tx(sql, db.dialect());
  for (const char* t : {kTenant, kLive}) {
    const std::string w = std::string(" where tenant = '") + t + "'";
    sql << "delete from access_log" + w;
    sql << "delete from step_visits" + w;
    sql << "delete from journal" + w;
    sql << "delete from cases" + w;
    sql << "delete from audit_checkpoint_heads" + w;
    sql << "delete from audit_checkpoints" + w;
    sql << "delete from purge_log" + w;
  }
  sql << "insert into routine_versions (hash, tenant, routine_id, version, "
         "source_name, source_text, loaded_at) values ('bench-hash', "
         "'purgebench', 'bench', 1, 'bench', 'bench', 0) on conflict (hash) "
         "do nothing";
  tx.Commit();
}

// Reads random live cases until *stop; latencies in microseconds.
std::vector<double> Read(CaseStore& store, long long live,
                         const std::atomic<bool>& stop, int max_reads) {
  std::vector<double> out;
  std::mt19937_64 rng(42);
  while (!stop && static_cast<int>(out.size()) < max_reads) {
    const std::string id = CaseId(kLive, static_cast<long long>(rng() % live));
    const auto t0 = Clock::now();
    if (!store.GetCase(kLive, id)) {
      std::cerr << "purge_bench: live case " << id << " missing\n";
      std::exit(1);
    }
    out.push_back(
        std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  return out;
}

double P99(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, (v.size() * 99 + 99) / 100 - 1)] / 1000.0;
}

int Main(int argc, char** argv) {
  std::string url;
  long long cases = 1'000'000;
  int batch = 500;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) {
      url = argv[++i];
    } else if (a == "--cases" && i + 1 < argc) {
      cases = std::max(1LL, std::atoll(argv[++i]));
    } else if (a == "--batch" && i + 1 < argc) {
      batch = std::max(1, std::atoi(argv[++i]));
    } else {
      std::cerr << "usage: purge_bench --db URL [--cases N] [--batch B]\n";
      return 2;
    }
  }
  if (url.empty()) {
    std::cerr << "purge_bench: --db URL is required\n";
    return 2;
  }
  DatabaseOptions options;
  options.pool_size = 4;
  // Seeding and VACUUM of a million cases take minutes; the API's 3 s
  // statement limit is for requests, not for this.
  options.statement_timeout = std::chrono::milliseconds(0);
  auto db = Database::Open(url, options);
  if (!db.ok()) {
    std::cerr << "purge_bench: " << db.status().message() << "\n";
    return 2;
  }
  auto migrated = ApplyMigrations(**db, DefaultMigrationsRoot());
  if (!migrated.ok()) {
    std::cerr << "purge_bench: " << migrated.status().message() << "\n";
    return 2;
  }
  const long long live = 10'000;
  std::cout << "purge_bench " << DialectName((*db)->dialect()) << ": " << cases
            << " closed cases, batch " << batch << "\n";
  auto t0 = Clock::now();
  Unseed(**db);
  Seed(**db, kTenant, cases, true);
  Seed(**db, kLive, live, false);
  {
    auto lease = (*db)->Acquire();
    if ((*db)->dialect() == Dialect::kPostgresql) {
      for (const char* t : {"cases", "journal", "step_visits", "access_log"})
        *lease << std::string("vacuum analyze ") + t;
    } else {
      *lease << "analyze";
    }
  }
  std::cout << "seeded in " << Seconds(t0) << " s\n";

  const TimePoint now = FromMillis(1780000000000LL);
  t0 = Clock::now();
  auto cp = WriteCheckpoint(**db, kTenant, now);
  if (!cp.ok()) {
    std::cerr << "purge_bench: " << cp.status().message() << "\n";
    return 1;
  }
  std::cout << "checkpoint (verifies " << cp->case_count << " chains) in "
            << Seconds(t0) << " s\n";

  SystemClock clock;
  CaseStore store(**db, clock);
  std::atomic<bool> stop{false};
  const double idle = P99(Read(store, live, stop, 3000));

  std::vector<double> during;
  std::thread reader([&] { during = Read(store, live, stop, 1 << 30); });
  t0 = Clock::now();
  long long purged = 0, rows = 0, batches = 0;
  for (;;) {
    CasePurgeResult r = PurgeDueCases(**db, kTenant, now, batch, "bench");
    if (r.claimed() == 0) break;
    if (!r.unanchored.empty() || !r.held.empty()) {
      std::cerr << "purge_bench: unexpected unanchored/held cases\n";
      stop = true;
      reader.join();
      return 1;
    }
    purged += static_cast<long long>(r.purged.size());
    rows += r.rows;
    ++batches;
  }
  const double secs = Seconds(t0);
  stop = true;
  reader.join();
  const double busy = P99(during);
  std::cout << "purged " << purged << " cases (" << rows
            << " rows: journal, visits) in " << batches << " batches, " << secs
            << " s: " << static_cast<long long>(rows / secs) << " rows/s, "
            << static_cast<long long>(purged / secs) << " cases/s\n"
            << "GetCase p99 idle " << idle << " ms, during purge " << busy
            << " ms (" << during.size() << " reads), ratio "
            << (idle > 0 ? busy / idle : 0) << "\n";
  // The access log goes by its own period; here every row is past it.
  routine::Retention policy;
  policy.access_log = IsoDuration{0, 0, 0, 1};
  t0 = Clock::now();
  long long log_rows = 0;
  for (;;) {
    LogPurgeResult r =
        PurgeExpiredLogs(**db, kTenant, policy, now, batch * 4, "bench");
    if (r.total() == 0) break;
    log_rows += r.total();
  }
  const double log_secs = Seconds(t0);
  std::cout << "purged " << log_rows << " access-log rows in " << log_secs
            << " s: " << static_cast<long long>(log_rows / log_secs)
            << " rows/s\n";
  t0 = Clock::now();
  VerifyReport v = VerifyJournal(**db, kTenant);
  std::cout << "verify after purge: " << (v.ok() ? "ok" : "FAILED") << " in "
            << Seconds(t0) << " s\n";
  return v.ok() ? 0 : 1;
}

}  // namespace
}  // namespace stafett::store

int main(int argc, char** argv) { return stafett::store::Main(argc, argv); }
