// What the purge would delete, and what it deleted: read-only views of the
// data lifecycle for `stafett audit purge --dry-run`, GET /api/v1/retention
// and /metrics (docs/privacy.md). store/lifecycle/purge.h does the
// deleting; this file never writes.
//
// Errors: database failures throw soci::soci_error.
// Thread-safety: every function runs on its own pooled session.
#ifndef STAFETT_STORE_LIFECYCLE_PURGE_VIEW_H_
#define STAFETT_STORE_LIFECYCLE_PURGE_VIEW_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/time.h"
#include "routine/model.h"
#include "store/sql/database.h"

namespace stafett::store {

// What is due at `now`: closed cases whose remove_after has passed, and
// log rows older than `policy`. case_ids holds at most `list_limit` ids,
// oldest due first (0: none, and no query for them).
struct DueSummary {
  std::int64_t cases = 0;
  std::vector<std::string> case_ids;
  std::int64_t access_log = 0;
  std::int64_t notifications = 0;
  std::int64_t idempotency = 0;
};
DueSummary DueForPurge(Database& db, const std::string& tenant,
                       const routine::Retention& policy, TimePoint now,
                       int list_limit);

// Only DueSummary::cases: one count (the retention page's "due within 30
// days").
std::int64_t CasesDueForPurge(Database& db, const std::string& tenant,
                              TimePoint now);

// One purge_log row.
struct PurgeLogEntry {
  TimePoint at;
  std::string worker;
  std::string what;  // cases, access_log, notifications, idempotency, policy
  std::int64_t count = 0;
  std::vector<std::string> case_ids;  // for "cases"
  std::string detail;
};
// The tenant's purge log, at most `limit` rows: the oldest first, or with
// `newest_first` the latest `limit` rows, newest first.
std::vector<PurgeLogEntry> PurgeLog(Database& db, const std::string& tenant,
                                    int limit, bool newest_first = false);

}  // namespace stafett::store

#endif  // STAFETT_STORE_LIFECYCLE_PURGE_VIEW_H_
