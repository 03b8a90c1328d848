#include "store/audit/test_audit_fixture.h"

#include <soci/soci.h>

#include "store/cases/journal_hash.h"
#include "store/cases/test_decisions.h"

namespace stafett::store::testing {

void AuditTest::SetUp() {
  DatabaseTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  db_ = OpenMigrated(2);
  ASSERT_NE(db_, nullptr);
  store_ = std::make_unique<CaseStore>(*db_, clock_);
  store_->SaveRoutineVersion(TestRoutine("nes"));
  store_->SaveRoutineVersion(TestRoutine("other"));
}

std::string AuditTest::MakeCase(const std::string& tenant) {
  ReportCase c(*store_, tenant, "skole");
  c.Enter("undring", 0, "skole", "2026-01-05T09:00:00Z", Days(14))
      .Enter("samtale", 0, "skole", "2026-01-07T09:00:00Z", Days(7))
      .Event("note", "2026-01-08T09:00:00Z")
      .Enter("tiltak", 1, "ppt", "2026-01-20T09:00:00Z", Days(30));
  return c.id();
}

void AuditTest::Sql(const std::string& q) {
  auto lease = db_->Acquire();
  *lease << q;
}

void AuditTest::Sql(const std::string& q, const std::string& id) {
  auto lease = db_->Acquire();
  std::string v = id;
  *lease << q, soci::use(v, "id");
}

VerifyReport AuditTest::Verify(const std::string& tenant) {
  return VerifyJournal(*db_, tenant);
}

CheckpointResult AuditTest::Checkpoint(const std::string& tenant) {
  auto r = WriteCheckpoint(*db_, tenant, clock_.Now());
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : CheckpointResult{};
}

void AuditTest::InsertJournalRow(const StoredJournalEntry& e) {
  auto lease = db_->Acquire();
  std::string c = e.case_id, tenant = e.tenant, kind = e.entry.kind,
              step = e.entry.step, svc = e.entry.actor_service,
              role = engine::RoleName(e.entry.actor_role),
              person = e.entry.actor_person, text = e.entry.text,
              detail = e.entry.detail_json, prev = e.prev_hash, hash = e.hash;
  long long seq = e.seq, level = e.entry.level, at = ToMillis(e.entry.at);
  *lease << "insert into journal (case_id, seq, tenant, kind, step, level, "
            "actor_service, actor_role, actor_person, at, text, detail_json, "
            "prev_hash, hash) values (:c, :s, :t, :k, :st, :l, :a, :r, :pe, "
            ":at, :x, :d, :p, :h)",
      soci::use(c, "c"), soci::use(seq, "s"), soci::use(tenant, "t"),
      soci::use(kind, "k"), soci::use(step, "st"), soci::use(level, "l"),
      soci::use(svc, "a"), soci::use(role, "r"), soci::use(person, "pe"),
      soci::use(at, "at"), soci::use(text, "x"), soci::use(detail, "d"),
      soci::use(prev, "p"), soci::use(hash, "h");
  *lease << "update cases set journal_seq = :s, journal_head = :h where id = "
            ":id",
      soci::use(seq, "s"), soci::use(hash, "h"), soci::use(c, "id");
}

void AuditTest::Rechain(const std::string& id, int n) {
  Sql("delete from journal where case_id = :id", id);
  std::string prev;
  for (int i = 1; i <= n; ++i) {
    StoredJournalEntry e;
    e.case_id = id;
    e.seq = i;
    e.tenant = "nes";
    e.entry.kind = "note";
    e.entry.actor_service = "skole";
    e.entry.at = Utc("2026-01-05T09:00:00Z");
    e.entry.text = "omskrevet " + std::to_string(i);
    e.entry.detail_json = "{}";
    e.prev_hash = prev;
    e.hash = JournalHash(prev, e);
    InsertJournalRow(e);
    prev = e.hash;
  }
}

}  // namespace stafett::store::testing
