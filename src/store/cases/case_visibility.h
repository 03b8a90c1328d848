// The case_visibility rows: one per (case, service) that engine::WhoSees
// lists (engine/visibility.h), carrying what the worklist filters and
// orders by, so that a service's worklist is one index range in page order
// however few of the tenant's cases it sees (docs/store.md).
//
// How they stay right: every write of a case row sets cases.sight to
// SightJson(snapshot) (store/cases/case_row.cc), and a trigger on cases (schema
// 0150, both dialects) rewrites the case's rows from it, inside the same
// statement, whenever sight, status, worklist_due, step, level or
// responsible_service changed. So the rows change in the transaction of
// every command, cost no statement of their own, and the engine's rule is
// the only one (the trigger copies, it does not decide). A row whose sight
// hangs on consent carries the consent's last day (seen_through), so a
// read at `now` is exact before the deadline worker journals the expiry.
//
// Internal to the store (SOCI types). Errors: soci::soci_error.
// Thread-safety: functions on the caller's session.
#ifndef STAFETT_STORE_CASES_CASE_VISIBILITY_H_
#define STAFETT_STORE_CASES_CASE_VISIBILITY_H_

#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/time.h"
#include "engine/case.h"

namespace stafett::store {

// engine::WhoSees(snap) as cases.sight stores it:
// [["service","seen_through",work],...], sorted by service.
std::string SightJson(const engine::Snapshot& snap);

// Recomputes cases.sight from the stored case row (the trigger then
// rewrites its rows), for the paths that change a case row outside a
// Decision (purge skeletons). Two statements; nothing when the case does
// not exist.
void RefreshVisibility(soci::session& sql, const std::string& tenant,
                       const std::string& case_id);

// The services the stored rows let see the case at `now`, sorted (for
// tests and operators).
std::vector<std::string> StoredViewers(soci::session& sql,
                                       const std::string& tenant,
                                       const std::string& case_id,
                                       TimePoint now);

}  // namespace stafett::store

#endif  // STAFETT_STORE_CASES_CASE_VISIBILITY_H_
