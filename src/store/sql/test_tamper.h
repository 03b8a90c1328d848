// Test support: changes made directly in the database, behind the store's
// back, for the tests of layers above the store, which may not use SQL
// themselves (the layering test). Each stands for something the store
// never does but an attacker, a broken restore or another municipality's
// data can bring about.
#ifndef STAFETT_STORE_SQL_TEST_TAMPER_H_
#define STAFETT_STORE_SQL_TEST_TAMPER_H_

#include <cstdint>
#include <string>

#include "store/sql/database.h"

namespace stafett::store::testing {

// Gives a case another reference. References are unique per tenant only
// (a prefix one tenant gave up may be taken by another), so this makes one
// reference seen in two tenants.
void OverwriteCaseReference(Database& db, const std::string& case_id,
                            const std::string& reference);

// Changes the text of journal entry `seq` of a case without rehashing it:
// the case's chain is then broken at that entry.
void TamperJournalText(Database& db, const std::string& case_id,
                       std::int64_t seq);

}  // namespace stafett::store::testing

#endif  // STAFETT_STORE_SQL_TEST_TAMPER_H_
