#include "store/archive.h"

#include <soci/soci.h>

#include "store/sql_params.h"

namespace stafett::store {

std::optional<ArchiveRecord> ArchiveOf(Database& db,
                                       const std::string& case_id) {
  auto lease = db.Acquire();
  std::string id = case_id;
  ArchiveRecord r;
  long long requested = 0, archived = 0;
  soci::indicator ind = soci::i_null;
  *lease << "select requested_at, outbox_id, archived_at, receipt from "
            "case_archive where case_id = :id",
      soci::use(id, "id"), soci::into(requested), soci::into(r.outbox_id),
      soci::into(archived, ind), soci::into(r.receipt);
  if (!lease->got_data()) return std::nullopt;
  r.requested_at = FromMillis(requested);
  if (ind == soci::i_ok) r.archived_at = FromMillis(archived);
  return r;
}

void RecordArchived(Database& db, const std::string& case_id,
                    const std::string& receipt, TimePoint now) {
  auto lease = db.Acquire();
  SqlParams p;
  p.Int("now", ToMillis(now)).Text("receipt", receipt).Text("id", case_id);
  ExecCount(*lease,
            "update case_archive set archived_at = :now, receipt = :receipt "
            "where case_id = :id and archived_at is null",
            p);
}

}  // namespace stafett::store
