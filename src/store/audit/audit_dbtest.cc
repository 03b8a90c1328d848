// The tamper-evident journal on SQLite and PostgreSQL: every kind of
// tampering is done directly in the database, behind Stafett's back, and
// VerifyJournal must name the first broken link. Checkpoints and the
// retention purge with tombstones are tested the same way.
#include <algorithm>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "store/audit/audit.h"
#include "store/audit/audit_hash.h"
#include "store/audit/test_report_cases.h"
#include "store/cases/case_store.h"
#include "store/cases/journal_hash.h"
#include "store/cases/test_decisions.h"
#include "store/lifecycle/purge.h"
#include "store/sql/test_db.h"

namespace stafett::store {
namespace {

using testing::Days;
using testing::ReportCase;
using testing::TestRoutine;
using testing::Utc;

class AuditTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = OpenMigrated(2);
    ASSERT_NE(db_, nullptr);
    store_ = std::make_unique<CaseStore>(*db_, clock_);
    store_->SaveRoutineVersion(TestRoutine("nes"));
    store_->SaveRoutineVersion(TestRoutine("other"));
  }

  // A case with 5 journal entries: case_opened, step_entered x2, a note,
  // step_entered.
  std::string MakeCase(const std::string& tenant = "nes") {
    ReportCase c(*store_, tenant, "skole");
    c.Enter("undring", 0, "skole", "2026-01-05T09:00:00Z", Days(14))
        .Enter("samtale", 0, "skole", "2026-01-07T09:00:00Z", Days(7))
        .Event("note", "2026-01-08T09:00:00Z")
        .Enter("tiltak", 1, "ppt", "2026-01-20T09:00:00Z", Days(30));
    return c.id();
  }

  void Sql(const std::string& q) {
    auto lease = db_->Acquire();
    *lease << q;
  }
  void Sql(const std::string& q, const std::string& id) {
    auto lease = db_->Acquire();
    std::string v = id;
    *lease << q, soci::use(v, "id");
  }

  VerifyReport Verify(const std::string& tenant = "nes") {
    return VerifyJournal(*db_, tenant);
  }

  CheckpointResult Checkpoint(const std::string& tenant = "nes") {
    auto r = WriteCheckpoint(*db_, tenant, clock_.Now());
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : CheckpointResult{};
  }

  // Replaces a case's journal with a fresh, internally consistent chain of
  // `n` notes and points the case row at its end: what an attacker who
  // knows the hash format can do without a checkpoint in the way.
  void Rechain(const std::string& id, int n) {
    auto lease = db_->Acquire();
    soci::session& sql = *lease;
    std::string v = id;
    sql << "delete from journal where case_id = :id", soci::use(v, "id");
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
      long long seq = i, at = ToMillis(e.entry.at), level = 0;
      std::string t = "nes", kind = "note", step = "", svc = "skole",
                  role = "worker", text = e.entry.text, detail = "{}";
      sql << "insert into journal (case_id, seq, tenant, kind, step, level, "
             "actor_service, actor_role, at, text, detail_json, prev_hash, "
             "hash) values (:c, :s, :t, :k, :st, :l, :a, :r, :at, :x, :d, "
             ":p, :h)",
          soci::use(v, "c"), soci::use(seq, "s"), soci::use(t, "t"),
          soci::use(kind, "k"), soci::use(step, "st"), soci::use(level, "l"),
          soci::use(svc, "a"), soci::use(role, "r"), soci::use(at, "at"),
          soci::use(text, "x"), soci::use(detail, "d"),
          soci::use(e.prev_hash, "p"), soci::use(e.hash, "h");
      prev = e.hash;
    }
    long long last = n;
    sql << "update cases set journal_seq = :s, journal_head = :h where id = "
           ":id",
        soci::use(last, "s"), soci::use(prev, "h"), soci::use(v, "id");
  }

  ManualClock clock_{Utc("2026-03-01T12:00:00Z")};
  std::unique_ptr<Database> db_;
  std::unique_ptr<CaseStore> store_;
};

