#include "store/work/outbox_summary.h"

#include <soci/soci.h>

namespace stafett::store {

OutboxSummary SummarizeOutbox(Database& db, const std::string& tenant,
                              TimePoint now) {
  auto session = db.Acquire();
  soci::session& sql = *session;
  OutboxSummary s;
  const long long since = ToMillis(now) - 24LL * 3600 * 1000;
  const long long until = ToMillis(now);
  long long pending = 0, failed = 0, delivered = 0, day = 0, sum = 0, max = 0;
  long long oldest = 0;
  soci::indicator oldest_ind = soci::i_null, sum_ind = soci::i_null,
                  max_ind = soci::i_null;
  // Scalar sub-selects rather than one GROUP BY, so that each count uses
  // the (tenant, status, created_at) index and the answer is one row.
  sql << "select "
         "(select count(*) from outbox where tenant = :t1 and status = "
         "'pending'), "
         "(select count(*) from outbox where tenant = :t2 and status = "
         "'failed'), "
         "(select count(*) from outbox where tenant = :t3 and status = "
         "'delivered'), "
         "(select min(created_at) from outbox where tenant = :t4 and status = "
         "'pending'), "
         "(select count(*) from outbox where tenant = :t5 and status = "
         "'delivered' and delivered_at > :s1 and delivered_at <= :u1), "
         "(select cast(sum(delivered_at - created_at) as bigint) from outbox "
         "where tenant = "
         ":t6 and status = 'delivered' and delivered_at > :s2 and "
         "delivered_at <= :u2), "
         "(select max(delivered_at - created_at) from outbox where tenant = "
         ":t7 and status = 'delivered' and delivered_at > :s3 and "
         "delivered_at <= :u3)",
      soci::use(tenant, "t1"), soci::use(tenant, "t2"), soci::use(tenant, "t3"),
      soci::use(tenant, "t4"), soci::use(tenant, "t5"), soci::use(since, "s1"),
      soci::use(until, "u1"), soci::use(tenant, "t6"), soci::use(since, "s2"),
      soci::use(until, "u2"), soci::use(tenant, "t7"), soci::use(since, "s3"),
      soci::use(until, "u3"), soci::into(pending), soci::into(failed),
      soci::into(delivered), soci::into(oldest, oldest_ind), soci::into(day),
      soci::into(sum, sum_ind), soci::into(max, max_ind);
  s.pending = pending;
  s.failed = failed;
  s.delivered = delivered;
  if (oldest_ind == soci::i_ok)
    s.oldest_pending_created_at = FromMillis(oldest);
  s.delivered_last_day = day;
  if (sum_ind == soci::i_ok) s.delivery_ms_sum_last_day = sum;
  if (max_ind == soci::i_ok) s.delivery_ms_max_last_day = max;
  return s;
}

}  // namespace stafett::store
