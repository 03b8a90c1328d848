// report_bench: how long the compliance report takes over a tenant with a
// million step visits. A benchmark, not a test: it prints figures and
// never fails on time.
//
//   report_bench --db URL [--visits N] [--reseed] [--runs R]
//
// Seeds tenant "bench" once (100 000 cases x 10 visits for the default
// N = 1 000 000, spread over about 14 months, with consent expiries and
// child-welfare reports on 1 % of the cases) with INSERT ... SELECT from a
// recursive CTE, so seeding is one statement per table on either database.
// A later run reuses the seed unless --reseed. Then it runs the report in
// several groupings over the whole history and prints, per grouping, the
// fastest and the median of R runs (default 5), and the median CPU time
// per report: this process's, and on PostgreSQL the server backend's when
// it runs on this machine (read from /proc; parallel workers not
// included: add options='-c max_parallel_workers_per_gather=0' to the
// conninfo to count all of the server's work). CPU time depends much less
// on what else the machine runs than wall time does.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "store/audit/report.h"
#include "store/sql/database.h"
#include "store/sql/migrate.h"

namespace stafett::store {
namespace {

constexpr char kTenant[] = "bench";
constexpr int kVisitsPerCase = 10;

void Exec(soci::session& sql, const std::string& q) { sql << q; }

long long Count(soci::session& sql, const std::string& q) {
  long long n = 0;
  sql << q, soci::into(n);
  return n;
}

// Case c (1..cases), visit s (1..10): entered at base + c*5 min + s*5 days;
// deadline 3 days; left (c*7919 + s*104729) % 5 days' worth of seconds
// later (before the next visit), except the last visit of every fifth
// case, which is still open.
void Seed(Database& db, long long cases) {
  auto lease = db.Acquire();
  soci::session& sql = *lease;
  const std::string n = std::to_string(cases);
  const std::string base = "1704063600000";  // 2024-01-01T00:00 Oslo
  WriteTransaction tx(sql, db.dialect());
  Exec(sql,
       "insert into routine_versions (hash, tenant, routine_id, version, "
       "source_name, source_text, loaded_at) values ('bench-hash', 'bench', "
       "'bench', 1, 'bench', 'bench', 0) on conflict (hash) do nothing");
  Exec(sql,
       "insert into cases (id, tenant, reference, routine_id, "
       "routine_version, routine_hash, version, status, step, level, "
       "reporter_service, responsible_service, sharing, baton, "
       "baton_holder, created_at, updated_at, step_entered_at, "
       "worklist_due, visit_seq, journal_seq, journal_head) "
       "with recursive n(c) as (select cast(1 as bigint) union all select c + "
       "1 from n "
       "where c < " +
           n +
           ") select 'c' || c, 'bench', 'B-' || c, 'bench', 1 + c % 3, "
           "'bench-hash', 1, case when c % 5 = 0 then 'open' else 'closed' "
           "end, 'step' || ((c + 10) % 12), (c + 10) % 4, 'unit' || (c % 6), "
           "'svc' || (c % 8), 'anonymous', case when c % 3 = 0 then 'none' "
           "else 'held' end, case when c % 3 = 0 then '' else 'svc1' end, " +
           base + " + c * 300000, " + base + " + c * 300000, " + base +
           " + c * 300000, 9223372036854775807, 10, 0, '' from n");
  Exec(sql,
       "insert into step_visits (case_id, seq, tenant, routine_id, "
       "routine_version, step, kind, level, service, entered_at, due_at, "
       "left_at, outcome, reporter_service, prev_level) "
       "with recursive n(i) as (select cast(0 as bigint) union all select i + "
       "1 from n "
       "where i < " +
           std::to_string(cases * kVisitsPerCase - 1) +
           "), v(c, s) as (select i / 10 + 1, i % 10 + 1 from n) "
           "select 'c' || c, s, 'bench', 'bench', 1 + c % 3, 'step' || "
           "((c + s) % 12), 'action', (c + s) % 4, 'svc' || (c % 8), " +
           base + " + c * 300000 + s * 432000000, " + base +
           " + c * 300000 + s * 432000000 + 259200000, case when s = 10 and "
           "c % 5 = 0 then null else " +
           base +
           " + c * 300000 + s * 432000000 + ((c * 7919 + s * 104729) % "
           "432000) * 1000 end, '', 'unit' || (c % 6), case when s = 1 then "
           "null else (c + s - 1) % 4 end from v");
  // 1 % of the cases: a consent expiry, a child-welfare report and its
  // confirmation, all in visit 5.
  Exec(sql,
       "insert into journal (case_id, seq, tenant, kind, step, level, "
       "actor_service, actor_role, at, text, detail_json, prev_hash, hash) "
       "with recursive n(c) as (select cast(100 as bigint) union all select c "
       "+ 100 from n "
       "where c + 100 <= " +
           n +
           "), k(j, kind) as (select 1, 'consent_expired' union all select "
           "2, 'child_welfare_reported' union all select 3, "
           "'child_welfare_report_confirmed') select 'c' || c, j, 'bench', "
           "kind, 'step0', 0, 'svc0', 'worker', " +
           base +
           " + c * 300000 + 2160000000 + j * 3600000, '', '{}', "
           "'', '' from n, k");
  tx.Commit();
  if (db.dialect() == Dialect::kPostgresql) {
    Exec(sql, "vacuum analyze step_visits");
    Exec(sql, "vacuum analyze cases");
    Exec(sql, "vacuum analyze journal");
  } else {
    Exec(sql, "analyze");
  }
}

void Unseed(Database& db) {
  auto lease = db.Acquire();
  soci::session& sql = *lease;
  WriteTransaction tx(sql, db.dialect());
  Exec(sql, "delete from journal where tenant = 'bench'");
  Exec(sql, "delete from step_visits where tenant = 'bench'");
  Exec(sql, "delete from cases where tenant = 'bench'");
  tx.Commit();
}

// CPU time in microseconds: this process's, and the server backend's
// (/proc/PID/schedstat, nanoseconds on CPU; -1 when not readable).
long long ProcessCpuMicros() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

long long BackendCpuMicros(long long pid) {
  if (pid <= 0) return -1;
  std::ifstream in("/proc/" + std::to_string(pid) + "/schedstat");
  long long ns = -1;
  if (!(in >> ns)) return -1;
  return ns / 1000;
}

long long Median(std::vector<long long> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

ReportCatalog BenchCatalog() {
  ReportCatalog c;
  for (int v = 1; v <= 3; ++v) {
    routine::Routine r;
    r.id = "bench";
    r.version = v;
    for (int s = 0; s < 12; ++s) {
      routine::Step step;
      step.id = "step" + std::to_string(s);
      if (s % 3 != 2) step.sjumilssteget = {1 + s % 7};
      if (s == 4) step.sjumilssteget.push_back(5);
      r.steps.push_back(step);
    }
    c.Add(r);
  }
  return c;
}

int Main(int argc, char** argv) {
  std::string url;
  long long visits = 1'000'000;
  int runs = 5;
  bool reseed = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) {
      url = argv[++i];
    } else if (a == "--visits" && i + 1 < argc) {
      visits = std::atoll(argv[++i]);
    } else if (a == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--reseed") {
      reseed = true;
    } else {
      std::cerr << "usage: report_bench --db URL [--visits N] [--reseed] "
                   "[--runs R]\n";
      return 2;
    }
  }
  if (url.empty()) {
    std::cerr << "report_bench: --db is required\n";
    return 2;
  }
  // Seeding a million rows is one statement per table: longer than the
  // server's default statement timeout on a busy machine.
  DatabaseOptions options;
  options.statement_timeout = std::chrono::milliseconds{0};
  // One session, so the server's CPU time is one backend's.
  options.pool_size = 1;
  auto opened = Database::Open(url, options);
  if (!opened.ok()) {
    std::cerr << "report_bench: " << opened.status().ToString() << "\n";
    return 2;
  }
  Database& db = **opened;
  auto migrated = ApplyMigrations(db, DefaultMigrationsRoot());
  if (!migrated.ok()) {
    std::cerr << "report_bench: " << migrated.status().ToString() << "\n";
    return 2;
  }
  const long long cases = visits / kVisitsPerCase;
  long long have = 0;
  {
    auto lease = db.Acquire();
    have = Count(*lease,
                 "select count(*) as n from step_visits where tenant = "
                 "'bench'");
  }
  if (reseed || have != cases * kVisitsPerCase) {
    if (have > 0) Unseed(db);
    auto t0 = std::chrono::steady_clock::now();
    Seed(db, cases);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - t0)
                  .count();
    std::cout << "seeded " << cases * kVisitsPerCase << " step visits in "
              << cases << " cases (" << ms << " ms)\n";
  } else {
    std::cout << "reusing " << have << " seeded step visits\n";
  }