TEST_P(AuditTest, IntactJournalVerifies) {
  MakeCase();
  MakeCase();
  MakeCase("other");
  VerifyReport v = Verify("");
  EXPECT_TRUE(v.ok()) << v.problems.front().message;
  EXPECT_EQ(v.tenants, 2);
  EXPECT_EQ(v.cases, 3);
  EXPECT_EQ(v.entries, 15);
}

TEST_P(AuditTest, ChangingOneJournalRowIsCaughtAtThatRow) {
  MakeCase();
  const std::string id = MakeCase();
  Sql("update journal set text = 'endret' where case_id = :id and seq = 3", id);
  VerifyReport v = Verify();
  ASSERT_EQ(v.problems.size(), 1u);
  EXPECT_EQ(v.problems[0].case_id, id);
  EXPECT_EQ(v.problems[0].seq, 3);
  EXPECT_NE(v.problems[0].message.find("innholdet er endret"),
            std::string::npos);
}

// Every column of the canonical form is covered, timestamps included.
// (Moving a row to another tenant removes it from this tenant's chain: the
// next entry reports it missing.)
TEST_P(AuditTest, ChangingAnyHashedColumnIsCaught) {
  for (const char* change :
       {"set at = at + 1", "set kind = 'note'", "set step = 'x'",
        "set level = 3", "set actor_service = 'x'", "set actor_role = 'admin'",
        "set detail_json = '{\"a\":1}'", "set prev_hash = 'x'",
        "set hash = 'x'", "set tenant = 'other'"}) {
    const std::string id = MakeCase();
    Sql(std::string("update journal ") + change +
            " where case_id = :id and seq = 2",
        id);
    bool found = false;
    for (const auto& p : Verify().problems) {
      if (p.case_id == id && (p.seq == 2 || p.seq == 3)) found = true;
    }
    EXPECT_TRUE(found) << change;
  }
}

TEST_P(AuditTest, DeletedMiddleRowAndDeletedTailAreCaught) {
  const std::string a = MakeCase();
  const std::string b = MakeCase();
  Sql("delete from journal where case_id = :id and seq = 2", a);
  Sql("delete from journal where case_id = :id and seq = 5", b);
  VerifyReport v = Verify();
  ASSERT_EQ(v.problems.size(), 2u);
  const auto& first = a < b ? v.problems[0] : v.problems[1];
  const auto& second = a < b ? v.problems[1] : v.problems[0];
  EXPECT_EQ(first.case_id, a);
  EXPECT_EQ(first.seq, 3);
  EXPECT_NE(first.message.find("oppføring 2 mangler"), std::string::npos);
  EXPECT_EQ(second.case_id, b);
  EXPECT_NE(second.message.find("peker på oppføring 5"), std::string::npos);
}

TEST_P(AuditTest, RechainedCaseIsCaughtOnlyThroughACheckpoint) {
  const std::string id = MakeCase();
  Rechain(id, 5);
  // Consistent on its own: without a checkpoint nothing can tell.
  EXPECT_TRUE(Verify().ok());

  const std::string other = MakeCase();
  Checkpoint();
  Rechain(other, 6);
  VerifyReport v = Verify();
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.problems[0].case_id, other);
  EXPECT_NE(v.problems[0].message.find("sjekkpunktet registrerte"),
            std::string::npos);
  // A later checkpoint does not launder the rewritten chain: it leaves the
  // case out, and verify still finds it.
  EXPECT_EQ(Checkpoint().skipped, std::vector<std::string>{other});
  v = Verify();
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.problems[0].case_id, other);
}

