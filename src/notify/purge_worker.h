// PurgeWorker: the retention purge running by itself inside `stafett
// serve`, beside the deadline and delivery workers (issue 14;
// docs/audit.md "Purge", docs/privacy.md).
//
// One pass (RunOnce):
//   1. for every tenant with a served routine (routine_versions) and each
//      of its current routines, store::SyncRetentionPolicy: a changed
//      `retention` block recomputes remove_after of the routine's closed
//      cases and is logged with how many moved (skipped cheaply while the
//      policy text is the one this worker last applied);
//   2. for every tenant with due cases, one batch of store::PurgeDueCases;
//      if some due cases are not yet anchored by a checkpoint, it writes
//      one (store::WriteCheckpoint, which verifies the tenant first and
//      leaves broken cases out, logged as checkpoint_skipped_broken; it
//      refuses on a broken checkpoint chain) at most once per
//      checkpoint_interval per tenant, and the next pass purges them; for a
//      tenant whose routine names retention.archive, a case without an archive
//      receipt is not purged, and the first time it is found due an outbox row
//      asks the delivery worker to archive it (notify/archive.h);
//   3. for every tenant with a routine, one batch of
//      store::PurgeExpiredLogs under the tenant-wide policy.
// Several replicas may run passes at once: case batches are claimed with
// SKIP LOCKED and purged in the claiming transaction, log rows are deleted
// by id with SKIP LOCKED, a policy change is applied under the policy row's
// lock. A checkpoint written at the same moment by another replica makes
// ours fail on the checkpoint key: logged, and the next pass goes on.
//
// Errors: RunOnce lets database exceptions out (the Notifier's loop logs
// them and pauses).
// Thread-safety: one thread per worker; everything given to the
// constructor must outlive it.
#ifndef STAFETT_NOTIFY_PURGE_WORKER_H_
#define STAFETT_NOTIFY_PURGE_WORKER_H_

#include <cstdint>
#include <map>
#include <string>

#include "core/time.h"
#include "notify/directory.h"
#include "notify/workers.h"
#include "store/sql/database.h"

namespace stafett::notify {

struct PurgeWorkerOptions {
  int batch = 100;  // cases per transaction, and log rows per table
  // Least time between two automatic checkpoints of one tenant.
  Millis checkpoint_interval{10 * 60 * 1000};
};

struct PurgePass {
  std::int64_t cases = 0;             // purged
  std::int64_t case_rows = 0;         // their journal, visits, ... rows
  std::int64_t log_rows = 0;          // access log, notifications, keys
  std::int64_t moved = 0;             // remove_after changed by a policy change
  std::int64_t unanchored = 0;        // due but waiting for a checkpoint
  std::int64_t awaiting_archive = 0;  // due but not yet archived
  int checkpoints = 0;                // written by this pass
  // Whether a batch came back full: more is probably due right now.
  bool full = false;
};

class PurgeWorker {
 public:
  PurgeWorker(store::Database& db, const Directory& directory,
              const Clock& clock, std::string worker_id,
              PurgeWorkerOptions options, LogSink log);

  PurgePass RunOnce();

 private:
  void SyncPolicies(const std::vector<std::string>& tenants, TimePoint now,
                    PurgePass& pass);

  store::Database& db_;
  const Directory& directory_;
  const Clock& clock_;
  std::string worker_id_;
  PurgeWorkerOptions options_;
  LogSink log_;
  // (tenant, routine) -> policy text this worker last saw applied.
  std::map<std::pair<std::string, std::string>, std::string> applied_;
  std::map<std::string, TimePoint> last_checkpoint_;
};

}  // namespace stafett::notify

#endif  // STAFETT_NOTIFY_PURGE_WORKER_H_
