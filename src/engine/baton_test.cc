// The baton region: the stafettholder's handover is offer, then accept or
// decline; the holder stays responsible until the offeree accepts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/test_routines.h"

namespace stafett::engine {
namespace {

using namespace testing;
using ::testing::HasSubstr;

const Effect* Find(const Decision& d, Effect::Kind kind,
                   const std::string& what) {
  for (const auto& e : d.effects) {
    if (e.kind == kind &&
        (kind == Effect::Kind::kNotify ? e.event : e.deadline_kind) == what) {
      return &e;
    }
  }
  return nullptr;
}

TEST(BatonTest, OfferFromNobodyByTheReporter) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "vurdering");
  auto d = Apply(s, r, OfferCmd(kPpt), As(kSchool), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->snapshot.baton, BatonState::kOffered);
  EXPECT_TRUE(d->snapshot.baton_holder.empty());
  EXPECT_EQ(d->snapshot.baton_offered_to, kPpt);
  ASSERT_EQ(d->journal.size(), 1u);
  EXPECT_EQ(d->journal[0].kind, "baton_offered");
  EXPECT_EQ(d->journal[0].detail_json, R"({"from":"","to":"ppt"})");
  const Effect* n = Find(*d, Effect::Kind::kNotify, "baton_offered");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->service, kPpt);
  const Effect* due = Find(*d, Effect::Kind::kSetDeadline, "baton");
  ASSERT_NE(due, nullptr);
  EXPECT_EQ(due->due_at, At("2026-03-09T09:00:00Z"));  // 5 working days
  // The offeree is told the answer deadline, not the step's.
  EXPECT_EQ(n->deadline_kind, "baton");
  EXPECT_EQ(n->due_at, due->due_at);
  // The offeree sees the case at level 0 and may answer.
  EXPECT_TRUE(CanSee(d->snapshot, kPpt, T0()));
}

TEST(BatonTest, AcceptMakesTheOffereeTheHolder) {
  auto r = BtiRoutine();
  Snapshot s = Must(r, BtiCaseAt(r, "vurdering"), OfferCmd(kPpt), kSchool);
  auto d = Apply(s, r, AcceptCmd(), As(kPpt), T0());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->snapshot.baton, BatonState::kHeld);
  EXPECT_EQ(d->snapshot.baton_holder, kPpt);
  EXPECT_TRUE(d->snapshot.baton_offered_to.empty());
  EXPECT_EQ(d->journal[0].kind, "baton_accepted");
  EXPECT_NE(Find(*d, Effect::Kind::kClearDeadline, "baton"), nullptr);
}

TEST(BatonTest, DeclineWithoutHolderReturnsToNone) {
  auto r = BtiRoutine();
  Snapshot s = Must(r, BtiCaseAt(r, "vurdering"), OfferCmd(kPpt), kSchool);
  auto d = Apply(s, r, DeclineCmd(), As(kPpt), T0());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->snapshot.baton, BatonState::kNone);
  EXPECT_TRUE(d->snapshot.baton_offered_to.empty());
  EXPECT_EQ(d->journal[0].kind, "baton_declined");
  const Effect* n = Find(*d, Effect::Kind::kNotify, "baton_declined");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->service, kSchool);
  EXPECT_NE(Find(*d, Effect::Kind::kClearDeadline, "baton"), nullptr);
}

// On a baton step at level 1: skole holds; offered to helsestasjon.
class HandoverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    s_ = BtiCaseAt(r_, "plan1");
    ASSERT_EQ(s_.baton_holder, kSchool);
    offered_ = Must(r_, s_, OfferCmd(kHealth), kSchool);
  }
  routine::Routine r_ = BtiRoutine();
  Snapshot s_;
  Snapshot offered_;
  Fields eval_{{"evaluering_dato", std::string("2026-04-15")}};
};

TEST_F(HandoverTest, OldHolderStaysResponsibleUntilAccepted) {
  EXPECT_EQ(offered_.baton, BatonState::kOffered);
  EXPECT_EQ(offered_.baton_holder, kSchool);
  EXPECT_EQ(offered_.responsible_service, kSchool);
  EXPECT_EQ(Apply(offered_, r_, OutcomeCmd("evaluer", eval_), As(kHealth), T0())
                .status()
                .code(),
            Code::kNotAllowed);
  EXPECT_TRUE(
      Apply(offered_, r_, OutcomeCmd("evaluer", eval_), As(kSchool), T0())
          .ok());

  auto d = Apply(offered_, r_, AcceptCmd(), As(kHealth), T0());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->snapshot.responsible_service, kHealth);
  EXPECT_EQ(d->journal[0].detail_json,
            R"({"from":"skole","to":"helsestasjon"})");
  // The old holder hears that it is relieved; the new one acted itself.
  const Effect* n = Find(*d, Effect::Kind::kNotify, "baton_accepted");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->service, kSchool);
  EXPECT_EQ(Find(*d, Effect::Kind::kNotify, "step_assigned"), nullptr);
  EXPECT_TRUE(
      Apply(d->snapshot, r_, OutcomeCmd("evaluer", eval_), As(kHealth), T0())
          .ok());
  EXPECT_EQ(
      Apply(d->snapshot, r_, OutcomeCmd("evaluer", eval_), As(kSchool), T0())
          .status()
          .code(),
      Code::kNotAllowed);
}