TEST_P(AuditTest, DeletedCaseIsCaughtThroughACheckpoint) {
  MakeCase();
  const std::string id = MakeCase();
  Checkpoint();
  for (const char* table : {"journal", "step_visits", "deadlines", "outbox"}) {
    Sql(std::string("delete from ") + table + " where case_id = :id", id);
  }
  Sql("delete from cases where id = :id", id);
  VerifyReport v = Verify();
  ASSERT_EQ(v.problems.size(), 1u);
  EXPECT_EQ(v.problems[0].case_id, id);
  EXPECT_NE(v.problems[0].message.find("er borte"), std::string::npos);
  // A later checkpoint does not paper over it: the case is left out, its
  // recorded head stays, and verify still finds it gone.
  auto r = WriteCheckpoint(*db_, "nes", clock_.Now());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->skipped, std::vector<std::string>{id});
  v = Verify();
  ASSERT_EQ(v.problems.size(), 1u);
  EXPECT_EQ(v.problems[0].case_id, id);
  EXPECT_NE(v.problems[0].message.find("er borte"), std::string::npos);
}

TEST_P(AuditTest, CheckpointsStoreOnlyChangedHeadsAndChain) {
  const std::string a = MakeCase();
  MakeCase();
  CheckpointResult first = Checkpoint();
  EXPECT_EQ(first.seq, 1);
  EXPECT_EQ(first.case_count, 2);
  EXPECT_EQ(first.changed, 2);
  CheckpointResult same = Checkpoint();
  EXPECT_EQ(same.seq, 2);
  EXPECT_EQ(same.changed, 0);
  ReportCase more(*store_, "nes", "skole");
  more.Enter("undring", 0, "skole", "2026-02-01T09:00:00Z", Days(1));
  CheckpointResult third = Checkpoint();
  EXPECT_EQ(third.case_count, 3);
  EXPECT_EQ(third.changed, 1);
  VerifyReport v = Verify();
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(v.checkpoints, 3);
}

TEST_P(AuditTest, TamperedCheckpointsAreCaught) {
  MakeCase();
  MakeCase();
  Checkpoint();
  Checkpoint();
  Sql("update audit_checkpoints set case_count = 7 where seq = 1");
  VerifyReport v = Verify();
  ASSERT_FALSE(v.ok());
  EXPECT_TRUE(v.problems[0].checkpoint);
  EXPECT_EQ(v.problems[0].seq, 1);
  Sql("update audit_checkpoints set case_count = 2 where seq = 1");
  ASSERT_TRUE(Verify().ok());

  Sql("delete from audit_checkpoint_heads where checkpoint_seq = 1 and "
      "case_id = (select min(case_id) from audit_checkpoint_heads)");
  v = Verify();
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.problems[0].message.find("sakshodene i sjekkpunkt 1"),
            std::string::npos);
}

TEST_P(AuditTest, DeletedCheckpointIsCaught) {
  MakeCase();
  Checkpoint();
  Checkpoint();
  Checkpoint();
  Sql("delete from audit_checkpoints where seq = 2");
  VerifyReport v = Verify();
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.problems[0].seq, 3);
  EXPECT_NE(v.problems[0].message.find("sjekkpunkt 2 mangler"),
            std::string::npos);
}

// The purge of store/lifecycle/purge.h as the worker and `stafett audit
// purge` run it: a batch, a checkpoint where a case is not yet anchored, the
// batch again.
CasePurgeResult PurgeNow(Database& db, TimePoint now) {
  CasePurgeResult r = PurgeDueCases(db, "nes", now, 100, "test");
  if (r.unanchored.empty()) return r;
  if (!WriteCheckpoint(db, "nes", now).ok()) return r;
  return PurgeDueCases(db, "nes", now, 100, "test");
}

