// The retention purge in /metrics (Prometheus text 0.0.4), appended to
// notify/metrics.h's families:
//   stafett_retention_due_rows{what}            gauge    rows past their
//       period and not yet purged, summed over tenants: what = cases,
//       access_log, notifications, idempotency
//   stafett_retention_purged_rows_total{what}   counter  rows the purge
//       deleted: cases, case_history (their journal, visits, deadlines,
//       messages), access_log, notifications, idempotency
// From the database (store/lifecycle/purge_view.h DueForPurge;
// notify_counters), so every replica reports the same.
//
// Thread-safety: RetentionStats reads with its own pooled session; the
// renderer is pure.
#ifndef STAFETT_NOTIFY_RETENTION_METRICS_H_
#define STAFETT_NOTIFY_RETENTION_METRICS_H_

#include <cstdint>
#include <map>
#include <string>

#include "core/time.h"
#include "notify/directory.h"
#include "store/sql/database.h"
#include "store/work/outbox_store.h"

namespace stafett::notify {

struct RetentionDue {
  std::map<std::string, std::int64_t> due;  // what -> rows
};

// Due rows of every tenant with a served routine, under its current
// routines' policies (directory).
RetentionDue RetentionStats(store::Database& db, const Directory& directory,
                            TimePoint now);

// The two families; `stats` supplies the purge counters.
std::string RenderRetentionMetrics(const RetentionDue& due,
                                   const store::NotifyStats& stats);

}  // namespace stafett::notify

#endif  // STAFETT_NOTIFY_RETENTION_METRICS_H_
