// The checkpoint and tombstone serialisations, pinned with hashes computed
// independently (sha256sum), so an accidental change to the format fails
// here before it invalidates stored checkpoints.
#include "store/audit/audit_hash.h"

#include <gtest/gtest.h>

#include "store/cases/journal_hash.h"

namespace stafett::store {
namespace {

TEST(AuditHashTest, HeadsHashIsOverSortedLines) {
  // printf 'aaa 2 h2\nbbb 5 h5\n' | sha256sum
  HeadMap heads{{"bbb", {5, "h5"}}, {"aaa", {2, "h2"}}};
  EXPECT_EQ(HeadsHash(heads),
            "f67e7ff14736f02460a0431707e54047d2b5b51694f81901c34e5439fe221ffd");
  EXPECT_EQ(HeadsHash({}),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(AuditHashTest, CheckpointCanonicalFormAndHash) {
  Checkpoint c;
  c.tenant = "nes";
  c.seq = 1;
  c.at = FromMillis(1780000000000);
  c.case_count = 2;
  c.heads_hash = "x";
  EXPECT_EQ(CanonicalCheckpoint(c),
            R"({"v":1,"tenant":"nes","seq":1,"at":1780000000000,)"
            R"("case_count":2,"heads_hash":"x"})");
  // printf '\n{"v":1,...}' | sha256sum  (prev_hash "" then a newline)
  EXPECT_EQ(CheckpointHash("", c),
            "dbb35bf85207b66c906b0fb02b7befa4f9a22231ac1f62ec3c3b1f7122a5b530");
  EXPECT_NE(CheckpointHash("other", c), CheckpointHash("", c));
}

TEST(AuditHashTest, TombstoneContinuesTheChain) {
  StoredJournalEntry t = Tombstone("nes", "c1", 7, "head7",
                                   FromMillis(1780000000000), "retention");
  EXPECT_EQ(t.seq, 8);
  EXPECT_EQ(t.prev_hash, "head7");
  EXPECT_TRUE(IsTombstone(t));
  EXPECT_EQ(t.entry.kind, "purged");
  EXPECT_EQ(t.entry.actor_role, engine::Role::kAdmin);
  EXPECT_EQ(t.entry.detail_json,
            R"({"purged_through_seq":7,"reason":"retention"})");
  EXPECT_EQ(t.hash, JournalHash("head7", t));
  EXPECT_EQ(t.entry.text, "");
}

}  // namespace
}  // namespace stafett::store