TEST_P(AuditTest, PurgeLeavesATombstoneThatVerifies) {
  const std::string keep = MakeCase();
  ReportCase closed(*store_, "nes", "skole");
  closed.Enter("undring", 0, "skole", "2026-01-05T09:00:00Z", Days(14))
      .Event("note", "2026-01-06T09:00:00Z")
      .Close();
  ReportCase later(*store_, "nes", "skole");
  later.Enter("undring", 0, "skole", "2026-01-05T09:00:00Z", Days(14)).Close();
  Sql("update cases set remove_after = 1 where id = :id", closed.id());
  Sql("update cases set remove_after = 9999999999999 where id = :id",
      later.id());
  Sql("update cases set remove_after = 1 where id = :id", keep);  // open

  CasePurgeResult r = PurgeNow(*db_, clock_.Now());
  EXPECT_EQ(r.purged, std::vector<std::string>{closed.id()});
  EXPECT_TRUE(r.held.empty());

  auto journal = store_->Journal("nes", closed.id());
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_TRUE(IsTombstone(journal[0]));
  EXPECT_EQ(journal[0].seq, 4);  // case_opened, step_entered, note, +1
  EXPECT_TRUE(store_->StepVisits("nes", closed.id()).empty());
  auto snap = store_->GetCase("nes", closed.id());
  ASSERT_TRUE(snap.has_value());
  EXPECT_EQ(snap->reference, "SLETTET-" + closed.id());
  EXPECT_EQ(snap->age_band, "");
  EXPECT_EQ(store_->Journal("nes", keep).size(), 5u);
  EXPECT_EQ(store_->Journal("nes", later.id()).size(), 2u);

  ASSERT_TRUE(WriteCheckpoint(*db_, "nes", clock_.Now()).ok());
  VerifyReport v = Verify();
  EXPECT_TRUE(v.ok()) << v.problems.front().message;
  // Purging again finds nothing due.
  EXPECT_EQ(PurgeNow(*db_, clock_.Now()).claimed(), 0);
}

TEST_P(AuditTest, ForgedTombstoneIsCaught) {
  MakeCase();
  const std::string id = MakeCase();
  Checkpoint();
  // Replace the journal with a tombstone that claims to follow entry 5 but
  // builds on a made-up hash.
  Sql("delete from journal where case_id = :id", id);
  StoredJournalEntry t =
      Tombstone("nes", id, 5, std::string(64, 'a'), clock_.Now(), "retention");
  {
    auto lease = db_->Acquire();
    std::string c = id, tenant = "nes", kind = t.entry.kind, step = "",
                svc = t.entry.actor_service, role = "admin",
                detail = t.entry.detail_json, text = "";
    long long seq = t.seq, level = 0, at = ToMillis(t.entry.at);
    *lease << "insert into journal (case_id, seq, tenant, kind, step, level, "
              "actor_service, actor_role, at, text, detail_json, prev_hash, "
              "hash) values (:c, :s, :t, :k, :st, :l, :a, :r, :at, :x, :d, "
              ":p, :h)",
        soci::use(c, "c"), soci::use(seq, "s"), soci::use(tenant, "t"),
        soci::use(kind, "k"), soci::use(step, "st"), soci::use(level, "l"),
        soci::use(svc, "a"), soci::use(role, "r"), soci::use(at, "at"),
        soci::use(text, "x"), soci::use(detail, "d"),
        soci::use(t.prev_hash, "p"), soci::use(t.hash, "h");
    long long last = t.seq;
    *lease << "update cases set journal_seq = :s, journal_head = :h where id "
              "= :id",
        soci::use(last, "s"), soci::use(t.hash, "h"), soci::use(c, "id");
  }
  VerifyReport v = Verify();
  ASSERT_EQ(v.problems.size(), 1u);
  EXPECT_EQ(v.problems[0].case_id, id);
  EXPECT_NE(v.problems[0].message.find("slettingen bygger ikke"),
            std::string::npos);
}

