// Retention: when a closed case becomes due for purge, and keeping that
// date right when a case closes, changes after closing, or the tenant's
// policy changes (issue 14; docs/privacy.md).
//
// The policy is routine::Retention, declared in the routine file. A case
// follows the policy of its routine's CURRENT version (a municipality that
// shortens or lengthens a period wants it to apply to cases already
// closed); tenant-wide tables (access log, notifications, idempotency
// keys) follow the longest period among the tenant's routines.
//
//   remove_after = AddIsoDuration(closed_at, period)
//   closed_at    = step_entered_at of the closed step (the engine never
//                  leaves a closed step, so it is the moment of closing)
//   period       = closed_case_reported when the case was ever reported to
//                  child welfare (child_welfare_reported_at is set), else
//                  closed_case
//
// Errors: database failures throw soci::soci_error.
// Thread-safety: functions are safe to call concurrently; each write runs
// in its own transaction on a session the caller passes or a pooled one.
#ifndef STAFETT_STORE_LIFECYCLE_RETENTION_H_
#define STAFETT_STORE_LIFECYCLE_RETENTION_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "engine/case.h"
#include "routine/model.h"
#include "store/sql/database.h"

namespace soci {
class session;
}

namespace stafett::store {

// The policy of (tenant, routine_id). Must be cheap and thread-safe;
// returns the defaults (routine::Retention{}) when it knows no better.
using RetentionLookup = std::function<routine::Retention(
    const std::string& tenant, const std::string& routine_id)>;

// When a case closed at `closed_at` may be purged.
TimePoint RemoveAfter(const routine::Retention& policy, TimePoint closed_at,
                      bool reported_to_child_welfare);

// remove_after for this snapshot: the date for a closed case, nullopt for
// an open one.
std::optional<TimePoint> RemoveAfterFor(const routine::Retention& policy,
                                        const engine::Snapshot& s);

// The instant before which an entry written `period` ago is due:
// AddIsoDuration(now, -period). An entry at `at` is due when at < cutoff.
TimePoint Cutoff(TimePoint now, const IsoDuration& period);

// The longest of each period among several policies (for tenant-wide
// tables), and the archive target of the first that names one.
routine::Retention Longest(const routine::Retention& a,
                           const routine::Retention& b);

// The policy of a case of `routine_id` among the tenant's current
// routines: that routine's, else (and for routine_id "") the tenant-wide
// one, the longest of each period; the defaults when there is none.
routine::Retention PolicyFor(
    const std::vector<std::shared_ptr<const routine::Routine>>& routines,
    const std::string& routine_id);

// Inside the caller's open transaction, after a command has written the
// case row: sets remove_after from the policy when the case is closed and
// clears it when it is open. One statement.
void WriteRemoveAfter(soci::session& sql, const engine::Snapshot& s,
                      const routine::Retention& policy);

struct PolicySync {
  bool changed = false;    // the stored policy differed (or was absent)
  std::int64_t moved = 0;  // closed cases whose remove_after changed
  std::string previous;    // the policy applied before ("" the first time)
};

// Makes `policy` the applied policy of (tenant, routine_id). When it
// differs from the one recorded in retention_policies (or none is), it
// recomputes remove_after of every closed, unpurged case of the routine in
// the same transaction, records the new policy and writes a purge_log row
// (what = "policy", row_count = moved). A concurrent sync of the same
// change on another replica waits for this one and then finds nothing to
// do. The first sync of a routine backfills cases closed before retention
// existed.
PolicySync SyncRetentionPolicy(Database& db, const std::string& tenant,
                               const std::string& routine_id,
                               const routine::Retention& policy, TimePoint now,
                               const std::string& worker);

// Reads routine::Retention::ToString() back; nullopt for anything else.
std::optional<routine::Retention> ParseRetentionText(const std::string& text);

// The policy text last applied to (tenant, routine_id), if any.
std::optional<std::string> AppliedPolicy(Database& db,
                                         const std::string& tenant,
                                         const std::string& routine_id);

}  // namespace stafett::store

#endif  // STAFETT_STORE_LIFECYCLE_RETENTION_H_
