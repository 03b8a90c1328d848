// The tamper-evident journal's operations: verify every chain, write a
// tenant checkpoint, and purge cases under the retention policy leaving a
// tombstone. `stafett audit verify|checkpoint|purge` calls these; the
// hashes are specified in store/cases/journal_hash.h (per case) and
// store/audit/audit_hash.h (checkpoints, tombstones). docs/audit.md explains
// the design.
//
// What verify catches, for each tenant:
//   - an edited, inserted or deleted journal row (its own hash, or the next
//     entry's prev_hash, or the seq sequence no longer fits);
//   - a removed tail (the case row's journal_seq/journal_head no longer
//     name the last entry);
//   - a case deleted or swapped after a checkpoint (the latest checkpoint's
//     recorded head is missing or differs), even if the chain itself was
//     recomputed to be consistent;
//   - an edited, removed or reordered checkpoint (the checkpoint chain);
//   - a tombstone that no checkpoint anchors (a journal replaced by a fake
//     purge).
// Entries written after the latest checkpoint are protected by their case's
// chain only: write checkpoints often and keep their hashes outside the
// database (docs/audit.md).
//
// Errors: domain outcomes are Status values (kNotAllowed when a checkpoint
// or purge is refused because verify found problems); database failures
// throw soci::soci_error.
//
// Thread-safety: functions may run concurrently with case writes; each uses
// its own pooled session. Two checkpoints of one tenant at once: one fails
// on the primary key (throws), nothing half-written.
#ifndef STAFETT_STORE_AUDIT_AUDIT_H_
#define STAFETT_STORE_AUDIT_AUDIT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "store/sql/database.h"

namespace stafett::store {

struct AuditProblem {
  std::string tenant;
  std::string case_id;      // "" for a checkpoint problem
  std::int64_t seq = 0;     // journal seq, or checkpoint seq
  bool checkpoint = false;  // seq is a checkpoint's
  std::string message;      // Norwegian bokmål, for `stafett audit verify`
};

struct VerifyReport {
  std::int64_t tenants = 0;
  std::int64_t cases = 0;
  std::int64_t entries = 0;
  std::int64_t checkpoints = 0;
  // In the order found: per tenant (sorted), its checkpoints first, then
  // its cases by id, each case's entries by seq. At most kMaxProblems.
  std::vector<AuditProblem> problems;
  bool ok() const { return problems.empty(); }
};
inline constexpr std::size_t kMaxProblems = 100;

// Verifies `tenant`, or every tenant with cases or checkpoints when "".
VerifyReport VerifyJournal(Database& db, const std::string& tenant);

// Every tenant with cases or checkpoints, sorted.
std::vector<std::string> AuditTenants(Database& db);

struct CheckpointResult {
  std::int64_t seq = 0;
  std::string hash;
  std::int64_t case_count = 0;
  std::int64_t changed = 0;  // heads recorded by this checkpoint
};

// Verifies the tenant, then records every case's head in the next
// checkpoint (only the heads that changed since the previous one are
// stored). kNotAllowed (with the first problem) when verify fails: a
// checkpoint must never vouch for a broken chain.
Result<CheckpointResult> WriteCheckpoint(Database& db,
                                         const std::string& tenant,
                                         TimePoint now);

struct PurgeOptions {
  TimePoint now;
  // Also purge closed cases not changed for this long, whatever their
  // remove_after. nullopt: only cases whose remove_after has passed.
  std::optional<Millis> closed_for;
  int limit = 1000;  // cases per run
};

struct PurgeReport {
  std::vector<std::string> purged;  // case ids
  // Eligible but left alone this run, with the reason (changed since the
  // checkpoint, or written concurrently).
  std::vector<std::pair<std::string, std::string>> skipped;
  std::optional<CheckpointResult> checkpoint;  // written after the purge
};

// Purges closed cases of `tenant` that are due: deletes their journal,
// step visits, deadlines, outbox messages and stored answers, appends the
// tombstone, and blanks the case row to a skeleton (reference
// "SLETTET-<id>", no age band, categories, consent or baton). Access log
// rows stay: they say who read what, not what it said. A checkpoint before
// anchors the heads being purged, one after anchors the tombstones; a case
// whose head moved in between is skipped (purged next run). kNotAllowed
// when verify fails.
Result<PurgeReport> PurgeExpired(Database& db, const std::string& tenant,
                                 const PurgeOptions& options);

}  // namespace stafett::store

#endif  // STAFETT_STORE_AUDIT_AUDIT_H_
