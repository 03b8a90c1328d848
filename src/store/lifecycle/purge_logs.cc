// Purging expired log rows in batches (store/lifecycle/purge.h, "Logs").
#include <algorithm>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "store/lifecycle/purge.h"
#include "store/lifecycle/purge_log_row.h"
#include "store/lifecycle/retention.h"
#include "store/sql/sql_params.h"
#include "store/work/outbox_store.h"  // BumpCounters

namespace stafett::store {

LogPurgeResult PurgeExpiredLogs(Database& db, const std::string& tenant,
                                const routine::Retention& policy, TimePoint now,
                                int batch, const std::string& worker) {
  LogPurgeResult out;
  auto lease = db.Acquire();
  soci::session& sql = *lease;
  WriteTransaction tx(sql, db.dialect());
  const std::string lock = SkipLockedClause(db.dialect());
  const long long lim = std::max(1, batch);
  {
    SqlParams p;
    p.Text("tenant", tenant)
        .Int("cutoff", ToMillis(Cutoff(now, policy.access_log)))
        .Int("lim", lim);
    out.access_log = ExecCount(
        sql,
        "delete from access_log where id in (select id from access_log "
        "where tenant = :tenant and at < :cutoff order by at limit :lim" +
            lock + ")",
        p);
  }
  {
    SqlParams p;
    p.Text("tenant", tenant)
        .Int("delivered", ToMillis(Cutoff(now, policy.notifications_delivered)))
        .Int("failed", ToMillis(Cutoff(now, policy.notifications_failed)))
        .Int("lim", lim);
    // Pending rows are never purged here: they are still work.
    out.notifications = ExecCount(
        sql,
        "delete from outbox where id in (select id from outbox where tenant "
        "= :tenant and ((status = 'delivered' and created_at < :delivered) "
        "or (status = 'failed' and created_at < :failed)) order by "
        "created_at limit :lim" +
            lock + ")",
        p);
  }
  {
    SqlParams p;
    p.Text("tenant", tenant)
        .Text("tenant2", tenant)
        .Int("cutoff", ToMillis(Cutoff(now, policy.idempotency_keys)))
        .Int("lim", lim);
    out.idempotency = ExecCount(
        sql,
        "delete from idempotency where tenant = :tenant and idem_key in "
        "(select idem_key from idempotency where tenant = :tenant2 and "
        "created_at < :cutoff order by created_at limit :lim" +
            lock + ")",
        p);
  }
  {
    // remove_after is `at` + 10 years for every row, so the oldest by `at`
    // (the table's index) are the ones due.
    SqlParams p;
    p.Text("tenant", tenant).Int("now", ToMillis(now)).Int("lim", lim);
    out.report_releases = ExecCount(
        sql,
        "delete from report_releases where id in (select id from "
        "report_releases where tenant = :tenant and remove_after < :now "
        "order by at limit :lim" +
            lock + ")",
        p);
  }
  std::vector<CounterDelta> counters;
  const std::pair<const char*, std::int64_t> kinds[] = {
      {"access_log", out.access_log},
      {"notifications", out.notifications},
      {"idempotency", out.idempotency},
      {"report_releases", out.report_releases}};
  for (const auto& [what, n] : kinds) {
    if (n == 0) continue;
    WritePurgeLog(sql, tenant, now, worker, what, n, {}, "");
    counters.push_back({kPurgedRowsCounter, PurgedRowsLabels(what), n});
  }
  BumpCounters(sql, counters);
  tx.Commit();
  return out;
}

}  // namespace stafett::store
