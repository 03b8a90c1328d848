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
// is refused because the checkpoint chain is broken); database failures
// throw soci::soci_error.
//
// Thread-safety: functions may run concurrently with case writes; each uses
// its own pooled session. Two checkpoints of one tenant at once: one fails
// on the primary key (throws), nothing half-written.
#ifndef STAFETT_STORE_AUDIT_AUDIT_H_
#define STAFETT_STORE_AUDIT_AUDIT_H_

#include <cstdint>
#include <optional>
#include <set>
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
  // Every case with a problem, and whether the checkpoint chain has one:
  // complete however many problems there are (problems stops at
  // kMaxProblems), so that a checkpoint can leave out every broken case.
  std::set<std::string> broken_cases;
  bool checkpoint_broken = false;
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
  // Cases left out because verify found them broken, sorted.
  std::vector<std::string> skipped;
};

// Verifies the tenant, then records in the next checkpoint the head of
// every case whose chain verified (only the heads that changed since the
// previous one are stored). A case verify found broken is left out
// (`skipped`): it keeps the head an earlier checkpoint recorded, or none.
// So a checkpoint never vouches for a broken chain, and one broken case
// does not hold back the purge of the others, which needs their heads
// recorded (store/lifecycle/purge.h). kNotAllowed (with the first problem)
// when the checkpoint chain itself is broken.
Result<CheckpointResult> WriteCheckpoint(Database& db,
                                         const std::string& tenant,
                                         TimePoint now);

}  // namespace stafett::store

#endif  // STAFETT_STORE_AUDIT_AUDIT_H_
