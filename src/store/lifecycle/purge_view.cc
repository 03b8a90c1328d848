// Read-only views of the purge (store/lifecycle/purge_view.h).
#include "store/lifecycle/purge_view.h"

#include <soci/soci.h>

#include "store/lifecycle/retention.h"
#include "store/sql/sql_params.h"

namespace stafett::store {

namespace {

// Closed cases whose remove_after has passed and that are not yet purged
// (a purged case keeps only its skeleton, reference SLETTET-<id>).
constexpr char kDueCases[] =
    " from cases where tenant = :tenant and remove_after is not null and "
    "remove_after <= :now and status = 'closed' and reference <> "
    "'SLETTET-' || id";

std::int64_t CountDueCases(soci::session& sql, const std::string& tenant,
                           TimePoint now) {
  std::string t = tenant;
  long long n = ToMillis(now), count = 0;
  sql << std::string("select count(*)") + kDueCases, soci::use(t, "tenant"),
      soci::use(n, "now"), soci::into(count);
  return count;
}

}  // namespace

std::int64_t CasesDueForPurge(Database& db, const std::string& tenant,
                              TimePoint now) {
  auto lease = db.Acquire();
  return CountDueCases(*lease, tenant, now);
}

DueSummary DueForPurge(Database& db, const std::string& tenant,
                       const routine::Retention& policy, TimePoint now,
                       int list_limit) {
  DueSummary out;
  auto lease = db.Acquire();
  soci::session& sql = *lease;
  std::string t = tenant;
  out.cases = CountDueCases(sql, tenant, now);
  if (list_limit > 0) {
    long long n = ToMillis(now);
    std::string id;
    long long lim = list_limit;
    soci::statement st(sql);
    st.exchange(soci::into(id));
    st.exchange(soci::use(t, "tenant"));
    st.exchange(soci::use(n, "now"));
    st.exchange(soci::use(lim, "lim"));
    PrepareOnce(st, std::string("select id") + kDueCases +
                        " order by remove_after, id limit :lim");
    st.execute();
    while (st.fetch()) out.case_ids.push_back(id);
  }
  long long access = ToMillis(Cutoff(now, policy.access_log));
  long long delivered = ToMillis(Cutoff(now, policy.notifications_delivered));
  long long failed = ToMillis(Cutoff(now, policy.notifications_failed));
  long long idem = ToMillis(Cutoff(now, policy.idempotency_keys));
  long long a = 0, o = 0, i = 0;
  std::string t2 = tenant, t3 = tenant;
  sql << "select (select count(*) from access_log where tenant = :t1 and at "
         "< :access), (select count(*) from outbox where tenant = :t2 and "
         "((status = 'delivered' and created_at < :delivered) or (status = "
         "'failed' and created_at < :failed))), (select count(*) from "
         "idempotency where tenant = :t3 and created_at < :idem)",
      soci::use(t, "t1"), soci::use(access, "access"), soci::use(t2, "t2"),
      soci::use(delivered, "delivered"), soci::use(failed, "failed"),
      soci::use(t3, "t3"), soci::use(idem, "idem"), soci::into(a),
      soci::into(o), soci::into(i);
  out.access_log = a;
  out.notifications = o;
  out.idempotency = i;
  return out;
}

std::vector<PurgeLogEntry> PurgeLog(Database& db, const std::string& tenant,
                                    int limit, bool newest_first) {
  std::vector<PurgeLogEntry> out;
  auto lease = db.Acquire();
  std::string t = tenant, worker, what, ids, detail;
  long long at = 0, count = 0, lim = std::max(1, limit);
  soci::statement st(*lease);
  st.exchange(soci::into(at));
  st.exchange(soci::into(worker));
  st.exchange(soci::into(what));
  st.exchange(soci::into(count));
  st.exchange(soci::into(ids));
  st.exchange(soci::into(detail));
  st.exchange(soci::use(t, "tenant"));
  st.exchange(soci::use(lim, "lim"));
  PrepareOnce(st, std::string("select at, worker, what, row_count, case_ids, "
                              "detail from purge_log where tenant = :tenant "
                              "order by ") +
                      (newest_first ? "at desc, id desc" : "at, id") +
                      " limit :lim");
  st.execute();
  while (st.fetch()) {
    PurgeLogEntry e{FromMillis(at), worker, what, count, {}, detail};
    std::size_t start = 0;
    while (start < ids.size()) {
      std::size_t comma = ids.find(',', start);
      if (comma == std::string::npos) comma = ids.size();
      e.case_ids.push_back(ids.substr(start, comma - start));
      start = comma + 1;
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace stafett::store
