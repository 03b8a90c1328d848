// worklist_bench: the worklist's first and deep pages over a tenant with a
// million cases, for a service that sees half of them and one that sees
// 20, at 1 and 8 connections. A benchmark, not a test: it prints figures
// (p50, p99) and EXPLAIN (ANALYZE, BUFFERS) of each query shape, and never
// fails on time.
//
//   worklist_bench --db postgresql://... [--cases N] [--reseed]
//                  [--queries Q] [--no-explain]
//
// PostgreSQL only. Seeds tenant "wlbench" once, one INSERT ... SELECT from
// generate_series for the cases and the migration's own backfill statement
// (db/migrations/postgresql/0150_case_visibility.sql) for their
// case_visibility rows, so the rows are what the store would write:
//  - case c reported by skole(c % 10) (100 000 each at N = 1 000 000);
//  - odd cases at level 1 with the guardians' consent for their school and
//    "ppt", which is responsible there (ppt sees 500 000, all its work);
//  - even cases at level 0, the school responsible;
//  - 20 cases, spread over the tenant, also consent to "barnehage_liten";
//  - 1 % of ppt's cases stand on step "evaluering" (a rare filter value);
//  - 90 % open; deadlines spread over two years in no relation to c.
// A later run reuses the seed unless --reseed.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <soci/soci.h>

#include "core/time.h"
#include "store/cases/case_codec.h"
#include "store/cases/case_store.h"
#include "store/sql/database.h"
#include "store/sql/migrate.h"
#include "store/sql/sql_util.h"

