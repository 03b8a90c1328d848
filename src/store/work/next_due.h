// When a leased work queue (deadlines, outbox) next has something to claim,
// read from the queue's due-ordered index with a LIMIT: O(log n), never a
// scan of every pending row.
//
// A row is claimable at the later of its due time and its lease's end. The
// query reads only the first kPeek rows by due time; any row after them is
// due no earlier than the last one read, so the answer is never later than
// the true earliest time. At worst a worker wakes early and finds nothing.
//
// Thread-safety: NextDueOf leases a pooled session for one statement;
// EarliestClaimable is pure. Errors: database failures throw
// soci::soci_error; PoolTimeout as in store/sql/database.h.
#ifndef STAFETT_STORE_WORK_NEXT_DUE_H_
#define STAFETT_STORE_WORK_NEXT_DUE_H_

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "store/sql/database.h"

namespace stafett::store {

// Rows the due-ordered query reads at most.
inline constexpr int kNextDuePeek = 16;

// One row of the queue, as the due-ordered query returns it (epoch ms).
struct QueuedRow {
  long long due = 0;
  std::optional<long long> lease_until;
};

// The earliest claimable time of `rows` (ordered by due, at most `peek`),
// lowered to the last row's due time when the query may have stopped
// short; nullopt when `rows` is empty.
std::optional<long long> EarliestClaimable(const std::vector<QueuedRow>& rows,
                                           int peek);

// Runs `select_due_and_lease` (two columns, due time and lease_until, both
// epoch ms, ordered by the due time; no LIMIT: one is appended) and returns
// the earliest claimable time, or nullopt when the queue is empty.
std::optional<TimePoint> NextDueOf(Database& db,
                                   const std::string& select_due_and_lease);

}  // namespace stafett::store

#endif  // STAFETT_STORE_WORK_NEXT_DUE_H_
