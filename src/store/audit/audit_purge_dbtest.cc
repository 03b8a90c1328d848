// The retention purge against the tamper-evident journal, on SQLite and
// PostgreSQL: a purged case leaves a tombstone that verifies, a forged one
// is caught, and a broken case is held back as evidence without holding
// back the others.
#include <gtest/gtest.h>

#include "store/audit/audit_hash.h"
#include "store/audit/test_audit_fixture.h"
#include "store/lifecycle/purge.h"

namespace stafett::store {
namespace {

using testing::Days;
using testing::ReportCase;

class AuditPurgeTest : public testing::AuditTest {};

// The purge of store/lifecycle/purge.h as the worker and `stafett audit
// purge` run it: a batch, a checkpoint where a case is not yet anchored, the
// batch again.
CasePurgeResult PurgeNow(Database& db, TimePoint now) {
  CasePurgeResult r = PurgeDueCases(db, "nes", now, 100, "test");
  if (r.unanchored.empty()) return r;
  if (!WriteCheckpoint(db, "nes", now).ok()) return r;
  return PurgeDueCases(db, "nes", now, 100, "test");
}

TEST_P(AuditPurgeTest, PurgeLeavesATombstoneThatVerifies) {
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

TEST_P(AuditPurgeTest, ForgedTombstoneIsCaught) {
  MakeCase();
  const std::string id = MakeCase();
  Checkpoint();
  // Replace the journal with a tombstone that claims to follow entry 5 but
  // builds on a made-up hash.
  Sql("delete from journal where case_id = :id", id);
  StoredJournalEntry t =
      Tombstone("nes", id, 5, std::string(64, 'a'), clock_.Now(), "retention");
  InsertJournalRow(t);
  VerifyReport v = Verify();
  ASSERT_EQ(v.problems.size(), 1u);
  EXPECT_EQ(v.problems[0].case_id, id);
  EXPECT_NE(v.problems[0].message.find("slettingen bygger ikke"),
            std::string::npos);
}

// A broken case is evidence and stays; it must not keep the tenant's other
// cases past their retention. The checkpoint leaves it out, the purge
// holds it back a day and takes the rest.
TEST_P(AuditPurgeTest, ABrokenCaseIsLeftOutAndDoesNotHoldBackTheOthers) {
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

// A due case whose chain was rewritten consistently after its checkpoint
// (or cut back by an old restore) looks whole on its own; only the
// recorded head shows it. The purge holds it back like any broken case
// instead of leaving it waiting for a checkpoint that will not record it.
TEST_P(AuditPurgeTest, ADueCaseRewrittenAfterItsCheckpointIsHeldBack) {
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

INSTANTIATE_TEST_SUITE_P(Backends, AuditPurgeTest,
                         ::testing::Values("sqlite", "postgresql"),
                         BackendName);

}  // namespace
}  // namespace stafett::store
