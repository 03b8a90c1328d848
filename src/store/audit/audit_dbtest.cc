// The tamper-evident journal on SQLite and PostgreSQL: every kind of
// tampering is done directly in the database, behind Stafett's back, and
// VerifyJournal must name the first broken link; checkpoints must catch
// what the chain alone cannot. The purge is in audit_purge_dbtest.cc.
#include <algorithm>

#include <gtest/gtest.h>

#include "store/audit/test_audit_fixture.h"

namespace stafett::store {
namespace {

using testing::AuditTest;
using testing::Days;
using testing::ReportCase;

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

INSTANTIATE_TEST_SUITE_P(Backends, AuditTest,
                         ::testing::Values("sqlite", "postgresql"),
                         BackendName);

}  // namespace
}  // namespace stafett::store