  long long backend_pid = 0;
  if (db.dialect() == Dialect::kPostgresql) {
    auto lease = db.Acquire();
    backend_pid = Count(*lease, "select pg_backend_pid()");
  }
  const ReportCatalog catalog = BenchCatalog();
  ComplianceQuery q;
  q.tenant = kTenant;
  q.period = *MakePeriod({2024, 1}, {2025, 12});
  q.now = FromMillis(1740000000000);  // 2025-02-19
  std::cout << DialectName(db.dialect()) << ", period "
            << FormatYearMonth(q.period.first) << ".."
            << FormatYearMonth(q.period.last) << ", " << runs
            << " runs per grouping\n";
  const std::vector<std::string> groupings = {
      "",           "service",       "unit",
      "month",      "step",          "service,month",
      "level,step", "sjumilssteget", "year,sjumilssteget"};
  for (const auto& g : groupings) {
    q.group_by = *ParseGroupBy(g);
    std::vector<long long> times, client_cpu, server_cpu;
    std::size_t groups = 0;
    long long counted = 0;
    for (int r = 0; r < runs; ++r) {
      const long long c0 = ProcessCpuMicros();
      const long long s0 = BackendCpuMicros(backend_pid);
      auto t0 = std::chrono::steady_clock::now();
      PublishedReport report =
          BuildReport(db, catalog, q, ReportKind::kCompliance, 5);
      std::string json = ReportJson(report);
      times.push_back(std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - t0)
                          .count());
      client_cpu.push_back(ProcessCpuMicros() - c0);
      const long long s1 = BackendCpuMicros(backend_pid);
      if (s0 >= 0 && s1 >= 0) server_cpu.push_back(s1 - s0);
      groups = report.table.groups.size();
      counted = report.table.total.counts[kVisits].value.value_or(-1);
    }
    std::sort(times.begin(), times.end());
    std::cout << "  group_by=" << (g.empty() ? "(none)" : g) << ": " << groups
              << " groups, " << counted << " visits (published), best "
              << times.front() / 1000.0 << " ms, median "
              << times[times.size() / 2] / 1000.0 << " ms; CPU median: client "
              << Median(client_cpu) / 1000.0 << " ms";
    if (!server_cpu.empty()) {
      std::cout << ", server backend " << Median(server_cpu) / 1000.0 << " ms";
    }
    std::cout << "\n";
  }
  return 0;
}

}  // namespace
}  // namespace stafett::store

int main(int argc, char** argv) { return stafett::store::Main(argc, argv); }
