// Archive before purge (arkivlova): the store's side. A tenant whose
// routine names an archive target (routine::ArchiveTarget) must have each
// closed case delivered there, with a receipt, before the purge may delete
// it. The purge (store/lifecycle/purge.h) asks for the delivery by writing an
// outbox row (event kArchiveEvent, service kArchiveService) in its own
// transaction, so the delivery is retried, fails, and is retried by an
// admin exactly like a notification (docs/notifications.md), and shows in
// the admin's notification list. notify/archive.h delivers it and records
// the receipt here.
//
// Errors: database failures throw soci::soci_error.
// Thread-safety: each function uses its own pooled session.
#ifndef STAFETT_STORE_LIFECYCLE_ARCHIVE_H_
#define STAFETT_STORE_LIFECYCLE_ARCHIVE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "store/sql/database.h"

namespace stafett::store {

inline constexpr char kArchiveEvent[] = "case_archive";
inline constexpr char kArchiveService[] = "arkiv";

struct ArchiveRecord {
  TimePoint requested_at;
  std::string outbox_id;
  std::optional<TimePoint> archived_at;
  std::string receipt;
};

std::optional<ArchiveRecord> ArchiveOf(Database& db,
                                       const std::string& case_id);

// Records the receipt; the first one stays (a redelivery after a lost
// lease does not overwrite it).
void RecordArchived(Database& db, const std::string& case_id,
                    const std::string& receipt, TimePoint now);

// The tenant's archive at a glance, for the administrator
// (GET /api/v1/retention): requests waiting for a receipt (pending, or
// failed after the retry budget) and receipts held. `failures` lists at
// most `limit` unarchived requests whose last delivery failed, oldest
// request first, by case reference (never content). A purged case keeps
// its receipt but no reference: receipts are only counted.
struct ArchiveFailure {
  std::string reference;
  int attempts = 0;
  std::string status;  // outbox status: "pending" (will retry) or "failed"
  std::string last_error;
  std::optional<TimePoint> next_attempt_at;  // when pending
};
struct ArchiveStatus {
  std::int64_t pending = 0;
  std::int64_t failed = 0;
  std::int64_t archived = 0;
  std::vector<ArchiveFailure> failures;
};
ArchiveStatus ArchiveStatusOf(Database& db, const std::string& tenant,
                              int limit);

}  // namespace stafett::store

#endif  // STAFETT_STORE_LIFECYCLE_ARCHIVE_H_
