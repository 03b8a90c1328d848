// The sharing region: giving, renewing, withdrawing and expiring consent,
// and rule (d): services outside the scope lose the case.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/test_routines.h"

namespace stafett::engine {
namespace {

using namespace testing;
using ::testing::HasSubstr;

std::vector<std::string> Kinds(const Decision& d) {
  std::vector<std::string> k;
  for (const auto& e : d.journal) k.push_back(e.kind);
  return k;
}

std::vector<std::string> Notified(const Decision& d, const std::string& event) {
  std::vector<std::string> s;
  for (const auto& e : d.effects) {
    if (e.kind == Effect::Kind::kNotify && e.event == event)
      s.push_back(e.service);
  }
  return s;
}

bool Clears(const Decision& d, const std::string& kind) {
  for (const auto& e : d.effects) {
    if (e.kind == Effect::Kind::kClearDeadline && e.deadline_kind == kind)
      return true;
  }
  return false;
}

TEST(ConsentTest, GivingConsentRecordsScopeAndExpiry) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "vurdering");
  Command c =
      ConsentCmd({kSchool, kPpt, kSchool}, "2026-12-31", "young_person");
  auto d = Apply(s, r, c, As(kSchool), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->snapshot.sharing, Sharing::kConsented);
  ASSERT_TRUE(d->snapshot.consent.has_value());
  EXPECT_EQ(d->snapshot.consent->given_by, "young_person");
  EXPECT_EQ(d->snapshot.consent->services,
            (std::vector<std::string>{kSchool, kPpt}));
  EXPECT_EQ(d->snapshot.consent->valid_until, "2026-12-31");
  EXPECT_EQ(d->snapshot.consent->given_at, T0());
  EXPECT_EQ(Kinds(*d), (std::vector<std::string>{"consent_given"}));
  EXPECT_EQ(d->journal[0].detail_json,
            R"({"given_by":"young_person","services":["skole","ppt"],)"
            R"("valid_until":"2026-12-31","renewed":false})");
  ASSERT_EQ(d->effects.size(), 1u);
  EXPECT_EQ(d->effects[0].kind, Effect::Kind::kSetDeadline);
  EXPECT_EQ(d->effects[0].deadline_kind, "consent");
  // The start of the day after valid_until, Oslo time.
  EXPECT_EQ(d->effects[0].due_at, At("2026-12-31T23:00:00Z"));
  EXPECT_TRUE(CanSee(d->snapshot, kPpt, T0()));
}

TEST(ConsentTest, DefaultValidityComesFromTheRoutine) {
  auto r = BtiRoutine();
  auto d = Apply(Opened(r), r, ConsentCmd({kSchool}, ""), As(kSchool), T0());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->snapshot.consent->valid_until, "2027-03-02");  // P12M
  r.settings.consent_validity = IsoDuration{0, 6};
  d = Apply(Opened(r), r, ConsentCmd({kSchool}, ""), As(kSchool), T0());
  EXPECT_EQ(d->snapshot.consent->valid_until, "2026-09-02");
}

struct BadConsentRow {
  std::string name;
  Command cmd;
  std::string field;
};

class BadConsentTest : public ::testing::TestWithParam<BadConsentRow> {};

TEST_P(BadConsentTest, IsInvalid) {
  auto r = BtiRoutine();
  auto d = Apply(Opened(r), r, GetParam().cmd, As(kSchool), T0());
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), Code::kInvalidArgument) << d.status().ToString();
  EXPECT_EQ(d.status().field(), GetParam().field);
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadConsentTest,
    ::testing::Values(
        BadConsentRow{"GivenByName",
                      ConsentCmd({kSchool}, "2026-12-31", "Kari Nordmann"),
                      "given_by"},
        BadConsentRow{"GivenByEmpty", ConsentCmd({kSchool}, "2026-12-31", ""),
                      "given_by"},
        BadConsentRow{"NoServices", ConsentCmd({}, "2026-12-31"), "services"},
        BadConsentRow{"UnknownService",
                      ConsentCmd({kSchool, "bup"}, "2026-12-31"), "services"},
        BadConsentRow{"BadDate", ConsentCmd({kSchool}, "31.12.2026"),
                      "valid_until"},
        BadConsentRow{"Today", ConsentCmd({kSchool}, "2026-03-02"),
                      "valid_until"},
        BadConsentRow{"Past", ConsentCmd({kSchool}, "2025-12-31"),
                      "valid_until"}),
    [](const auto& info) { return info.param.name; });

