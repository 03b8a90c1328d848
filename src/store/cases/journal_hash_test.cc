#include "store/cases/journal_hash.h"

#include <gtest/gtest.h>

namespace stafett::store {
namespace {

StoredJournalEntry First() {
  StoredJournalEntry e;
  e.case_id = "c1";
  e.seq = 1;
  e.tenant = "nes";
  e.entry.kind = "case_opened";
  e.entry.step = "concern";
  e.entry.level = 0;
  e.entry.actor_service = "school-a";
  e.entry.actor_role = engine::Role::kWorker;
  e.entry.at = FromMillis(1780000000000);
  e.entry.text = "Uro \"sitat\"\nlinje 2 æøå";
  e.entry.detail_json = R"({"a":1})";
  return e;
}

StoredJournalEntry Second() {
  StoredJournalEntry e = First();
  e.seq = 2;
  e.entry.kind = "note";
  e.entry.actor_role = engine::Role::kUnitLeader;
  e.entry.at = FromMillis(1780000000001);
  e.entry.text = "";
  e.entry.detail_json = "{}";
  return e;
}

// Pinned values, computed independently (Python hashlib/json): any change
// to the serialisation breaks every stored chain, so it must fail here.
TEST(JournalHashTest, CanonicalFormIsPinned) {
  EXPECT_EQ(
      CanonicalJournalEntry(First()),
      R"({"v":1,"case_id":"c1","seq":1,"tenant":"nes","kind":"case_opened",)"
      R"("step":"concern","level":0,"actor_service":"school-a",)"
      R"("actor_role":"worker","at":1780000000000,)"
      R"("text":"Uro \"sitat\"\nlinje 2 æøå","detail_json":"{\"a\":1}"})");
}

TEST(JournalHashTest, ChainHashesArePinned) {
  const std::string h1 = JournalHash("", First());
  EXPECT_EQ(h1,
            "d0e9c8769e7eeb44fcc3ecf750c9afcb7e471b680a7f459ab150b287ef68595e");
  EXPECT_EQ(JournalHash(h1, Second()),
            "ade92ae6a674aa065e1f90082d1c288cc9de41a347405ef04a0df15c678bc422");
}

// Version 2 (migration 0080): an entry with a person id carries it right
// after the role; pinned like v1. Entries without a person stay v1, so the
// pins above still hold.
TEST(JournalHashTest, PersonIdMakesVersion2AndIsPinned) {
  StoredJournalEntry e = First();
  e.entry.actor_person = "6b113d34563fdd812efe3f2b603be11f";
  EXPECT_EQ(
      CanonicalJournalEntry(e),
      R"({"v":2,"case_id":"c1","seq":1,"tenant":"nes","kind":"case_opened",)"
      R"("step":"concern","level":0,"actor_service":"school-a",)"
      R"("actor_role":"worker","actor_person":"6b113d34563fdd812efe3f2b603be11f",)"
      R"("at":1780000000000,)"
      R"("text":"Uro \"sitat\"\nlinje 2 æøå","detail_json":"{\"a\":1}"})");
  EXPECT_EQ(JournalHash("", e),
            "8795d2dc40adbedd01ace2df1dad57a879fd80179e7be80e1fa15e27dc3bf587");
}

// Blanking or changing the person afterwards breaks the chain.
TEST(JournalHashTest, PersonIdIsCoveredByTheChain) {
  std::vector<StoredJournalEntry> chain = {First(), Second()};
  chain[0].entry.actor_person = "6b113d34563fdd812efe3f2b603be11f";
  chain[0].hash = JournalHash("", chain[0]);
  chain[1].prev_hash = chain[0].hash;
  chain[1].hash = JournalHash(chain[0].hash, chain[1]);
  ASSERT_EQ(FirstBrokenLink(chain), std::nullopt);
  for (std::string other : {"", "00000000000000000000000000000000"}) {
    auto tampered = chain;
    tampered[0].entry.actor_person = other;
    EXPECT_EQ(FirstBrokenLink(tampered), 0u) << other;
  }
}

TEST(JournalHashTest, FirstBrokenLinkFindsTampering) {
  std::vector<StoredJournalEntry> chain = {First(), Second()};
  chain[0].hash = JournalHash("", chain[0]);
  chain[1].prev_hash = chain[0].hash;
  chain[1].hash = JournalHash(chain[0].hash, chain[1]);
  EXPECT_EQ(FirstBrokenLink(chain), std::nullopt);
  EXPECT_EQ(FirstBrokenLink({}), std::nullopt);

  auto edited = chain;
  edited[1].entry.actor_service = "ppt";
  EXPECT_EQ(FirstBrokenLink(edited), 1u);

  auto dropped = chain;
  dropped.erase(dropped.begin());
  EXPECT_EQ(FirstBrokenLink(dropped), 0u);  // seq 2 first, wrong prev

  auto rehashed = chain;  // an edit with a recomputed hash breaks the next link
  rehashed[0].entry.text = "x";
  rehashed[0].hash = JournalHash("", rehashed[0]);
  EXPECT_EQ(FirstBrokenLink(rehashed), 1u);
}

}  // namespace
}  // namespace stafett::store
