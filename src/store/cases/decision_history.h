// Writing the history a Decision carries, beside the case row: the journal
// (chained, store/cases/journal_hash.h), the step visit left and the one
// entered, deadline upserts and deletes, and outbox rows whose payload names
// the case and never the child. Internal to the store (SOCI types); CaseStore
// runs these inside its command transaction.
//
// Errors: kInternal for a Decision that breaks an invariant the store relies
// on (the caller rolls back); soci::soci_error for the database.
// Thread-safety: functions on the caller's session.
#ifndef STAFETT_STORE_CASES_DECISION_HISTORY_H_
#define STAFETT_STORE_CASES_DECISION_HISTORY_H_

#include <cstdint>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/status.h"
#include "core/time.h"
#include "engine/case.h"
#include "store/cases/case_store.h"
#include "store/cases/records.h"
#include "store/sql/statement_batch.h"

namespace stafett::store {

// kInternal when a Decision breaks an invariant the store relies on.
Status ValidateDecision(const engine::Decision& d);

// The Decision's journal entries as stored: seq after `last_seq`, chained
// from `last_hash`.
std::vector<StoredJournalEntry> ChainJournal(
    const engine::Snapshot& snap, std::int64_t last_seq,
    const std::string& last_hash,
    const std::vector<engine::JournalEntry>& entries);

// Everything else a Decision carries: journal rows, the step visit left and
// entered, deadline upserts/deletes and outbox rows. kInternal (and the
// caller rolls back) if the visit to leave is not open.
Status WriteHistory(soci::session& sql, const engine::Decision& d,
                    const std::vector<StoredJournalEntry>& journal,
                    TimePoint now);

// The same writes as parts of `batch` (store/sql/statement_batch.h), to run
// with the case row's write in one statement on PostgreSQL. Returns the
// index of the part that closes the visit left (-1: none); pass it with
// the batch's counts to CheckHistoryCounts.
// `planner` (may be null): where each deadline set starts on the
// notifier's schedule (CaseStore::SetDeadlinePlanner).
int AddHistory(StatementBatch& batch, const engine::Decision& d,
               const std::vector<StoredJournalEntry>& journal, TimePoint now,
               const DeadlinePlanner* planner = nullptr);
// kInternal (roll back) when the visit to leave was not open.
Status CheckHistoryCounts(const engine::Decision& d, int left_part,
                          const std::vector<long long>& counts);

}  // namespace stafett::store

#endif  // STAFETT_STORE_CASES_DECISION_HISTORY_H_
