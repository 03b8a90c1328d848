// OutboxStore: the notifier's queries on the outbox table, leased so that
// several `stafett serve` replicas on one PostgreSQL deliver each message
// once at a time, plus the counters behind /metrics.
//
// Life of a row (docs/notifications.md):
//   pending --Claim--> pending + lease (attempts + 1)
//           --Finish(kDelivered)--> delivered
//           --Finish(kRetry)-->     pending, next_attempt_at later, no lease
//           --Finish(kFailed)-->    failed          --Retry--> pending
// A worker that dies holding a lease simply stops; when lease_until passes,
// any worker's Claim takes the row again (and counts another attempt).
//
// Leases and compare-and-set: Claim writes lease_owner = the worker's id and
// lease_until = now + lease. Every later write of the worker (RenewLease,
// Finish) matches `lease_owner = owner`, so a worker whose lease expired and
// was taken over changes nothing (it gets false). Delivery is therefore at
// least once: a worker may have sent a message and then lost the row; the
// message id lets a receiver drop the duplicate.
//
// Claiming: PostgreSQL selects candidates with FOR UPDATE SKIP LOCKED inside
// the claiming UPDATE, so concurrent claimers get disjoint rows without
// waiting for each other; SQLite runs the same UPDATE under BEGIN IMMEDIATE
// (one writer at a time), which needs no row locks.
//
// Counters (table notify_counters): monotonic totals, bumped in the same
// transaction as the state change they count, so they are exact across
// replicas and restarts (the in-memory counters of one replica would not
// be). Names follow Prometheus conventions; `labels` is the label set as
// written inside {} (e.g. `channel="webhook"`), "" for none.
//
// Errors: database failures throw soci::soci_error; PoolTimeout as in
// store/sql/database.h. Domain outcomes (Retry of an unknown row) are Status.
//
// Thread-safety: all methods are safe from many threads; each uses its own
// pooled session. The Database must outlive the store.
#ifndef STAFETT_STORE_WORK_OUTBOX_STORE_H_
#define STAFETT_STORE_WORK_OUTBOX_STORE_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "store/sql/database.h"

namespace soci {
class session;
}  // namespace soci

namespace stafett::store {

// One outbox row with the notifier's columns (migration 0010).
struct OutboxMessage {
  std::string id;
  std::string tenant;
  std::string case_id;
  std::string service;
  std::string audience = "service";  // "service" or "leader"
  std::string event;
  std::string payload_json;
  TimePoint created_at;
  std::string status;    // "pending", "delivered", "failed"
  int attempts = 0;      // claims so far, crashed ones included
  int attempt_base = 0;  // attempts at the last administrator retry
  TimePoint next_attempt_at;
  std::string lease_owner;  // "" when not leased
  std::optional<TimePoint> lease_until;
  std::string last_error;
  std::optional<TimePoint> delivered_at;
  std::vector<std::string> channels_done;  // "webhook", "email"
  std::string delivered_by;
};

// A row to insert (the id is the receiver's deduplication key: NewId()).
struct NewOutboxMessage {
  std::string id;
  std::string tenant;
  std::string case_id;
  std::string service;
  std::string audience = "service";
  std::string event;
  std::string payload_json;
};

// One bump of a counter (see the header comment).
struct CounterDelta {
  std::string name;
  std::string labels;
  std::int64_t delta = 1;
};

// The result of one delivery attempt, as Finish records it.
struct AttemptOutcome {
  enum class Kind { kDelivered, kRetry, kFailed };
  Kind kind = Kind::kRetry;
  // Every channel that has accepted the message so far (kept on retry, so
  // the next attempt skips them).
  std::vector<std::string> channels_done;
  std::string error;                   // kRetry / kFailed: why, for operators
  TimePoint next_attempt_at;           // kRetry only
  std::vector<CounterDelta> counters;  // bumped in the same transaction
};

struct FailedPage {
  std::vector<OutboxMessage> items;  // newest first
  std::string next_cursor;           // "" on the last page
};

// Outbox depth and the counters, for /metrics.
struct NotifyStats {
  std::map<std::string, std::int64_t> outbox_by_status;  // all three keys
  std::optional<TimePoint> oldest_pending_created_at;
  std::int64_t deadlines_scheduled = 0;        // rows with a next firing
  std::optional<TimePoint> oldest_due_firing;  // min next_fire_at
  // name -> labels -> value
  std::map<std::string, std::map<std::string, std::int64_t>> counters;
};

class OutboxStore {
 public:
  explicit OutboxStore(Database& db);
  OutboxStore(const OutboxStore&) = delete;
  OutboxStore& operator=(const OutboxStore&) = delete;

  // Leases up to `limit` pending rows whose next_attempt_at <= now and whose
  // lease is free or expired (oldest due first), in one transaction: sets
  // lease_owner = owner, lease_until = now + lease, attempts + 1. Returns
  // the rows as leased.
  std::vector<OutboxMessage> Claim(const std::string& owner, TimePoint now,
                                   Millis lease, int limit);

  // Moves this worker's lease on `id` to `until`; false if the row is no
  // longer leased by `owner` (taken over, or finished).
  bool RenewLease(const std::string& id, const std::string& owner,
                  TimePoint until);

  // Gives a claimed row back untried (a worker shutting down): lease
  // cleared, the claim's attempt not counted. False if the row is no longer
  // leased by `owner`.
  bool Release(const std::string& id, const std::string& owner);

  // Records one attempt on a row leased by `owner` and releases the lease,
  // with the counters, in one transaction. False (nothing written) if the
  // row is no longer leased by `owner`.
  bool Finish(const std::string& id, const std::string& owner,
              const AttemptOutcome& outcome, TimePoint now);

  // The earliest time a pending row becomes claimable (its next_attempt_at,
  // or lease_until while leased), for the worker's sleep; nullopt if none.
  std::optional<TimePoint> NextDue();

  // One tenant's rows with `status`, newest first, `limit` clamped to
  // 1..200. kInvalidArgument (field "cursor") for a cursor not made here.
  Result<FailedPage> List(const std::string& tenant, const std::string& status,
                          int limit, const std::string& cursor);

  // One row of `tenant` (nullopt: none, or another tenant's).
  std::optional<OutboxMessage> Get(const std::string& tenant,
                                   const std::string& id);

  // An administrator's retry of a failed row: pending again, due now, a
  // fresh retry budget (attempt_base = attempts); the channels that already
  // took it are not repeated. kNotFound for no such row in the tenant,
  // kNotAllowed when the row is not failed. Returns the row after.
  Result<OutboxMessage> Retry(const std::string& tenant, const std::string& id,
                              TimePoint now);

  // Depth by status, scheduled deadlines and all counters. Three cheap
  // aggregate statements.
  NotifyStats Stats();

  // All rows of one case, oldest first (tests and operators).
  std::vector<OutboxMessage> ForCase(const std::string& case_id);

 private:
  Database& db_;
};

// --- Inside another store transaction (internal to src/store) ----------

// Inserts the rows, status pending, due at `now`, in one statement.
void InsertOutboxMessages(soci::session& sql,
                          const std::vector<NewOutboxMessage>& rows,
                          TimePoint now);

// Adds each delta to its counter (creating it at 0), one statement.
void BumpCounters(soci::session& sql, const std::vector<CounterDelta>& deltas);

}  // namespace stafett::store

#endif  // STAFETT_STORE_WORK_OUTBOX_STORE_H_
