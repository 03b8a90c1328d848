// Purge: deleting what the retention policy says is due, in small batches
// that several replicas may run at once (issue 14; docs/audit.md "Purge",
// docs/privacy.md). notify::PurgeWorker calls these in a loop;
// `stafett audit purge` calls them once. What is due and what went, without
// deleting anything, is store/lifecycle/purge_view.h.
//
// Cases. PurgeDueCases claims up to `batch` closed cases of one tenant
// whose remove_after has passed, in ONE transaction that holds their rows
// (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL, so a second replica
// takes the next cases instead of waiting; BEGIN IMMEDIATE on SQLite). A
// crashed worker's transaction rolls back: nothing is half purged and the
// cases are due again at once (the lock is the lease; all the work is in
// the database, so no lease outlives a transaction). For each case:
//   - its chain is re-hashed; a broken chain is never purged (it is the
//     evidence verify reports) and the case is held back a day;
//   - its current head must be the one the latest checkpoint recorded for
//     it, else it is left "unanchored" (the caller writes a checkpoint,
//     store/audit/audit.h, and the next batch takes it): a tombstone is only
//     valid on top of a recorded head. A checkpoint leaves broken cases
//     out, so one of them does not hold back the others;
//   - with archive_first (the tenant must archive,
//     store/lifecycle/archive.h), a case without an archive receipt is
//     left "awaiting archive"; the first time, an outbox row asking for
//     the delivery is written in this transaction, and again if the
//     request's failed row has since reached the outbox's own retention
//     (PurgeExpiredLogs removed it), so that no case waits forever;
//   - journal, step visits, deadlines, deadline firings, outbox messages
//     and stored answers are deleted, the tombstone appended and the row
//     blanked to the skeleton store/audit/audit.h describes (remove_after
//     null).
// The transaction also writes one purge_log row (count and case ids, never
// content) and bumps stafett_retention_purged_rows_total{what}.
//
// Logs. PurgeExpiredLogs deletes at most `batch` rows each of the tenant's
// access log entries, delivered and failed notifications and idempotency
// keys older than the policy, and report releases past their remove_after
// (store/audit/report_release.h: 10 years), one statement per table (SKIP
// LOCKED on PostgreSQL), and logs the counts.
//
// Errors: database failures throw soci::soci_error; nothing is committed.
// Thread-safety: every function runs on its own pooled session.
#ifndef STAFETT_STORE_LIFECYCLE_PURGE_H_
#define STAFETT_STORE_LIFECYCLE_PURGE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/time.h"
#include "routine/model.h"
#include "store/sql/database.h"

namespace stafett::store {

struct CasePurgeResult {
  std::vector<std::string> purged;      // case ids, in the order claimed
  std::vector<std::string> unanchored;  // need a checkpoint first
  // Held back (broken chain), with the reason in bokmål.
  std::vector<std::pair<std::string, std::string>> held;
  std::vector<std::string> awaiting_archive;  // no receipt yet
  std::int64_t rows = 0;  // rows deleted in all tables, tombstones excluded
  std::int64_t claimed() const {
    return static_cast<std::int64_t>(purged.size() + unanchored.size() +
                                     held.size() + awaiting_archive.size());
  }
};

// Tenants that ever had a routine served (routine_versions), sorted.
std::vector<std::string> TenantsWithRoutines(Database& db);

// Tenants with at least one closed case due at `now`, sorted.
std::vector<std::string> TenantsWithDueCases(Database& db, TimePoint now);

CasePurgeResult PurgeDueCases(Database& db, const std::string& tenant,
                              TimePoint now, int batch,
                              const std::string& worker,
                              bool archive_first = false);

struct LogPurgeResult {
  std::int64_t access_log = 0;
  std::int64_t notifications = 0;
  std::int64_t idempotency = 0;
  std::int64_t report_releases = 0;
  std::int64_t total() const {
    return access_log + notifications + idempotency + report_releases;
  }
};

// `policy` is the tenant-wide policy (store/lifecycle/retention.h Longest).
LogPurgeResult PurgeExpiredLogs(Database& db, const std::string& tenant,
                                const routine::Retention& policy, TimePoint now,
                                int batch, const std::string& worker);

// Counter names (notify_counters; labels what="cases" etc.).
inline constexpr char kPurgedRowsCounter[] =
    "stafett_retention_purged_rows_total";

}  // namespace stafett::store

#endif  // STAFETT_STORE_LIFECYCLE_PURGE_H_
