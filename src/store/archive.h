// Archive before purge (arkivlova): the store's side. A tenant whose
// routine names an archive target (routine::ArchiveTarget) must have each
// closed case delivered there, with a receipt, before the purge may delete
// it. The purge (store/purge.h) asks for the delivery by writing an outbox
// row (event kArchiveEvent, service kArchiveService) in its own
// transaction, so the delivery is retried, fails, and is retried by an
// admin exactly like a notification (docs/notifications.md), and shows in
// the admin's notification list. notify/archive.h delivers it and records
// the receipt here.
//
// Errors: database failures throw soci::soci_error.
// Thread-safety: each function uses its own pooled session.
#ifndef STAFETT_STORE_ARCHIVE_H_
#define STAFETT_STORE_ARCHIVE_H_

#include <optional>
#include <string>

#include "core/time.h"
#include "store/database.h"

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

}  // namespace stafett::store

#endif  // STAFETT_STORE_ARCHIVE_H_