// A broken case is evidence and stays; it must not keep the tenant's other
// cases past their retention. The checkpoint leaves it out, the purge
// holds it back a day and takes the rest.
TEST_P(AuditTest, ABrokenCaseIsLeftOutAndDoesNotHoldBackTheOthers) {
  ReportCase broken(*store_, "nes", "skole");
  broken.Enter("undring", 0, "skole", "2026-01-05T09:00:00Z", Days(14)).Close();
  ReportCase intact(*store_, "nes", "skole");
  intact.Enter("undring", 0, "skole", "2026-01-05T09:00:00Z", Days(14)).Close();
  Sql("update cases set remove_after = 1 where id = :id", broken.id());
  Sql("update cases set remove_after = 1 where id = :id", intact.id());
  Sql("update journal set text = 'x' where case_id = :id and seq = 1",
      broken.id());

  Result<CheckpointResult> c = WriteCheckpoint(*db_, "nes", clock_.Now());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->skipped, std::vector<std::string>{broken.id()});
  EXPECT_EQ(c->changed, 1);

  CasePurgeResult r = PurgeNow(*db_, clock_.Now());
  EXPECT_EQ(r.purged, std::vector<std::string>{intact.id()});
  ASSERT_EQ(r.held.size(), 1u);
  EXPECT_EQ(r.held[0].first, broken.id());
  EXPECT_TRUE(r.unanchored.empty())
      << "held back, not waiting for a checkpoint";
  EXPECT_EQ(store_->Journal("nes", broken.id()).size(), 2u) << "evidence kept";
  // Verify still names the broken case, and only it.
  VerifyReport v = Verify();
  ASSERT_FALSE(v.ok());
  for (const auto& p : v.problems) EXPECT_EQ(p.case_id, broken.id());
}

// A broken checkpoint chain is not one case's problem: no checkpoint then.
TEST_P(AuditTest, ACheckpointIsRefusedWhenTheCheckpointChainIsBroken) {
  MakeCase();
  Checkpoint();
  Sql("update audit_checkpoints set case_count = 7 where seq = 1");
  EXPECT_EQ(WriteCheckpoint(*db_, "nes", clock_.Now()).status().code(),
            Code::kNotAllowed);
}

// The report's list stops at kMaxProblems; the checkpoint still leaves out
// every broken case, and records the intact one.
TEST_P(AuditTest, EveryBrokenCaseIsLeftOutHoweverManyProblems) {
  std::vector<std::string> broken;
  for (std::size_t i = 0; i <= kMaxProblems; ++i) {
    ReportCase c(*store_, "nes", "skole");
    c.Enter("undring", 0, "skole", "2026-01-05T09:00:00Z", Days(14));
    Sql("update journal set text = 'x' where case_id = :id and seq = 1",
        c.id());
    broken.push_back(c.id());
  }
  MakeCase();
  std::sort(broken.begin(), broken.end());
  VerifyReport v = Verify();
  EXPECT_EQ(v.problems.size(), kMaxProblems);
  EXPECT_EQ(v.broken_cases.size(), kMaxProblems + 1);
  CheckpointResult c = Checkpoint();
  EXPECT_EQ(c.skipped, broken);
  EXPECT_EQ(c.changed, 1);
}

// A due case whose chain was rewritten consistently after its checkpoint
// (or cut back by an old restore) looks whole on its own; only the
// recorded head shows it. The purge holds it back like any broken case
// instead of leaving it waiting for a checkpoint that will not record it.
TEST_P(AuditTest, ADueCaseRewrittenAfterItsCheckpointIsHeldBack) {
  ReportCase c(*store_, "nes", "skole");
  c.Enter("undring", 0, "skole", "2026-01-05T09:00:00Z", Days(14)).Close();
  Sql("update cases set remove_after = 1 where id = :id", c.id());
  Checkpoint();
  Rechain(c.id(), 3);
  CasePurgeResult r = PurgeDueCases(*db_, "nes", clock_.Now(), 100, "test");
  EXPECT_TRUE(r.purged.empty());
  EXPECT_TRUE(r.unanchored.empty());
  ASSERT_EQ(r.held.size(), 1u);
  EXPECT_EQ(r.held[0].first, c.id());
  EXPECT_EQ(store_->Journal("nes", c.id()).size(), 3u) << "evidence kept";
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditTest,
                         ::testing::Values("sqlite", "postgresql"),
                         BackendName);

}  // namespace
}  // namespace stafett::store
