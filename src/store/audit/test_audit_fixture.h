// The fixture of the tamper-evidence suites (audit_dbtest.cc,
// audit_purge_dbtest.cc): a migrated database per test on either backend,
// a CaseStore on a manual clock, and the means to tamper with the journal
// directly in the database, behind Stafett's back.
#ifndef STAFETT_STORE_AUDIT_TEST_AUDIT_FIXTURE_H_
#define STAFETT_STORE_AUDIT_TEST_AUDIT_FIXTURE_H_

#include <memory>
#include <string>

#include "core/time.h"
#include "store/audit/audit.h"
#include "store/audit/test_report_cases.h"
#include "store/cases/case_store.h"
#include "store/sql/test_db.h"

namespace stafett::store::testing {

class AuditTest : public DatabaseTest {
 protected:
  // Tenants "nes" and "other", each with its test routine.
  void SetUp() override;

  // A case with 5 journal entries: case_opened, step_entered x2, a note,
  // step_entered.
  std::string MakeCase(const std::string& tenant = "nes");

  // Runs SQL as is; the second form binds `id` to :id.
  void Sql(const std::string& q);
  void Sql(const std::string& q, const std::string& id);

  VerifyReport Verify(const std::string& tenant = "nes");
  // Writes a checkpoint now; a refusal fails the test.
  CheckpointResult Checkpoint(const std::string& tenant = "nes");

  // Inserts one journal row exactly as given (every hashed field, so a row
  // whose hash is right verifies) and points the case row's head at it.
  void InsertJournalRow(const StoredJournalEntry& e);

  // Replaces a case's journal with a fresh, internally consistent chain of
  // `n` notes and points the case row at its end: what an attacker who
  // knows the hash format can do without a checkpoint in the way.
  void Rechain(const std::string& id, int n);

  ManualClock clock_{Utc("2026-03-01T12:00:00Z")};
  std::unique_ptr<Database> db_;
  std::unique_ptr<CaseStore> store_;
};

}  // namespace stafett::store::testing

#endif  // STAFETT_STORE_AUDIT_TEST_AUDIT_FIXTURE_H_