namespace stafett::store {
namespace {

constexpr char kTenant[] = "wlbench";

void Exec(soci::session& sql, const std::string& q) { sql << q; }

long long Count(soci::session& sql, const std::string& q) {
  long long n = 0;
  sql << q, soci::into(n);
  return n;
}

// The statement of migration 0150 that starts with `head`.
std::string Backfill(const std::string& head) {
  std::ifstream in(DefaultMigrationsRoot() / "postgresql" /
                   "0150_case_visibility.sql");
  std::stringstream text;
  text << in.rdbuf();
  for (const auto& st : SplitSqlStatements(text.str())) {
    if (st.rfind(head, 0) == 0) return st;
  }
  return "";
}

void Seed(Database& db, long long cases) {
  auto lease = db.Acquire();
  soci::session& sql = *lease;
  const std::string n = std::to_string(cases);
  const std::string base = "1780000000000";
  // Every (cases / 20)-th case, offset 7, consents to the small service.
  const std::string small_every = std::to_string(std::max(1LL, cases / 20));
  Exec(sql, "set maintenance_work_mem = '256MB'");
  // The rows come from the migration's own statements below, not from the
  // insert trigger once per row (a superuser's session, as the test server
  // gives).
  Exec(sql, "set session_replication_role = replica");
  WriteTransaction tx(sql, db.dialect());
  Exec(sql,
       "insert into routine_versions (hash, tenant, routine_id, version, "
       "source_name, source_text, loaded_at) values ('wlbench-hash', "
       "'wlbench', 'bti', 1, 'bench', 'bench', 0) on conflict (hash) do "
       "nothing");
  Exec(sql,
       "insert into cases (id, tenant, reference, routine_id, "
       "routine_version, routine_hash, version, status, step, level, "
       "reporter_service, responsible_service, sharing, consent_given_by, "
       "consent_services, consent_valid_until, consent_given_at, baton, "
       "baton_holder, created_at, updated_at, step_entered_at, due_at, "
       "worklist_due, visit_seq, journal_seq, journal_head) "
       "select lpad(to_hex(c), 32, '0'), 'wlbench', 'WL-2026-' || c, 'bti', "
       "1, 'wlbench-hash', 1, case when c % 10 = 0 then 'closed' else "
       "'open' end, case when c % 200 = 1 then 'evaluering' when c % 2 = 1 "
       "then 'tiltak' else 'undring' end, "
       "c % 2, 'skole' || (c % 10), case when c % 2 = 1 then 'ppt' else "
       "'skole' || (c % 10) end, case when c % 2 = 1 then 'consented' else "
       "'anonymous' end, case when c % 2 = 1 then 'guardians' else '' end, "
       "case when c % 2 = 0 then '' when c % " +
           small_every +
           " = 7 then '[\"skole' || (c % 10) || '\",\"ppt\","
           "\"barnehage_liten\"]' else '[\"skole' || (c % 10) || "
           "'\",\"ppt\"]' end, case when c % 2 = 1 then '2030-12-31' else "
           "'' end, case when c % 2 = 1 then " +
           base + " else null end, 'none', '', " + base + ", " + base + ", " +
           base + ", " + base + " + ((c * 7919) % 1000003) * 60000, " + base +
           " + ((c * 7919) % 1000003) * 60000, 1, 1, '' from "
           "generate_series(cast(1 as bigint), " +
           n + ") as c");
  Exec(sql, Backfill("insert into case_visibility"));
  Exec(sql, Backfill("update cases set sight"));
  tx.Commit();
  Exec(sql, "set session_replication_role = origin");
  Exec(sql, "vacuum analyze cases");
  Exec(sql, "vacuum analyze case_visibility");
}

void Unseed(Database& db) {
  auto lease = db.Acquire();
  soci::session& sql = *lease;
  WriteTransaction tx(sql, db.dialect());
  Exec(sql, "delete from case_visibility where tenant = 'wlbench'");
  Exec(sql, "delete from cases where tenant = 'wlbench'");
  tx.Commit();
}

struct Shape {
  std::string name;
  WorklistFilter filter;
};

// The filter's position half-way down the service's list, as a cursor.
std::string MiddleCursor(Database& db, const WorklistFilter& f) {
  auto lease = db.Acquire();
  soci::session& sql = *lease;
  std::string svc = *f.seen_by, id;
  const std::string where = "tenant = 'wlbench' and service = '" + svc +
                            "' and status = 'open'" +
                            (f.work_only ? " and work = 1" : "") +
                            (f.step ? " and step = '" + *f.step + "'" : "");
  long long n =
      Count(sql, "select count(*) from case_visibility where " + where);
  long long due = 0;
  sql << "select worklist_due, case_id from case_visibility where " + where +
             " order by worklist_due, case_id offset " + std::to_string(n / 2) +
             " limit 1",
      soci::into(due), soci::into(id);
  return EncodeCursor(due, id);
}

// The statement CaseStore::Worklist sends for `f` (case_queries.cc), with
// the values inlined, for EXPLAIN.
std::string ExplainSql(const WorklistFilter& f) {
  std::string q =
      "select c.* from case_visibility v join cases c on c.id = v.case_id "
      "where v.tenant = 'wlbench' and v.service = '" +
      *f.seen_by + "'" + (f.work_only ? " and v.work = 1" : "") +
      " and v.seen_through >= '" + FormatDate(OsloDate(f.now)) +
      "' and v.status = 'open'";
  if (f.step) q += " and v.step = '" + *f.step + "'";
  if (!f.cursor.empty()) {
    auto cur = DecodeCursor(f.cursor);
    q += " and (v.worklist_due, v.case_id) > (" + std::to_string(cur->first) +
         ", '" + cur->second + "')";
  }
  return q + " order by v.worklist_due, v.case_id limit " +
         std::to_string(f.limit + 1);
}

void Explain(Database& db, const Shape& s) {
  auto lease = db.Acquire();
  soci::session& sql = *lease;
  std::string line;
  soci::statement st = (sql.prepare << "explain (analyze, buffers, costs "
                                       "off) " +
                                           ExplainSql(s.filter),
                        soci::into(line));
  st.execute();
  std::cout << "\nEXPLAIN (ANALYZE, BUFFERS) " << s.name << ":\n";
  while (st.fetch()) std::cout << "  " << line << "\n";
}

struct Figures {
  double p50 = 0, p99 = 0, max = 0;
  std::size_t rows = 0;
  bool full = true;  // every page full or last
};

Figures Run(CaseStore& store, const WorklistFilter& f, int threads,
            int queries) {
  std::vector<std::vector<double>> per(threads);
  std::atomic<std::size_t> rows{0};
  std::atomic<bool> full{true};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int i = 0; i < queries; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        auto page = store.Worklist(kTenant, f);
        per[t].push_back(std::chrono::duration<double, std::milli>(
                             std::chrono::steady_clock::now() - t0)
                             .count());
        if (!page.ok()) continue;
        rows = page->cases.size();
        if (!page->next_cursor.empty() &&
            static_cast<int>(page->cases.size()) != f.limit) {
          full = false;
        }
      }
    });
  }
  for (auto& th : pool) th.join();
  std::vector<double> all;
  for (auto& v : per) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end());
  Figures out;
  out.p50 = all[all.size() / 2];
  out.p99 = all[std::min(all.size() - 1, all.size() * 99 / 100)];
  out.max = all.back();
  out.rows = rows;
  out.full = full;
  return out;
}