TEST(ConsentTest, WhoMayGiveConsent) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "drofting");  // reporter skole, responsible ppt
  EXPECT_TRUE(Apply(s, r, ConsentCmd({kSchool}), As(kSchool), T0()).ok());
  EXPECT_TRUE(Apply(s, r, ConsentCmd({kSchool}), As(kPpt), T0()).ok());
  EXPECT_EQ(Apply(s, r, ConsentCmd({kSchool}), As(kNav), T0()).status().code(),
            Code::kPermissionDenied);
  // In scope and able to see, but not working on the case.
  Snapshot p = BtiCaseAt(r, "plan1");
  auto d = Apply(p, r, ConsentCmd({kSchool, kPpt}), As(kPpt), T0());
  EXPECT_EQ(d.status().code(), Code::kNotAllowed);
}

TEST(ConsentTest, RenewingReplacesTheConsent) {
  auto r = BtiRoutine();
  Snapshot s = Must(r, Opened(r), ConsentCmd({kSchool}, "2026-06-30"), kSchool);
  auto d =
      Apply(s, r, ConsentCmd({kSchool, kPpt}, "2026-12-31"), As(kSchool), T0());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->snapshot.sharing, Sharing::kConsented);
  EXPECT_EQ(d->snapshot.consent->services,
            (std::vector<std::string>{kSchool, kPpt}));
  EXPECT_THAT(d->journal[0].detail_json, HasSubstr("\"renewed\":true"));
}

TEST(ConsentTest, WithdrawingIsRefusedWithoutConsent) {
  auto r = BtiRoutine();
  auto d = Apply(Opened(r), r, WithdrawCmd(), As(kSchool), T0());
  EXPECT_EQ(d.status().code(), Code::kNotAllowed);
  EXPECT_THAT(d.status().message(), HasSubstr("samtykke i kraft"));
}

TEST(ConsentTest, WithdrawnConsentCanBeGivenAgain) {
  auto r = BtiRoutine();
  Snapshot s = Must(r, Opened(r), ConsentCmd({kSchool}), kSchool);
  s = Must(r, s, WithdrawCmd(), kSchool);
  EXPECT_EQ(s.sharing, Sharing::kWithdrawn);
  ASSERT_TRUE(s.consent.has_value());  // kept as the record
  EXPECT_EQ(Apply(s, r, WithdrawCmd(), As(kSchool), T0()).status().code(),
            Code::kNotAllowed);
  s = Must(r, s, ConsentCmd({kSchool, kHealth}), kSchool);
  EXPECT_EQ(s.sharing, Sharing::kConsented);
  EXPECT_TRUE(ConsentEffective(s, T0()));
}

// Rule (d) on the baton holder: at level 1 the holder (helsestasjon) and
// ppt lose the case; the baton returns to the reporter, who becomes
// responsible for the baton step.
TEST(ConsentTest, WithdrawalRevokesAccessAndReturnsTheBaton) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "plan1");
  s = Must(r, s, OfferCmd(kHealth), kSchool);
  s = Must(r, s, AcceptCmd(), kHealth);
  ASSERT_EQ(s.responsible_service, kHealth);

  Command w = WithdrawCmd();
  w.text = "Foresatte trakk samtykket i møte.";
  auto d = Apply(s, r, w, As(kHealth), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  const Snapshot& n = d->snapshot;
  EXPECT_EQ(n.sharing, Sharing::kWithdrawn);
  EXPECT_EQ(n.baton, BatonState::kHeld);
  EXPECT_EQ(n.baton_holder, kSchool);
  EXPECT_EQ(n.responsible_service, kSchool);
  EXPECT_EQ(n.step, "plan1");
  EXPECT_EQ(Kinds(*d),
            (std::vector<std::string>{"consent_withdrawn", "access_revoked",
                                      "access_revoked"}));
  EXPECT_EQ(d->journal[0].text, "Foresatte trakk samtykket i møte.");
  EXPECT_THAT(
      d->journal[1].detail_json,
      HasSubstr(
          R"("service":"helsestasjon","cause":"consent_withdrawn","held_baton":true)"));
  EXPECT_THAT(d->journal[2].detail_json, HasSubstr(R"("service":"ppt")"));
  EXPECT_EQ(Notified(*d, "access_revoked"),
            (std::vector<std::string>{kHealth, kPpt}));
  EXPECT_EQ(Notified(*d, "step_assigned"), (std::vector<std::string>{kSchool}));
  EXPECT_TRUE(Clears(*d, "consent"));
  EXPECT_FALSE(CanSee(n, kHealth, T0()));
  EXPECT_FALSE(CanSee(n, kPpt, T0()));
  EXPECT_TRUE(CanSee(n, kSchool, T0()));
  // The reporter can go on: close, or get consent again.
  EXPECT_TRUE(Apply(n, r, CloseCmd(), As(kSchool), T0()).ok());
  EXPECT_EQ(Apply(n, r, NoteCmd(), As(kHealth), T0()).status().code(),
            Code::kPermissionDenied);
}

