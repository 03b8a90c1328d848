// CaseStore: persists cases and everything a Decision carries, one
// transaction per command, and answers the reads the HTTP layer needs.
//
// The store never interprets a routine. Writes take a `decide` callback
// (which calls engine::OpenCase or engine::Apply) and run it INSIDE the
// transaction, on the freshly loaded snapshot, then store its Decision:
//   - the case row, with a version-checked UPDATE (optimistic lock: another
//     request that committed first makes this one kStaleVersion);
//   - the journal entries, appended with the per-case hash chain
//     (store/cases/journal_hash.h);
//   - the step visit left (closed) and the one entered (opened);
//   - deadline rows (Effect kSetDeadline upserts, kClearDeadline deletes);
//   - outbox rows for kNotify effects (payload: reference, step, deadline,
//     event; nothing about the child);
//   - the idempotent answer, when a key was given.
// See docs/store.md for the statement budget per command.
//
// What the store sets itself, whatever the Decision says: case_id, tenant,
// reference (from the row or the allocation) and version (old + 1).
//
// Errors:
//   - Domain outcomes are Status values: kNotFound (no such case in this
//     tenant; another tenant's case is indistinguishable from none),
//     kStaleVersion (expected_version differs, or another request won the
//     race), kInvalidArgument (idempotency key reused for another request;
//     bad worklist cursor), and whatever `decide` returns (passed through
//     as-is, with nothing stored).
//   - Infrastructure failures throw: soci::soci_error (a std::runtime_error)
//     for the database, store::PoolTimeout when no session is free. A
//     Decision that breaks an invariant (journal entry without kind, unknown
//     deadline kind) is a bug: kInternal, nothing stored.
//
// Thread-safety: all methods are safe to call from many threads at once;
// each runs on its own pooled session. The Database and Clock given to the
// constructor must outlive the store. Callbacks run on the calling thread
// while a transaction is open: keep them pure and quick (no I/O).
#ifndef STAFETT_STORE_CASES_CASE_STORE_H_
#define STAFETT_STORE_CASES_CASE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "engine/case.h"
#include "routine/model.h"
#include "store/cases/records.h"
#include "store/lifecycle/retention.h"
#include "store/sql/database.h"

namespace stafett::store {

// Called inside the create transaction with the allocated id and reference;
// returns engine::OpenCase(...) for a NewCase carrying them.
using CreateDecider = std::function<Result<engine::Decision>(
    const std::string& case_id, const std::string& reference)>;
// Called inside the command transaction with the current snapshot. May be
// called more than once (see ExecuteCommand), so it must be pure.
using CommandDecider =
    std::function<Result<engine::Decision>(const engine::Snapshot& current)>;
// Called inside the transaction, after the change is written, with the new
// snapshot; returns the HTTP answer to store with the idempotency key.
using Responder = std::function<StoredResponse(const engine::Snapshot& after)>;

// Where a deadline starts on the notifier's schedule when a command sets
// it: the stage already behind it and when the next stage fires (nullopt:
// none). See SetDeadlinePlanner.
struct PlannedDeadline {
  int stage = 0;
  std::optional<TimePoint> next_fire_at;
};
using DeadlinePlanner = std::function<PlannedDeadline(
    const engine::Snapshot& after, const std::string& kind, TimePoint due,
    TimePoint now)>;

struct WriteOptions {
  // Idempotency-Key as sent by the client; "" for none. Scoped to the
  // tenant. The first request with a key stores its answer in the same
  // transaction as its change; later requests with the same key change
  // nothing and get that answer back (CommandOutcome::replayed). Two
  // concurrent requests with one key never both apply: the second waits
  // for the first and then replays its answer.
  std::string idempotency_key;
  // Identifies the request (e.g. Sha256Hex of method, path and body). A key
  // reused with a different fingerprint is kInvalidArgument (422).
  std::string request_fingerprint;
  // Optional. Builds the answer from the new snapshot; its result is
  // returned in CommandOutcome::response and, with a key, stored.
  Responder respond;
};

struct CommandOutcome {
  // The case after the change. Empty (case_id "") on a replay: the stored
  // answer is the whole result then.
  engine::Snapshot snapshot;
  bool replayed = false;
  // What `respond` returned, or the stored answer on a replay; empty when
  // there was no `respond`.
  StoredResponse response;
};

// Filters of the worklist; empty optionals do not filter. Results are
// ordered by current deadline (cases without one last), then case id.
struct WorklistFilter {
  std::optional<std::string> responsible_service;
  std::optional<std::string> step;
  std::optional<int> level;
  // One case by its reference (unique within the tenant).
  std::optional<std::string> reference;
  // Defaults to open cases; nullopt means any status.
  std::optional<engine::CaseStatus> status = engine::CaseStatus::kOpen;
  bool overdue_only = false;  // due_at < now
  TimePoint now;              // for overdue_only and seen_by
  // Only the cases this service may see at `now` (engine::CanSee), read
  // through the case_visibility rows in index order, so every page is full
  // while more cases follow (store/cases/case_visibility.h).
  std::optional<std::string> seen_by;
  // With seen_by: only the cases the service has work on
  // (engine::HasWorkOn), a worker's own worklist (engine/roles.h).
  bool work_only = false;
  int limit = 50;      // clamped to 1..500
  std::string cursor;  // "" for the first page, else next_cursor
};

struct WorklistPage {
  std::vector<engine::Snapshot> cases;
  std::string next_cursor;  // opaque; "" when this is the last page
};

class CaseStore {
 public:
  CaseStore(Database& db, const Clock& clock);
  CaseStore(const CaseStore&) = delete;
  CaseStore& operator=(const CaseStore&) = delete;

