// Issue 12: where a routine says consent is needed (a step's `consent`
// key), and renewing consent without surprises (it extends the scope; a
// narrower scope is named and confirmed).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/test_routines.h"

namespace stafett::engine {
namespace {

using namespace testing;
using routine::ConsentPoint;
using ::testing::HasSubstr;

routine::Step* Find(routine::Routine& r, const std::string& id) {
  for (auto& s : r.steps) {
    if (s.id == id) return &s;
  }
  ADD_FAILURE() << "no step " << id;
  return nullptr;
}

std::vector<std::string> Notified(const Decision& d, const std::string& event) {
  std::vector<std::string> s;
  for (const auto& e : d.effects) {
    if (e.kind == Effect::Kind::kNotify && e.event == event)
      s.push_back(e.service);
  }
  return s;
}

// vurdering --niva1--> samtykke (level 1, consent: collect) --gitt--> plan1.
routine::Routine WithConsentStep() {
  routine::Routine r = BtiRoutine();
  routine::Step s = r.steps[4];  // plan1, as a template
  s.id = "samtykke";
  s.consent = ConsentPoint::kCollect;
  s.fields.clear();
  s.outcomes.clear();
  routine::Outcome gitt;
  gitt.name = "gitt";
  gitt.to = "plan1";
  routine::Outcome nei;
  nei.name = "nei";
  nei.to = "avsluttet";
  s.outcomes = {gitt, nei};
  r.steps.insert(r.steps.begin() + 4, s);
  Find(r, "vurdering")->outcomes[0].to = "samtykke";
  return r;
}

TEST(ConsentPointsTest, AStepThatCollectsConsentIsEnteredWithoutIt) {
  auto r = WithConsentStep();
  Snapshot s = BtiCaseAt(r, "vurdering");
  // The team at level 0: ppt holds the baton without consent.
  s = Must(r, s, OfferCmd(kPpt), kSchool);
  s = Must(r, s, AcceptCmd(), kPpt);
  auto d = Apply(s, r, OutcomeCmd("niva1"), As(kSchool), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->snapshot.step, "samtykke");
  // The case keeps its level until consent is in place: nobody loses it.
  EXPECT_EQ(d->snapshot.level, 0);
  EXPECT_EQ(d->entered->level, 0);
  EXPECT_EQ(d->snapshot.baton_holder, kPpt);
  EXPECT_TRUE(Notified(*d, "access_revoked").empty());
  // Leaving into plan1 (level 1) needs the consent the step collects.
  auto early = Apply(d->snapshot, r, OutcomeCmd("gitt"), As(kPpt), T0());
  EXPECT_EQ(early.status().code(), Code::kNotAllowed);
  EXPECT_THAT(early.status().message(),
              HasSubstr("krever samtykke, men saken har ikke gyldig samtykke"));
  Snapshot c = Must(r, d->snapshot, ConsentCmd({kSchool, kPpt}), kPpt);
  Snapshot n = Must(r, c, OutcomeCmd("gitt"), kPpt);
  EXPECT_EQ(n.step, "plan1");
  EXPECT_EQ(n.level, 1);
}

TEST(ConsentPointsTest, WithoutTheKeyAStepAboveLevelZeroStillNeedsConsent) {
  auto r = BtiRoutine();  // plan1 has no consent key: today's rule
  Snapshot s = BtiCaseAt(r, "vurdering");
  auto d = Apply(s, r, OutcomeCmd("niva1"), As(kSchool), T0());
  EXPECT_EQ(d.status().code(), Code::kNotAllowed);
}

TEST(ConsentPointsTest, ARequiredStepAtLevelZeroNeedsConsentToo) {
  auto r = BtiRoutine();
  Find(r, "drofting")->consent = ConsentPoint::kRequired;  // ppt's meeting
  Snapshot s = BtiCaseAt(r, "observasjon");
  Command drofte =
      OutcomeCmd("drofte", {{"observert_dato", std::string("2026-03-01")}});
  auto d = Apply(s, r, drofte, As(kSchool), T0());
  EXPECT_EQ(d.status().code(), Code::kNotAllowed);
  EXPECT_THAT(d.status().message(),
              HasSubstr("Steget 'drofting' er på nivå 0"));
  EXPECT_THAT(d.status().message(), HasSubstr("ppt"));
  // What a client may offer follows the same rule.
  for (const auto& a : Allowed(s, r, As(kSchool), T0())) {
    EXPECT_NE(a.outcome, "drofte");
  }
  s = Must(r, s, ConsentCmd({kSchool, kPpt}), kSchool);
  Snapshot n = Must(r, s, drofte, kSchool);
  EXPECT_EQ(n.step, "drofting");
  EXPECT_EQ(n.level, 0);
}

TEST(ConsentRenewalTest, RenewingExtendsTheScope) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "plan1");  // skole, helsestasjon, ppt
  auto d =
      Apply(s, r, ConsentCmd({kSchool, kNav}, "2027-01-31"), As(kSchool), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->snapshot.consent->services,
            (std::vector<std::string>{kSchool, kHealth, kPpt, kNav}));
  EXPECT_EQ(d->snapshot.consent->valid_until, "2027-01-31");
  EXPECT_TRUE(Notified(*d, "access_revoked").empty());
  EXPECT_THAT(d->journal[0].detail_json,
              HasSubstr(R"("renewed":true,"added":["nav"],"removed":[])"));
}

