#include "store/cases/case_codec.h"

#include <gtest/gtest.h>

namespace stafett::store {
namespace {

TEST(CaseCodecTest, EnumsRoundTrip) {
  for (auto s : {engine::CaseStatus::kOpen, engine::CaseStatus::kClosed}) {
    EXPECT_EQ(ParseStatusText(StatusText(s)), s);
  }
  for (auto s : {engine::Sharing::kAnonymous, engine::Sharing::kConsented,
                 engine::Sharing::kWithdrawn}) {
    EXPECT_EQ(ParseSharingText(SharingText(s)), s);
  }
  for (auto s : {engine::BatonState::kNone, engine::BatonState::kHeld,
                 engine::BatonState::kOffered}) {
    EXPECT_EQ(ParseBatonText(BatonText(s)), s);
  }
  for (auto r : {engine::Role::kWorker, engine::Role::kCoordinator,
                 engine::Role::kUnitLeader, engine::Role::kAuditor,
                 engine::Role::kAdmin}) {
    EXPECT_EQ(ParseRoleText(RoleText(r)), r);
  }
  EXPECT_STREQ(RoleText(engine::Role::kUnitLeader), "unit_leader");
  EXPECT_THROW(ParseStatusText("pending"), std::runtime_error);
}

TEST(CaseCodecTest, ReferencesHaveAtLeastFourDigits) {
  EXPECT_EQ(FormatReference("NES", 2026, 42), "NES-2026-0042");
  EXPECT_EQ(FormatReference("NES", 2026, 1), "NES-2026-0001");
  EXPECT_EQ(FormatReference("TRD", 2027, 12345), "TRD-2027-12345");
}

TEST(CaseCodecTest, CursorsRoundTripAndRejectForgeries) {
  auto c = DecodeCursor(EncodeCursor(1780000000000, "0123abcd"));
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->first, 1780000000000);
  EXPECT_EQ(c->second, "0123abcd");
  auto none = DecodeCursor(EncodeCursor(kNoDeadline, "ff"));
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(none->first, kNoDeadline);
  for (const char* bad : {"", ".", "12", "x.ab", "12.", "12.a'b", "12.a b"}) {
    EXPECT_FALSE(DecodeCursor(bad).has_value()) << bad;
  }
}

TEST(CaseCodecTest, DeadlineKinds) {
  for (const char* k : {"step", "consent", "baton", "report"}) {
    EXPECT_TRUE(IsDeadlineKind(k));
  }
  EXPECT_FALSE(IsDeadlineKind("other"));
}

}  // namespace
}  // namespace stafett::store