  Database& database() const { return db_; }

  // Retention (store/lifecycle/retention.h): a command that leaves a case
  // closed sets its remove_after from the policy of (tenant, routine_id), one
  // that leaves it open clears it; an idempotency key older than the policy of
  // (tenant, "") is a new request. Without a lookup the defaults apply.
  // Set before the store is used from several threads.
  void SetRetention(RetentionLookup lookup) { retention_ = std::move(lookup); }

  // The notifier's stage plan for deadlines a command sets (notify sets it;
  // the store knows no routine settings). Without one, a deadline is written
  // at stage 0 with next_fire_at = now and the notifier plans it in a pass
  // of its own (a second transaction per command). Safe to set and clear
  // while other threads write (an atomically swapped pointer).
  void SetDeadlinePlanner(DeadlinePlanner planner);

  // --- Routine versions ---------------------------------------------------

  // Records a routine version (keyed by its hash) if not yet stored, so a
  // case pinned to it can be rebuilt after the file changes. Call it for
  // every routine before serving it: cases reference routine_versions.
  void SaveRoutineVersion(const routine::Routine& routine);
  // The source text of the routine version with this hash, if stored.
  std::optional<std::string> RoutineSource(const std::string& hash);

  // --- Writes -------------------------------------------------------------

  // Opens a case in ONE transaction: allocates a new id (core/ids.h) and the
  // next reference PREFIX-YYYY-NNNN for (tenant, year) (sequential per
  // tenant and year, from 0001; four digits or more), calls `decide`,
  // stores the Decision. `year` is the Oslo year of the creation time.
  // The stored snapshot gets version 1 and the id, tenant and reference
  // allocated here, whatever `decide` put there. A failing `decide` takes
  // no number. On PostgreSQL without an idempotency key the number is taken
  // in its own statement before the transaction (`decide` is then called
  // twice, first on a placeholder reference), so a creation that fails
  // after that leaves a gap; otherwise the allocation rolls back with the
  // transaction (docs/performance.md, "References").
  Result<CommandOutcome> CreateCase(const std::string& tenant,
                                    const std::string& reference_prefix,
                                    int year, const CreateDecider& decide,
                                    const WriteOptions& options = {});

  // Applies one command in ONE transaction: loads the case (kNotFound if
  // absent or another tenant's), checks expected_version (kStaleVersion),
  // calls `decide`, stores the Decision. When expected_version is nullopt
  // and another request commits between the load and the update
  // (PostgreSQL), the command is retried on the new snapshot up to 3 times
  // before kStaleVersion; with an expected version it is never retried.
  Result<CommandOutcome> ExecuteCommand(
      const std::string& tenant, const std::string& case_id,
      std::optional<std::int64_t> expected_version,
      const CommandDecider& decide, const WriteOptions& options = {});

  // Appends one access log record (id generated). One statement.
  void RecordAccess(const AccessRecord& record);

  // --- Reads (each one statement, no transaction) ---------------------------

  std::optional<engine::Snapshot> GetCase(const std::string& tenant,
                                          const std::string& case_id);
  std::optional<engine::Snapshot> GetCaseByReference(
      const std::string& tenant, const std::string& reference);

  // The case's journal in seq order; empty when there is no such case in
  // the tenant (every case has at least its case_opened entry).
  std::vector<StoredJournalEntry> Journal(const std::string& tenant,
                                          const std::string& case_id);
  // The case's step visits in seq order (empty as above).
  std::vector<StepVisitRow> StepVisits(const std::string& tenant,
                                       const std::string& case_id);
  // The case's current deadlines and outbox messages (for tests and
  // operators; the notifier leases them with its own queries).
  std::vector<DeadlineRow> Deadlines(const std::string& tenant,
                                     const std::string& case_id);
  std::vector<OutboxRow> Outbox(const std::string& tenant,
                                const std::string& case_id);
  std::vector<AccessRecord> AccessLog(const std::string& tenant,
                                      const std::string& case_id);

  // One page of the tenant's worklist: ONE indexed query (keyset paging on
  // (deadline, id), so pages stay cheap however deep). kInvalidArgument
  // (field "cursor") for a cursor this store did not produce.
  Result<WorklistPage> Worklist(const std::string& tenant,
                                const WorklistFilter& filter);

 private:
  routine::Retention RetentionOf(const std::string& tenant,
                                 const std::string& routine_id) const;

  Database& db_;
  const Clock& clock_;
  RetentionLookup retention_;
  std::shared_ptr<const DeadlinePlanner> planner_;  // std::atomic_load/store
};

}  // namespace stafett::store

#endif  // STAFETT_STORE_CASES_CASE_STORE_H_
