// DeadlineStore: the notifier's queries on the deadlines table. A deadline
// row (one per case and kind) fires in stages (reminder, missed,
// escalation; docs/notifications.md); each firing is ONE transaction with
// everything it causes: the stage and next planned time on the row, a
// deadline_firings record with the planned and the actual time, the outbox
// rows, the journal entry (appended to the case's hash chain through the
// same code as every command, store/cases/case_row.h) and the counters.
//
// Row protocol. The store writes a deadline with stage 0 and next_fire_at =
// the time it was set (store/cases/records.h), so the notifier sees it at once.
// The notifier claims rows whose next_fire_at has come (lease: lease_owner,
// lease_until; FOR UPDATE SKIP LOCKED on PostgreSQL, BEGIN IMMEDIATE on
// SQLite), decides from the row, the case and the routine what fires now,
// and Process writes it. `stage` is the last stage that fired (0: none);
// next_fire_at is the planned time of the next stage, NULL when no stage is
// left. A row re-set by a command (new due time) starts again at stage 0.
//
// Compare-and-set: Process changes the row only if it is still leased by
// the caller, still has the due time and stage the caller claimed, so a
// worker whose lease ran out and was taken over, or whose deadline was
// moved meanwhile, writes nothing (kLostLease). The deadline_firings key
// (case, kind, due, stage) makes a double firing impossible even then.
//
// Locks: Process takes the case row (when it journals) before the deadline
// row, in the same order as CaseStore's commands, so the two never
// deadlock on PostgreSQL.
//
// Errors: database failures throw soci::soci_error; PoolTimeout as in
// store/sql/database.h.
//
// Thread-safety: all methods are safe from many threads; each uses its own
// pooled session. The Database must outlive the store. The decider runs on
// the calling thread inside the transaction: keep it pure and quick.
#ifndef STAFETT_STORE_WORK_DEADLINE_STORE_H_
#define STAFETT_STORE_WORK_DEADLINE_STORE_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "engine/case.h"
#include "store/cases/records.h"
#include "store/sql/database.h"
#include "store/work/outbox_store.h"

namespace stafett::store {

// One stage that fired (table deadline_firings).
struct DeadlineFiring {
  std::string case_id;
  std::string kind;
  TimePoint due_at;
  int stage = 0;
  std::string stage_name;  // "approaching", "missed", "escalated", ...
  std::string tenant;
  TimePoint planned_at;  // when it should have fired
  TimePoint fired_at;    // when it did
  std::string worker;
};

// What the notifier decided for one claimed row.
struct DeadlineStep {
  // The row's stage after this step and the planned time of the next
  // stage (nullopt: nothing left to fire).
  int stage = 0;
  std::optional<TimePoint> next_fire_at;
  // A stage firing now: stage and stage_name and planned_at; the store
  // fills in the rest (case, kind, due, tenant, fired_at = now, worker).
  std::optional<DeadlineFiring> firing;
  std::vector<NewOutboxMessage> notices;
  // Appended to the case's journal (with the hash chain; the case version
  // goes up by one, as with any change to the case).
  std::optional<engine::JournalEntry> journal;
  std::vector<CounterDelta> counters;
};

// Called inside the transaction with the claimed row and the case as it is
// now. May be called more than once (a concurrent command on the case
// makes Process retry), so it must be pure.
using DeadlineDecider = std::function<DeadlineStep(
    const DeadlineRow& row, const engine::Snapshot& current)>;

class DeadlineStore {
 public:
  explicit DeadlineStore(Database& db);
  DeadlineStore(const DeadlineStore&) = delete;
  DeadlineStore& operator=(const DeadlineStore&) = delete;

  // Leases up to `limit` rows whose next_fire_at <= now and whose lease is
  // free or expired, earliest first, in one transaction.
  std::vector<DeadlineRow> Claim(const std::string& owner, TimePoint now,
                                 Millis lease, int limit);

  enum class Outcome {
    kDone,       // written (and the lease released)
    kLostLease,  // the row changed or was taken over; nothing written
    kCaseGone,   // the case no longer exists; nothing written
  };
  // Runs `decide` on the claimed row and writes its step, in one
  // transaction (see the header comment). `row` is as Claim returned it.
  Outcome Process(const DeadlineRow& row, const std::string& owner,
                  TimePoint now, const DeadlineDecider& decide);

  // Gives a claimed row back unprocessed (a worker shutting down). False if
  // the row is no longer leased by `owner`.
  bool Release(const DeadlineRow& row, const std::string& owner);

  // The earliest time a row becomes claimable (next_fire_at, or the lease's
  // end while leased), for the worker's sleep; nullopt if none.
  std::optional<TimePoint> NextDue();

  // The firings of one case, in firing order (tests and operators).
  // (The rows themselves: CaseStore::Deadlines.)
  std::vector<DeadlineFiring> Firings(const std::string& case_id);

 private:
  Database& db_;
};

}  // namespace stafett::store

#endif  // STAFETT_STORE_WORK_DEADLINE_STORE_H_
