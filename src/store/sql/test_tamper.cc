#include "store/sql/test_tamper.h"

#include <soci/soci.h>

namespace stafett::store::testing {

void OverwriteCaseReference(Database& db, const std::string& case_id,
                            const std::string& reference) {
  auto lease = db.Acquire();
  std::string r = reference, id = case_id;
  *lease << "update cases set reference = :r where id = :id", soci::use(r, "r"),
      soci::use(id, "id");
}

void TamperJournalText(Database& db, const std::string& case_id,
                       std::int64_t seq) {
  auto lease = db.Acquire();
  std::string id = case_id;
  long long s = seq;
  *lease << "update journal set text = text || ' (endret)' where case_id = "
            ":id and seq = :s",
      soci::use(id, "id"), soci::use(s, "s");
}

}  // namespace stafett::store::testing
