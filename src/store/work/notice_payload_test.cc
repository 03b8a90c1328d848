// The notification body is a wire contract with every receiver: pinned
// byte for byte, and checked to carry nothing about the child.
#include "store/work/notice_payload.h"

#include <gtest/gtest.h>

namespace stafett::store {
namespace {

engine::Snapshot Case() {
  engine::Snapshot c;
  c.case_id = "0123456789abcdef0123456789abcdef";
  c.tenant = "nesseby";
  c.reference = "NES-2026-0042";
  c.step = "tidlig_innsats_team";
  c.level = 0;
  c.age_band = "6-12";
  c.categories = {"språk", "søvn"};
  return c;
}

TEST(NoticePayloadTest, AboutTheStepDeadline) {
  auto due = ParseTimestamp("2026-05-17T08:00:00Z");
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(NoticePayload(Case(), "step_assigned", "ppt", *due, ""),
            R"({"event":"step_assigned","tenant":"nesseby",)"
            R"("case_id":"0123456789abcdef0123456789abcdef",)"
            R"("reference":"NES-2026-0042","step":"tidlig_innsats_team",)"
            R"("level":0,"service":"ppt","due_at":"2026-05-17T08:00:00Z"})");
}

TEST(NoticePayloadTest, AboutAnotherDeadlineNamesIt) {
  auto due = ParseTimestamp("2026-05-20T08:00:00Z");
  ASSERT_TRUE(due.ok());
  std::string p = NoticePayload(Case(), "baton_offered", "ppt", *due, "baton");
  EXPECT_NE(
      p.find(R"("due_at":"2026-05-20T08:00:00Z","deadline_kind":"baton"})"),
      std::string::npos)
      << p;
}

TEST(NoticePayloadTest, WithoutDeadlineAndNothingAboutTheChild) {
  std::string p =
      NoticePayload(Case(), "access_revoked", "nav", std::nullopt, "");
  EXPECT_NE(p.find(R"("due_at":null)"), std::string::npos) << p;
  for (const char* never : {"6-12", "språk", "søvn", "age_band", "categor"}) {
    EXPECT_EQ(p.find(never), std::string::npos) << never;
  }
}

}  // namespace
}  // namespace stafett::store