int Main(int argc, char** argv) {
  std::string url;
  long long cases = 1'000'000;
  int queries = 400;
  bool reseed = false, explain = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) {
      url = argv[++i];
    } else if (a == "--cases" && i + 1 < argc) {
      cases = std::max(100LL, std::atoll(argv[++i]));
    } else if (a == "--queries" && i + 1 < argc) {
      queries = std::max(10, std::atoi(argv[++i]));
    } else if (a == "--reseed") {
      reseed = true;
    } else if (a == "--no-explain") {
      explain = false;
    } else {
      std::cerr << "usage: worklist_bench --db URL [--cases N] [--reseed] "
                   "[--queries Q] [--no-explain]\n";
      return 2;
    }
  }
  DatabaseOptions options;
  options.pool_size = 8;
  options.statement_timeout = std::chrono::milliseconds(0);  // the seed
  auto opened = Database::Open(url, options);
  if (!opened.ok()) {
    std::cerr << "worklist_bench: " << opened.status().ToString() << "\n";
    return 2;
  }
  Database& db = **opened;
  if (db.dialect() != Dialect::kPostgresql) {
    std::cerr << "worklist_bench: PostgreSQL only\n";
    return 2;
  }
  auto migrated = ApplyMigrations(db, DefaultMigrationsRoot());
  if (!migrated.ok()) {
    std::cerr << "worklist_bench: " << migrated.status().ToString() << "\n";
    return 2;
  }
  long long have = 0;
  {
    auto lease = db.Acquire();
    have = Count(*lease, "select count(*) from cases where tenant = 'wlbench'");
  }
  if (reseed || have != cases) {
    if (have > 0) Unseed(db);
    auto t0 = std::chrono::steady_clock::now();
    Seed(db, cases);
    std::cout << "seeded " << cases << " cases and their visibility rows ("
              << std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - t0)
                     .count()
              << " ms)\n";
  } else {
    std::cout << "reusing " << have << " seeded cases\n";
  }
  {
    auto lease = db.Acquire();
    std::cout << "case_visibility rows: "
              << Count(*lease,
                       "select count(*) from case_visibility where tenant = "
                       "'wlbench'")
              << "\n";
  }

  ManualClock clock(FromMillis(1780000000000));
  CaseStore store(db, clock);
  auto make = [&](const std::string& svc, bool work) {
    WorklistFilter f;
    f.seen_by = svc;
    f.work_only = work;
    f.now = clock.Now();
    f.limit = 50;
    return f;
  };
  std::vector<Shape> shapes;
  for (auto [svc, work, label] :
       {std::tuple{"ppt", false, "big (ppt, 450k open, leader)"},
        std::tuple{"ppt", true, "big (ppt, worker: own work)"},
        std::tuple{"skole3", false, "mid (skole3, 90k open, leader)"},
        std::tuple{"barnehage_liten", false, "small (20 cases, leader)"}}) {
    WorklistFilter f = make(svc, work);
    shapes.push_back({std::string(label) + ", first page", f});
    if (std::string(svc) != "barnehage_liten") {
      f.cursor = MiddleCursor(db, f);
      shapes.push_back({std::string(label) + ", deep page (middle)", f});
    }
  }
  {
    WorklistFilter f = make("ppt", false);
    f.step = "evaluering";
    shapes.push_back({"big, filter step=evaluering (1 %), first page", f});
    f.cursor = MiddleCursor(db, f);
    shapes.push_back({"big, filter step=evaluering (1 %), deep page", f});
  }
  // Warm the cache and each session's prepared statements.
  for (const auto& s : shapes) Run(store, s.filter, 8, 5);
  std::cout << "\n" << queries << " queries per connection; ms\n";
  for (const auto& s : shapes) {
    for (int threads : {1, 8}) {
      Figures f = Run(store, s.filter, threads, queries);
      std::printf(
          "  %-48s %d conn: p50 %6.2f  p99 %6.2f  max %6.2f  (%zu rows%s)\n",
          s.name.c_str(), threads, f.p50, f.p99, f.max, f.rows,
          f.full ? "" : ", SHORT PAGE");
    }
  }
  if (explain) {
    for (const auto& s : shapes) Explain(db, s);
  }
  return 0;
}

}  // namespace
}  // namespace stafett::store

int main(int argc, char** argv) { return stafett::store::Main(argc, argv); }
