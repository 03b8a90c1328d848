#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/test_routines.h"

namespace stafett::engine {
namespace {

using namespace testing;
using ::testing::HasSubstr;

NewCase Concern() {
  return NewCase{"0123456789abcdef0123456789abcdef",
                 "TST-2026-0042",
                 "6-12",
                 {"trivsel", "fravær"},
                 "Eleven har mye fravær og virker lei seg."};
}

TEST(OpenCaseTest, StartsAnonymousOnTheInitialStep) {
  auto r = BtiRoutine();
  auto d =
      OpenCase(r, Concern(), Actor{"nesseby", kSchool, Role::kWorker}, T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  const Snapshot& s = d->snapshot;
  EXPECT_EQ(s.case_id, "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(s.reference, "TST-2026-0042");
  EXPECT_EQ(s.tenant, "nesseby");
  EXPECT_EQ(s.routine_id, r.id);
  EXPECT_EQ(s.routine_version, r.version);
  EXPECT_EQ(s.routine_hash, r.hash);
  EXPECT_EQ(s.version, 1);
  EXPECT_EQ(s.status, CaseStatus::kOpen);
  EXPECT_EQ(s.step, "undring");
  EXPECT_EQ(s.level, 0);
  EXPECT_EQ(s.reporter_service, kSchool);
  EXPECT_EQ(s.responsible_service, kSchool);
  EXPECT_EQ(s.sharing, Sharing::kAnonymous);
  EXPECT_FALSE(s.consent.has_value());
  EXPECT_EQ(s.baton, BatonState::kNone);
  EXPECT_EQ(s.age_band, "6-12");
  EXPECT_EQ(s.categories, (std::vector<std::string>{"trivsel", "fravær"}));
  EXPECT_EQ(s.created_at, T0());
  EXPECT_EQ(s.step_entered_at, T0());
  EXPECT_EQ(s.due_at, At("2026-03-16T09:00:00Z"));
  EXPECT_EQ(s.visit_seq, 1);
  EXPECT_FALSE(s.child_welfare_reported_at.has_value());

  ASSERT_EQ(d->journal.size(), 2u);
  EXPECT_EQ(d->journal[0].kind, "case_opened");
  EXPECT_EQ(d->journal[0].text, "Eleven har mye fravær og virker lei seg.");
  EXPECT_EQ(d->journal[0].detail_json,
            R"({"age_band":"6-12","categories":["trivsel","fravær"],)"
            R"("routine":"test-bti","routine_version":1})");
  EXPECT_EQ(d->journal[1].kind, "step_entered");
  for (const auto& e : d->journal) {
    EXPECT_EQ(e.step, "undring");
    EXPECT_EQ(e.level, 0);
    EXPECT_EQ(e.actor_service, kSchool);
    EXPECT_EQ(e.at, T0());
  }
  EXPECT_FALSE(d->left.has_value());
  ASSERT_TRUE(d->entered.has_value());
  EXPECT_EQ(d->entered->seq, 1);
  EXPECT_EQ(d->entered->kind, "concern");
  EXPECT_EQ(d->entered->service, kSchool);
  EXPECT_EQ(d->entered->due_at, s.due_at);

  ASSERT_EQ(d->effects.size(), 1u);  // the reporter need not be told
  EXPECT_EQ(d->effects[0].kind, Effect::Kind::kSetDeadline);
  EXPECT_EQ(d->effects[0].deadline_kind, "step");
  EXPECT_EQ(d->effects[0].due_at, s.due_at);
}

TEST(OpenCaseTest, NotifiesAResponsibleServiceOtherThanTheReporter) {
  auto r = BtiRoutine();
  r.steps[0].responsible =
      routine::Responsible{routine::Responsible::Kind::kService, kPpt};
  auto d = OpenCase(r, Concern(), As(kSchool), T0());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->snapshot.responsible_service, kPpt);
  ASSERT_EQ(d->effects.size(), 2u);
  EXPECT_EQ(d->effects[1].kind, Effect::Kind::kNotify);
  EXPECT_EQ(d->effects[1].event, "step_assigned");
  EXPECT_EQ(d->effects[1].service, kPpt);
}

TEST(OpenCaseTest, Refusals) {
  auto r = BtiRoutine();
  EXPECT_EQ(
      OpenCase(r, Concern(), As(kSchool, Role::kAuditor), T0()).status().code(),
      Code::kPermissionDenied);
  auto stranger = OpenCase(r, Concern(), As("bup"), T0());
  EXPECT_EQ(stranger.status().code(), Code::kPermissionDenied);
  EXPECT_THAT(stranger.status().message(), HasSubstr("'bup'"));

  NewCase blank = Concern();
  blank.text = "  \n";
  auto b = OpenCase(r, blank, As(kSchool), T0());
  EXPECT_EQ(b.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(b.status().field(), "text");

  NewCase no_id = Concern();
  no_id.case_id.clear();
  EXPECT_EQ(OpenCase(r, no_id, As(kSchool), T0()).status().code(),
            Code::kInternal);

  auto bad = BtiRoutine();
  bad.initial = "nowhere";
  EXPECT_EQ(OpenCase(bad, Concern(), As(kSchool), T0()).status().code(),
            Code::kInternal);
}

TEST(OpenCaseTest, InitialStepAboveLevelZeroNeedsConsentItCannotHave) {
  auto r = BtiRoutine();
  r.initial = "plan1";
  auto d = OpenCase(r, Concern(), As(kSchool), T0());
  EXPECT_EQ(d.status().code(), Code::kNotAllowed);
}

}  // namespace
}  // namespace stafett::engine
