// Reading the journal chain back from the database: the journal's rows and
// every case's current chain head. Shared by the case reads (the
// stafettlogg) and the audit (verify, checkpoints) so that both read the
// very columns the hash covers.
//
// Internal to src/store (SOCI types in the interface). Thread-safety: a
// reader belongs to one statement on one session.
#ifndef STAFETT_STORE_CASES_JOURNAL_ROWS_H_
#define STAFETT_STORE_CASES_JOURNAL_ROWS_H_

#include <string>

#include <soci/soci.h>

#include "store/audit/audit_hash.h"
#include "store/cases/records.h"

namespace stafett::store {

// The journal columns, in the order JournalRowReader binds them.
extern const char* const kJournalColumns;

class JournalRowReader {
 public:
  // Binds the kJournalColumns into() targets; call before PrepareOnce.
  void Bind(soci::statement& st);
  // The row last fetched. An actor_role no Stafett version wrote reads as
  // worker, with RoleKnown() false: the audit reports it as a changed row,
  // the case reads refuse it as corrupt.
  StoredJournalEntry Row() const;
  bool RoleKnown() const;

 private:
  StoredJournalEntry e_;
  long long seq_ = 0, at_ = 0;
  std::string role_;
};

// Every case of the tenant and its current chain head (journal_seq,
// journal_head), from the case rows. One statement.
HeadMap CurrentCaseHeads(soci::session& sql, const std::string& tenant);

// Inserts one whole journal row as given (hashes included): the tombstones
// that purge and `audit purge` leave behind. Throws soci_error.
void InsertJournalRow(soci::session& sql, const StoredJournalEntry& row);

}  // namespace stafett::store

#endif  // STAFETT_STORE_CASES_JOURNAL_ROWS_H_