TEST(ConsentTest, ExpiryRevokesLikeWithdrawal) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "plan1");  // consent until 2026-12-31
  s = Must(r, s, OfferCmd(kPpt), kSchool);
  auto early = Apply(s, r, ExpireCmd(), Actor{"test", "", Role::kAdmin},
                     At("2026-12-31T22:59:00Z"));
  EXPECT_EQ(early.status().code(), Code::kNotAllowed);
  EXPECT_THAT(early.status().message(), HasSubstr("2026-12-31"));

  auto d = Apply(s, r, ExpireCmd(), Actor{"test", "", Role::kAdmin},
                 At("2026-12-31T23:00:00Z"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->snapshot.sharing, Sharing::kWithdrawn);
  // The offer to ppt lapses; the school keeps the baton.
  EXPECT_EQ(d->snapshot.baton, BatonState::kHeld);
  EXPECT_EQ(d->snapshot.baton_holder, kSchool);
  EXPECT_TRUE(d->snapshot.baton_offered_to.empty());
  EXPECT_EQ(Kinds(*d),
            (std::vector<std::string>{"consent_expired", "access_revoked",
                                      "access_revoked"}));
  EXPECT_THAT(d->journal[1].detail_json, HasSubstr("consent_expired"));
  EXPECT_EQ(Notified(*d, "access_revoked"),
            (std::vector<std::string>{kHealth, kPpt}));
  EXPECT_TRUE(Clears(*d, "consent"));
  EXPECT_TRUE(Clears(*d, "baton"));
}

TEST(ConsentTest, ExpiryWithoutConsentIsRefused) {
  auto r = BtiRoutine();
  EXPECT_EQ(Apply(Opened(r), r, ExpireCmd(), As(kSchool), T0()).status().code(),
            Code::kNotAllowed);
}

// Issue 12: a renewal extends the scope; narrowing it names the services
// removed and is confirmed (consent_points_test.cc has the refusals).
TEST(ConsentTest, NarrowingTheScopeRevokesTheServicesLeftOut) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "plan1");
  Command c = ConsentCmd({kSchool, kHealth});
  c.remove_services = {kPpt};
  c.confirm_remove = true;
  auto d = Apply(s, r, c, As(kSchool), T0());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(Notified(*d, "access_revoked"), (std::vector<std::string>{kPpt}));
  EXPECT_THAT(d->journal.back().detail_json, HasSubstr("consent_changed"));
}

// At level 0 the team that works on the case keeps it without consent;
// services that only the consent let in lose it.
TEST(ConsentTest, WithdrawalAtLevelZeroKeepsTheTeam) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "drofting");
  s = Must(r, s, ConsentCmd({kSchool, kHealth}), kSchool);
  auto d = Apply(s, r, WithdrawCmd(), As(kSchool), T0());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(Notified(*d, "access_revoked"),
            (std::vector<std::string>{kHealth}));
  EXPECT_TRUE(CanSee(d->snapshot, kPpt, T0()));
}

TEST(ConsentTest, AnyServiceThatSeesTheCaseMayRecordAWithdrawal) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "plan1");
  EXPECT_TRUE(Apply(s, r, WithdrawCmd(), As(kPpt), T0()).ok());
  EXPECT_EQ(Apply(s, r, WithdrawCmd(), As(kNav), T0()).status().code(),
            Code::kPermissionDenied);
}

}  // namespace
}  // namespace stafett::engine