TEST_F(HandoverTest, DeclineReturnsToTheHolder) {
  auto d = Apply(offered_, r_, DeclineCmd(), As(kHealth), T0());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->snapshot.baton, BatonState::kHeld);
  EXPECT_EQ(d->snapshot.baton_holder, kSchool);
  EXPECT_EQ(d->snapshot.responsible_service, kSchool);
  EXPECT_EQ(Find(*d, Effect::Kind::kNotify, "baton_declined")->service,
            kSchool);
}

TEST_F(HandoverTest, OnlyTheOffereeAnswers) {
  for (const auto& c : {AcceptCmd(), DeclineCmd()}) {
    auto d = Apply(offered_, r_, c, As(kSchool), T0());
    EXPECT_EQ(d.status().code(), Code::kNotAllowed);
    EXPECT_THAT(d.status().message(), HasSubstr("bare 'helsestasjon'"));
  }
}

TEST_F(HandoverTest, HolderMayReplaceAnUnansweredOffer) {
  auto d = Apply(offered_, r_, OfferCmd(kPpt), As(kSchool), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->snapshot.baton_offered_to, kPpt);
  EXPECT_THAT(d->journal[0].detail_json,
              HasSubstr(R"("replaces_offer_to":"helsestasjon")"));
  EXPECT_EQ(
      Apply(d->snapshot, r_, AcceptCmd(), As(kHealth), T0()).status().code(),
      Code::kNotAllowed);
}

TEST_F(HandoverTest, AcceptNeedsConsentStillInForce) {
  auto late =
      Apply(offered_, r_, AcceptCmd(), As(kHealth), At("2027-01-05T09:00:00Z"));
  EXPECT_EQ(late.status().code(), Code::kNotAllowed);
  EXPECT_THAT(late.status().message(), HasSubstr("helsestasjon"));
}

struct OfferRefusalRow {
  std::string name;
  std::string step;
  std::string actor;
  std::string to;
  Code code;
  std::string field;
};

class OfferRefusalTest : public ::testing::TestWithParam<OfferRefusalRow> {};

TEST_P(OfferRefusalTest, IsRefused) {
  const auto& row = GetParam();
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, row.step);
  auto d = Apply(s, r, OfferCmd(row.to), As(row.actor), T0());
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), row.code) << d.status().ToString();
  EXPECT_EQ(d.status().field(), row.field);
}

INSTANTIATE_TEST_SUITE_P(
    Table, OfferRefusalTest,
    ::testing::Values(
        // plan1: skole holds the baton, consent covers skole, helse, ppt.
        OfferRefusalRow{"NotTheHolder", "plan1", kPpt, kHealth,
                        Code::kNotAllowed, ""},
        OfferRefusalRow{"ToTheHolder", "plan1", kSchool, kSchool,
                        Code::kInvalidArgument, "to_service"},
        OfferRefusalRow{"ToNobody", "plan1", kSchool, "",
                        Code::kInvalidArgument, "to_service"},
        OfferRefusalRow{"ToUnknown", "plan1", kSchool, "bup",
                        Code::kInvalidArgument, "to_service"},
        OfferRefusalRow{"OutsideConsentAboveLevel0", "plan1", kSchool, kNav,
                        Code::kNotAllowed, ""},
        OfferRefusalRow{"CannotSee", "plan1", kNav, kHealth,
                        Code::kPermissionDenied, ""},
        // undring: ppt is not on the case.
        OfferRefusalRow{"NotWorkingOnTheCase", "undring", kPpt, kHealth,
                        Code::kPermissionDenied, ""}),
    [](const auto& info) { return info.param.name; });

TEST(BatonTest, WithoutHolderTheResponsibleServiceMayOffer) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "drofting");
  EXPECT_TRUE(Apply(s, r, OfferCmd(kHealth), As(kPpt), T0()).ok());
  EXPECT_TRUE(Apply(s, r, OfferCmd(kHealth), As(kSchool), T0()).ok());
  // At level 0 no consent is needed to offer.
  EXPECT_TRUE(Apply(s, r, OfferCmd(kNav), As(kSchool), T0()).ok());
}

TEST(BatonTest, AnsweringWithoutAnOfferIsNotAllowed) {
  auto r = BtiRoutine();
  for (const std::string step : {"vurdering", "plan1"}) {  // none, held
    Snapshot s = BtiCaseAt(r, step);
    for (const auto& c : {AcceptCmd(), DeclineCmd()}) {
      auto d = Apply(s, r, c, As(kSchool), T0());
      EXPECT_EQ(d.status().code(), Code::kNotAllowed) << step;
      EXPECT_THAT(d.status().message(), HasSubstr("ikke tilbudt"));
    }
  }
}

}  // namespace
}  // namespace stafett::engine
