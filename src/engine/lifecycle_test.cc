// Commands every state meets: the child-welfare report (rule a), notes,
// closing, and what a closed case refuses.
#include <functional>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/test_routines.h"

namespace stafett::engine {
namespace {

using namespace testing;
using ::testing::HasSubstr;

struct NamedState {
  std::string name;
  std::function<Snapshot(const routine::Routine&)> make;
  bool closed = false;
};

std::vector<NamedState> EveryState();

std::vector<NamedState> StatesWhere(bool closed) {
  std::vector<NamedState> out;
  for (auto& s : EveryState()) {
    if (s.closed == closed) out.push_back(s);
  }
  return out;
}

std::vector<NamedState> EveryState() {
  return {
      {"Concern", [](const auto& r) { return BtiCaseAt(r, "undring"); }},
      {"Observation",
       [](const auto& r) { return BtiCaseAt(r, "observasjon"); }},
      {"TeamMeetingLevel0",
       [](const auto& r) { return BtiCaseAt(r, "drofting"); }},
      {"EvaluationConsented",
       [](const auto& r) {
         return Must(r, BtiCaseAt(r, "vurdering"), ConsentCmd({kSchool}),
                     kSchool);
       }},
      {"ActionHeld", [](const auto& r) { return BtiCaseAt(r, "plan1"); }},
      {"ActionOffered",
       [](const auto& r) {
         return Must(r, BtiCaseAt(r, "plan1"), OfferCmd(kPpt), kSchool);
       }},
      {"ActionWithdrawn",
       [](const auto& r) {
         return Must(r, BtiCaseAt(r, "plan1"), WithdrawCmd(), kSchool);
       }},
      {"EvaluationLevel1",
       [](const auto& r) { return BtiCaseAt(r, "evaluering"); }},
      {"TeamMeetingLevel2",
       [](const auto& r) { return BtiCaseAt(r, "nettverk"); }},
      {"TeamMeetingLevel3",
       [](const auto& r) { return BtiCaseAt(r, "tverrfaglig"); }},
      {"AbuseStepAnonymous",
       [](const auto& r) { return BtiCaseAt(r, "meldt"); }},
      {"ClosedByOutcome",
       [](const auto& r) {
         return Must(r, Opened(r), OutcomeCmd("ingen_grunn"), kSchool);
       },
       true},
      {"ClosedByCommand",
       [](const auto& r) {
         return Must(r, BtiCaseAt(r, "plan1"), CloseCmd(), kSchool);
       },
       true},
      {"ClosedAfterWithdrawal",
       [](const auto& r) {
         Snapshot s = Must(r, BtiCaseAt(r, "plan1"), WithdrawCmd(), kSchool);
         return Must(r, s, CloseCmd(), kSchool);
       },
       true},
  };
}

class EveryStateTest : public ::testing::TestWithParam<NamedState> {
 protected:
  routine::Routine r_ = BtiRoutine();
};

// Rule (a): nothing blocks the report: not the state, not consent, not the
// role, not even a service that cannot see the case.
TEST_P(EveryStateTest, ChildWelfareReportIsAlwaysAccepted) {
  Snapshot s = GetParam().make(r_);
  TimePoint now = At("2026-06-15T20:30:00Z");  // 22:30 in Oslo (summer)
  for (const Actor& a : {As(kSchool), As(kNav), As(kPpt, Role::kAuditor),
                         Actor{"test", "", Role::kAdmin}}) {
    Command c = ReportCmd();
    c.text = "Innholdet i meldingen skal ikke lagres.";
    auto d = Apply(s, r_, c, a, now);
    ASSERT_TRUE(d.ok()) << a.service << ": " << d.status().ToString();
    Snapshot want = s;
    want.version = s.version + 1;
    want.child_welfare_reported_at = now;
    EXPECT_EQ(d->snapshot, want);
    ASSERT_EQ(d->journal.size(), 1u);
    const auto& e = d->journal[0];
    EXPECT_EQ(e.kind, "child_welfare_reported");
    EXPECT_EQ(e.text, "");
    EXPECT_EQ(e.step, s.step);
    EXPECT_EQ(e.level, s.level);
    EXPECT_EQ(e.actor_service, a.service);
    EXPECT_EQ(e.actor_role, a.role);
    EXPECT_EQ(e.at, now);
    ASSERT_EQ(d->effects.size(), 1u);
    EXPECT_EQ(d->effects[0].kind, Effect::Kind::kSetDeadline);
    EXPECT_EQ(d->effects[0].deadline_kind, "report");
    EXPECT_EQ(d->effects[0].due_at,
              At("2026-06-15T22:00:00Z"));  // Oslo midnight
    EXPECT_FALSE(d->left.has_value());
    EXPECT_FALSE(d->entered.has_value());
  }
}

TEST_P(EveryStateTest, NoteByAServiceThatSeesTheCase) {
  Snapshot s = GetParam().make(r_);
  auto d = Apply(s, r_, NoteCmd("Lysglimt: deltok i friminuttet."), As(kSchool),
                 T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  Snapshot want = s;
  want.version = s.version + 1;
  EXPECT_EQ(d->snapshot, want);
  ASSERT_EQ(d->journal.size(), 1u);
  EXPECT_EQ(d->journal[0].kind, "note");
  EXPECT_EQ(d->journal[0].text, "Lysglimt: deltok i friminuttet.");
  EXPECT_TRUE(d->effects.empty());

  EXPECT_EQ(Apply(s, r_, NoteCmd(), As(kNav), T0()).status().code(),
            Code::kPermissionDenied);
  auto blank = Apply(s, r_, NoteCmd(" "), As(kSchool), T0());
  EXPECT_EQ(blank.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(blank.status().field(), "text");
}

using ClosedStateTest = EveryStateTest;
using OpenStateTest = EveryStateTest;

TEST_P(ClosedStateTest, RefusesAllButNotesAndReports) {
  Snapshot s = GetParam().make(r_);
  ASSERT_EQ(s.status, CaseStatus::kClosed);
  for (const Command& c :
       {OutcomeCmd("konkretiser"), OutcomeCmd("suspected_abuse"),
        ConsentCmd({kSchool}), WithdrawCmd(), ExpireCmd(), OfferCmd(kPpt),
        AcceptCmd(), DeclineCmd(), CloseCmd()}) {
    auto d = Apply(s, r_, c, As(kSchool), T0());
    ASSERT_FALSE(d.ok()) << CommandTypeName(c.type);
    EXPECT_EQ(d.status().code(), Code::kNotAllowed) << CommandTypeName(c.type);
    EXPECT_THAT(d.status().message(), HasSubstr("Saken er avsluttet"));
  }
}

TEST_P(OpenStateTest, ReporterMayClose) {
  Snapshot s = GetParam().make(r_);
  ASSERT_EQ(s.status, CaseStatus::kOpen);
  Command c = CloseCmd("Målet er nådd.");
  auto d = Apply(s, r_, c, As(kSchool), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->snapshot.status, CaseStatus::kClosed);
  EXPECT_EQ(d->snapshot.closed_reason, "Målet er nådd.");
  EXPECT_EQ(d->snapshot.step, s.step);  // closed where it stood
  EXPECT_EQ(d->snapshot.level, s.level);
  EXPECT_EQ(d->snapshot.version, s.version + 1);
  EXPECT_FALSE(d->snapshot.due_at.has_value());
  ASSERT_TRUE(d->left.has_value());
  EXPECT_EQ(d->left->outcome, "close");
  EXPECT_EQ(d->left->seq, s.visit_seq);
  EXPECT_FALSE(d->entered.has_value());
  ASSERT_EQ(d->journal.size(), 1u);
  EXPECT_EQ(d->journal[0].kind, "closed");
  EXPECT_EQ(d->journal[0].detail_json, R"({"reason":"Målet er nådd."})");
  std::vector<std::string> cleared;
  for (const auto& e : d->effects) {
    EXPECT_EQ(e.kind, Effect::Kind::kClearDeadline);
    cleared.push_back(e.deadline_kind);
  }
  // "report" stays: the duty to confirm a report outlives the case.
  EXPECT_EQ(cleared, (std::vector<std::string>{"step", "consent", "baton"}));
}

auto StateName = [](const auto& info) { return info.param.name; };
INSTANTIATE_TEST_SUITE_P(All, EveryStateTest, ::testing::ValuesIn(EveryState()),
                         StateName);
INSTANTIATE_TEST_SUITE_P(Open, OpenStateTest,
                         ::testing::ValuesIn(StatesWhere(false)), StateName);
INSTANTIATE_TEST_SUITE_P(Closed, ClosedStateTest,
                         ::testing::ValuesIn(StatesWhere(true)), StateName);

TEST(CloseTest, ResponsibleServiceMayCloseOthersMayNot) {
  auto r = BtiRoutine();
  Snapshot d = BtiCaseAt(r, "drofting");
  EXPECT_TRUE(Apply(d, r, CloseCmd(), As(kPpt), T0()).ok());
  Snapshot p = BtiCaseAt(r, "plan1");
  auto refused = Apply(p, r, CloseCmd(), As(kPpt), T0());
  EXPECT_EQ(refused.status().code(), Code::kNotAllowed);
  EXPECT_THAT(refused.status().message(), HasSubstr("kan avslutte saken"));
  auto blank = Apply(p, r, CloseCmd(""), As(kSchool), T0());
  EXPECT_EQ(blank.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(blank.status().field(), "reason");
}

TEST(ApplyTest, VersionsIncrementByOneAlongAWay) {
  auto r = BtiRoutine();
  Snapshot s = Opened(r);
  EXPECT_EQ(s.version, 1);
  std::int64_t v = s.version;
  std::vector<std::pair<Command, std::string>> way = {
      {NoteCmd(), kSchool},      {OutcomeCmd("konkretiser"), kSchool},
      {ReportCmd(), kNav},       {ConsentCmd({kSchool}), kSchool},
      {OfferCmd(kPpt), kSchool}, {DeclineCmd(), kPpt},
      {WithdrawCmd(), kSchool},  {CloseCmd(), kSchool},
      {NoteCmd(), kSchool}};
  for (const auto& [c, service] : way) {
    s = Must(r, s, c, service);
    EXPECT_EQ(s.version, ++v) << CommandTypeName(c.type);
  }
}

TEST(ApplyTest, SnapshotOfAnotherRoutineVersionIsAnInternalError) {
  auto r = BtiRoutine();
  Snapshot s = Opened(r);
  auto changed = r;
  changed.hash = "other";
  EXPECT_EQ(Apply(s, changed, NoteCmd(), As(kSchool), T0()).status().code(),
            Code::kInternal);
}

TEST(ApplyTest, CorruptSnapshotsAreInternalErrors) {
  auto r = BtiRoutine();
  Snapshot good = BtiCaseAt(r, "plan1");
  std::vector<std::function<void(Snapshot&)>> breaks = {
      [](Snapshot& s) { s.step = "nowhere"; },
      [](Snapshot& s) { s.level = 2; },
      [](Snapshot& s) {
        s.step = "avsluttet";
        s.level = 0;
      },
      [](Snapshot& s) { s.consent.reset(); },
      [](Snapshot& s) { s.baton = BatonState::kNone; },
      [](Snapshot& s) { s.baton = BatonState::kOffered; },
      [](Snapshot& s) {
        s.status = CaseStatus::kClosed;
        s.closed_reason.clear();
      },
  };
  for (std::size_t i = 0; i < breaks.size(); ++i) {
    Snapshot s = good;
    breaks[i](s);
    auto d = Apply(s, r, ReportCmd(), As(kSchool), T0());
    EXPECT_EQ(d.status().code(), Code::kInternal) << i;
    EXPECT_TRUE(Allowed(s, r, As(kSchool), T0()).empty()) << i;
  }
}

}  // namespace
}  // namespace stafett::engine