TEST(ConsentRenewalTest, RemovingIsNamedAndConfirmed) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "plan1");
  s = Must(r, s, OfferCmd(kHealth), kSchool);
  s = Must(r, s, AcceptCmd(), kHealth);
  Command c = ConsentCmd({kSchool});
  c.remove_services = {kHealth, kPpt};
  auto refused = Apply(s, r, c, As(kSchool), T0());
  ASSERT_EQ(refused.status().code(), Code::kNotAllowed);
  EXPECT_THAT(
      refused.status().message(),
      HasSubstr("fjerner helsestasjon (har stafettpinnen) (er ansvarlig "
                "for steget), ppt. De mister da tilgangen"));
  EXPECT_THAT(refused.status().message(), HasSubstr("confirm_remove: true"));

  c.confirm_remove = true;
  auto d = Apply(s, r, c, As(kSchool), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->snapshot.consent->services, (std::vector<std::string>{kSchool}));
  EXPECT_EQ(Notified(*d, "access_revoked"),
            (std::vector<std::string>{kHealth, kPpt}));
  EXPECT_EQ(d->snapshot.baton_holder, kSchool);  // back to the reporter
  EXPECT_THAT(d->journal[0].detail_json,
              HasSubstr(R"("removed":["helsestasjon","ppt"])"));
}

// A consent that has run out (not yet recorded as expired) is not
// extended: the new one says afresh who may see the case.
TEST(ConsentRenewalTest, ALapsedConsentIsNotExtended) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "plan1");  // until 2026-12-31
  auto d = Apply(s, r, ConsentCmd({kSchool}, "2027-06-30"), As(kSchool),
                 At("2027-01-05T09:00:00Z"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->snapshot.consent->services, (std::vector<std::string>{kSchool}));
}

struct BadRenewalRow {
  std::string name;
  bool consented;
  std::vector<std::string> services;
  std::vector<std::string> remove;
  std::string message;
};

class BadRenewalTest : public ::testing::TestWithParam<BadRenewalRow> {};

TEST_P(BadRenewalTest, IsRefusedNamingRemoveServices) {
  const auto& row = GetParam();
  auto r = BtiRoutine();
  Snapshot s = row.consented ? BtiCaseAt(r, "plan1") : Opened(r);
  Command c = ConsentCmd(row.services);
  c.remove_services = row.remove;
  c.confirm_remove = true;
  auto d = Apply(s, r, c, As(kSchool), T0());
  ASSERT_EQ(d.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(d.status().field(), "remove_services");
  EXPECT_THAT(d.status().message(), HasSubstr(row.message));
}

INSTANTIATE_TEST_SUITE_P(
    Rows, BadRenewalTest,
    ::testing::Values(BadRenewalRow{"NothingInForce",
                                    false,
                                    {kSchool},
                                    {kPpt},
                                    "ikke noe samtykke i kraft"},
                      BadRenewalRow{"NotInTheScope",
                                    true,
                                    {kSchool},
                                    {kNav},
                                    "'nav' er ikke med i samtykket"},
                      BadRenewalRow{"BothKeptAndRemoved",
                                    true,
                                    {kSchool, kPpt},
                                    {kPpt},
                                    "både blant tjenestene"},
                      BadRenewalRow{"Everything",
                                    true,
                                    {},
                                    {kSchool, kHealth, kPpt},
                                    "kan ikke fjerne alle"}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace stafett::engine
