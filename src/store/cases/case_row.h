// The cases table <-> engine::Snapshot mapping, and the statements that
// write a Decision (journal with its hash chain, step visits, deadlines,
// outbox). Internal to the store (includes SOCI); CaseStore is the public
// face.
//
// Errors: database failures throw soci::soci_error; corrupt enum text
// throws std::runtime_error (case_codec.h).
//
// Thread-safety: functions use only the session they are given.
#ifndef STAFETT_STORE_CASES_CASE_ROW_H_
#define STAFETT_STORE_CASES_CASE_ROW_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/status.h"
#include "core/time.h"
#include "engine/case.h"
#include "store/cases/records.h"
#include "store/sql/pg_exec.h"
#include "store/sql/statement_batch.h"

namespace stafett::store {

// The columns CaseRowReader binds, in order, for "select <kCaseColumns>
// from cases ...".
extern const char* const kCaseColumns;

struct CaseRow {
  engine::Snapshot snapshot;
  std::int64_t worklist_due = 0;
  std::int64_t journal_seq = 0;  // seq of the newest journal entry
  std::string journal_head;      // its hash
};

// Host variables for one row of kCaseColumns.
class CaseRowReader {
 public:
  void Bind(soci::statement& st);  // before PrepareOnce
  CaseRow Row() const;             // the row last fetched
  // Reads row `row` of a libpq result of kCaseColumns (store/sql/pg_exec.h).
  void ReadPg(const PgResult& result, int row);

 private:
  std::string id_, tenant_, reference_, routine_id_, routine_hash_, status_,
      closed_reason_, step_, reporter_service_, responsible_service_, sharing_,
      consent_given_by_, consent_services_, consent_valid_until_, baton_,
      baton_holder_, baton_offered_to_, age_band_, categories_, journal_head_;
  int routine_version_ = 0, level_ = 0, visit_seq_ = 0;
  long long version_ = 0, consent_given_at_ = 0, created_at_ = 0,
            step_entered_at_ = 0, due_at_ = 0, worklist_due_ = 0,
            child_welfare_reported_at_ = 0, child_welfare_confirmed_at_ = 0,
            journal_seq_ = 0;
  soci::indicator consent_given_at_ind_ = soci::i_null,
                  due_at_ind_ = soci::i_null,
                  child_welfare_reported_at_ind_ = soci::i_null,
                  child_welfare_confirmed_at_ind_ = soci::i_null;
};

// Loads one case of `tenant` (nullopt: none, or another tenant's).
// for_update (PostgreSQL only, inside a transaction): locks the row until
// commit, waiting for a concurrent writer to finish first.
std::optional<CaseRow> LoadCase(soci::session& sql, const std::string& tenant,
                                const std::string& case_id,
                                bool for_update = false);

// Version-checked update: false when the row is no longer at old_version.
bool UpdateCase(soci::session& sql, const engine::Snapshot& snap,
                std::int64_t old_version, TimePoint now,
                std::int64_t journal_seq, const std::string& journal_head);

// Inserts a new case row (the snapshot's version as given), and the
// update above, as parts of a batch (store/sql/statement_batch.h);
// each expects one row. Return the part's index.
int AddInsertCase(StatementBatch& batch, const engine::Snapshot& snap,
                  TimePoint now, std::int64_t journal_seq,
                  const std::string& journal_head);
int AddUpdateCase(StatementBatch& batch, const engine::Snapshot& snap,
                  std::int64_t old_version, TimePoint now,
                  std::int64_t journal_seq, const std::string& journal_head);

}  // namespace stafett::store

#endif  // STAFETT_STORE_CASES_CASE_ROW_H_
