// OutboxSummary: one tenant's notification outbox as an administrator
// reads it on the web page: how many messages wait, failed or were
// delivered, how long the oldest waiting one has waited, and how long the
// messages delivered in the last 24 hours took. The figures /metrics gives
// for all tenants (notify/metrics.h), here for the caller's tenant only,
// so that one municipality learns nothing about another's traffic.
//
// Thread-safety: a free function on the thread-safe Database.
// Errors: database failures throw (soci::soci_error).
#ifndef STAFETT_STORE_WORK_OUTBOX_SUMMARY_H_
#define STAFETT_STORE_WORK_OUTBOX_SUMMARY_H_

#include <cstdint>
#include <optional>
#include <string>

#include "core/time.h"
#include "store/sql/database.h"

namespace stafett::store {

struct OutboxSummary {
  std::int64_t pending = 0;
  std::int64_t failed = 0;
  std::int64_t delivered = 0;
  // created_at of the oldest pending message; nullopt when none waits.
  std::optional<TimePoint> oldest_pending_created_at;
  // Messages delivered in (now - 24 h, now] and their summed and longest
  // delivered_at - created_at, in milliseconds.
  std::int64_t delivered_last_day = 0;
  std::int64_t delivery_ms_sum_last_day = 0;
  std::int64_t delivery_ms_max_last_day = 0;
};

// One statement over the outbox_by_tenant_status index.
OutboxSummary SummarizeOutbox(Database& db, const std::string& tenant,
                              TimePoint now);

}  // namespace stafett::store

#endif  // STAFETT_STORE_WORK_OUTBOX_SUMMARY_H_
