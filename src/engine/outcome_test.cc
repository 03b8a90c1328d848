// Outcomes: every step kind's transitions, who may take them, and the
// consent they need.
#include <algorithm>

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

const Effect* FindEffect(const Decision& d, Effect::Kind kind,
                         const std::string& what) {
  for (const auto& e : d.effects) {
    if (e.kind != kind) continue;
    if ((kind == Effect::Kind::kNotify ? e.event : e.deadline_kind) == what) {
      return &e;
    }
  }
  return nullptr;
}

struct TransitionRow {
  std::string from;
  std::string outcome;
  Fields fields;
  std::string actor;
  bool consent;  // give consent {skole, helsestasjon, ppt} first
  std::string to;
  int level;
  CaseStatus status;
};

class TransitionTest : public ::testing::TestWithParam<TransitionRow> {};

TEST_P(TransitionTest, MovesToTargetStep) {
  const auto& row = GetParam();
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, row.from);
  if (row.consent)
    s = Must(r, s, ConsentCmd({kSchool, kHealth, kPpt}), kSchool);
  ASSERT_EQ(s.step, row.from);

  auto d =
      Apply(s, r, OutcomeCmd(row.outcome, row.fields), As(row.actor), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  const Snapshot& n = d->snapshot;
  EXPECT_EQ(n.step, row.to);
  EXPECT_EQ(n.level, row.level);
  EXPECT_EQ(n.status, row.status);
  EXPECT_EQ(n.version, s.version + 1);
  EXPECT_EQ(n.visit_seq, s.visit_seq + 1);
  ASSERT_TRUE(d->left.has_value());
  EXPECT_EQ(d->left->seq, s.visit_seq);
  EXPECT_EQ(d->left->outcome, row.outcome);
  ASSERT_TRUE(d->entered.has_value());
  EXPECT_EQ(d->entered->seq, n.visit_seq);
  EXPECT_EQ(d->entered->step, row.to);
  EXPECT_EQ(d->entered->level, row.level);
  EXPECT_EQ(d->journal.front().kind, "outcome");
  EXPECT_EQ(d->journal.front().step, row.from);
  EXPECT_EQ(d->journal.front().level, s.level);
  EXPECT_EQ(d->journal[1].kind, "step_entered");
  EXPECT_EQ(d->journal[1].step, row.to);
  EXPECT_THAT(d->journal[1].detail_json,
              HasSubstr("\"from_level\":" + std::to_string(s.level) +
                        ",\"to_level\":" + std::to_string(row.level)));
  for (const auto& e : d->journal) {
    EXPECT_EQ(e.actor_service, row.actor);
    EXPECT_EQ(e.at, T0());
  }
  if (row.status == CaseStatus::kClosed) {
    EXPECT_EQ(n.closed_reason, row.outcome);
    EXPECT_EQ(Kinds(*d).back(), "closed");
    EXPECT_FALSE(n.due_at.has_value());
    EXPECT_FALSE(d->entered->due_at.has_value());
    EXPECT_EQ(FindEffect(*d, Effect::Kind::kSetDeadline, "step"), nullptr);
    for (const char* k : {"step", "consent", "baton"}) {
      EXPECT_NE(FindEffect(*d, Effect::Kind::kClearDeadline, k), nullptr) << k;
    }
  } else {
    const Effect* due = FindEffect(*d, Effect::Kind::kSetDeadline, "step");
    ASSERT_NE(due, nullptr);
    EXPECT_EQ(due->due_at, ComputeDue(T0(), r.FindStep(row.to)->deadline));
    EXPECT_EQ(n.due_at, due->due_at);
    EXPECT_EQ(d->entered->due_at, due->due_at);
    EXPECT_EQ(n.step_entered_at, T0());
  }
}

const Fields kNone;
Fields F(std::string k, FieldValue v) {
  return Fields{{std::move(k), std::move(v)}};
}

INSTANTIATE_TEST_SUITE_P(
    EveryStepKind, TransitionTest,
    ::testing::Values(
        // concern
        TransitionRow{"undring", "konkretiser", kNone, kSchool, false,
                      "observasjon", 0, CaseStatus::kOpen},
        TransitionRow{"undring", "ingen_grunn", kNone, kSchool, false,
                      "avsluttet", 0, CaseStatus::kClosed},
        // observation
        TransitionRow{"observasjon", "drofte",
                      F("observert_dato", std::string("2026-02-27")), kSchool,
                      false, "drofting", 0, CaseStatus::kOpen},
        TransitionRow{"observasjon", "avslutt", kNone, kSchool, false,
                      "avsluttet", 0, CaseStatus::kClosed},
        // team meeting (a named service is responsible)
        TransitionRow{"drofting", "samtale",
                      Fields{{"samtale_dato", std::string("2026-03-02")},
                             {"barnets_stemme", std::string("Vil ha hjelp.")}},
                      kPpt, false, "vurdering", 0, CaseStatus::kOpen},
        // evaluation at level 0: up needs consent, closing does not
        TransitionRow{"vurdering", "niva1", kNone, kSchool, true, "plan1", 1,
                      CaseStatus::kOpen},
        TransitionRow{"vurdering", "niva2", kNone, kSchool, true, "nettverk", 2,
                      CaseStatus::kOpen},
        TransitionRow{"vurdering", "avslutt", kNone, kSchool, false,
                      "avsluttet", 0, CaseStatus::kClosed},
        // action (the baton holder is responsible)
        TransitionRow{"plan1", "evaluer",
                      F("evaluering_dato", std::string("2026-04-15")), kSchool,
                      false, "evaluering", 1, CaseStatus::kOpen},
        // evaluation above level 0
        TransitionRow{"evaluering", "fortsett", F("barnets_stemme", false),
                      kSchool, false, "plan1", 1, CaseStatus::kOpen},
        TransitionRow{"evaluering", "opp", F("barnets_stemme", true), kSchool,
                      false, "nettverk", 2, CaseStatus::kOpen},
        TransitionRow{"evaluering", "avslutt", F("barnets_stemme", true),
                      kSchool, false, "avsluttet", 0, CaseStatus::kClosed},
        // team meeting at level 2: down, up, naming participants
        TransitionRow{
            "nettverk", "evaluer",
            F("deltakere", std::vector<std::string>{kSchool, kHealth}), kSchool,
            false, "evaluering", 1, CaseStatus::kOpen},
        TransitionRow{"nettverk", "ned", kNone, kSchool, false, "plan1", 1,
                      CaseStatus::kOpen},
        TransitionRow{"nettverk", "opp", kNone, kSchool, false, "tverrfaglig",
                      3, CaseStatus::kOpen},
        TransitionRow{"nettverk", "avslutt", kNone, kSchool, false, "avsluttet",
                      0, CaseStatus::kClosed},
        // level 3, closed step above level 0
        TransitionRow{"tverrfaglig", "ip",
                      Fields{{"koordinator", kHealth},
                             {"antall_tiltak", std::int64_t{4}},
                             {"form", std::string("ip")}},
                      kHealth, false, "ip_overfort", 3, CaseStatus::kClosed},
        TransitionRow{"tverrfaglig", "ned", kNone, kHealth, false, "nettverk",
                      2, CaseStatus::kOpen},
        // after the abuse shortcut
        TransitionRow{"meldt", "videre", kNone, kSchool, true, "tverrfaglig", 3,
                      CaseStatus::kOpen},
        TransitionRow{"meldt", "avslutt", kNone, kSchool, false, "avsluttet", 0,
                      CaseStatus::kClosed}));

struct RefusalRow {
  std::string name;
  std::string from;
  std::string outcome;
  Fields fields;
  std::string actor;
  Code code;
  std::string field;    // Status::field(), "" for none
  std::string message;  // a part of the message
};

class OutcomeRefusalTest : public ::testing::TestWithParam<RefusalRow> {};

TEST_P(OutcomeRefusalTest, IsRefused) {
  const auto& row = GetParam();
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, row.from);
  auto d =
      Apply(s, r, OutcomeCmd(row.outcome, row.fields), As(row.actor), T0());
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), row.code) << d.status().ToString();
  EXPECT_EQ(d.status().field(), row.field) << d.status().ToString();
  EXPECT_THAT(d.status().message(), HasSubstr(row.message));
}

INSTANTIATE_TEST_SUITE_P(
    Outcomes, OutcomeRefusalTest,
    ::testing::Values(
        RefusalRow{"UnknownOutcome", "undring", "videre", kNone, kSchool,
                   Code::kInvalidArgument, "outcome",
                   "Utfallet 'videre' finnes ikke i steget 'undring'. Mulige "
                   "utfall: konkretiser, ingen_grunn, suspected_abuse"},
        RefusalRow{"ServiceThatCannotSee", "undring", "konkretiser", kNone,
                   kPpt, Code::kPermissionDenied, "", "har ikke tilgang"},
        RefusalRow{"ReporterOnAnotherServicesStep", "drofting", "samtale",
                   F("samtale_dato", std::string("2026-03-02")), kSchool,
                   Code::kNotAllowed, "", "Bare 'ppt' kan velge utfall"},
        RefusalRow{"NotTheBatonHolder", "plan1", "evaluer",
                   F("evaluering_dato", std::string("2026-04-15")), kHealth,
                   Code::kNotAllowed, "", "'skole' (stafettholderen)"},
        RefusalRow{"OnlyTheNamedService", "tverrfaglig", "ned", kNone, kSchool,
                   Code::kNotAllowed, "", "Bare 'helsestasjon'"},
        RefusalRow{"MissingRequiredField", "observasjon", "drofte", kNone,
                   kSchool, Code::kInvalidArgument, "fields.observert_dato",
                   "må fylles ut"},
        RefusalRow{"StepFieldMissing", "evaluering", "fortsett", kNone, kSchool,
                   Code::kInvalidArgument, "fields.barnets_stemme",
                   "må fylles ut"},
        RefusalRow{"UnknownField", "undring", "konkretiser",
                   F("navn", std::string("x")), kSchool, Code::kInvalidArgument,
                   "fields.navn", "hører ikke til"},
        RefusalRow{"WrongFieldType", "observasjon", "drofte",
                   F("observert_dato", std::int64_t{20260301}), kSchool,
                   Code::kInvalidArgument, "fields.observert_dato", "dato"},
        RefusalRow{"UpWithoutConsent", "vurdering", "niva1", kNone, kSchool,
                   Code::kNotAllowed, "",
                   "Steget 'plan1' er på nivå 1 og krever samtykke, men saken "
                   "har ikke gyldig samtykke. Registrer samtykke som "
                   "omfatter: skole."},
        RefusalRow{"NamingServicesOutsideConsent", "nettverk", "evaluer",
                   F("deltakere", std::vector<std::string>{kSchool, kNav}),
                   kSchool, Code::kNotAllowed, "",
                   "samtykket omfatter ikke: nav"},
        RefusalRow{"AbuseShortcutAboveLevelZero", "plan1", "suspected_abuse",
                   kNone, kSchool, Code::kNotAllowed, "", "bare på nivå 0"},
        RefusalRow{"AbuseShortcutTakesNoFields", "undring", "suspected_abuse",
                   F("observert_dato", std::string("2026-03-01")), kSchool,
                   Code::kInvalidArgument, "fields.observert_dato",
                   "hører ikke til"}),
    [](const auto& info) { return info.param.name; });

TEST(OutcomeTest, AuditorMayNotTakeOutcomes) {
  auto r = BtiRoutine();
  Snapshot s = Opened(r);
  auto d =
      Apply(s, r, OutcomeCmd("konkretiser"), As(kSchool, Role::kAuditor), T0());
  EXPECT_EQ(d.status().code(), Code::kPermissionDenied);
}

TEST(OutcomeTest, ConsentMustCoverTheTargetsResponsibleService) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "vurdering");
  s = Must(r, s, ConsentCmd({kPpt}), kSchool);
  auto d = Apply(s, r, OutcomeCmd("niva1"), As(kSchool), T0());
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), Code::kNotAllowed);
  EXPECT_THAT(d.status().message(),
              HasSubstr("samtykket omfatter ikke: skole"));
}

TEST(OutcomeTest, ExpiredConsentDoesNotCount) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "vurdering");
  s = Must(r, s, ConsentCmd({kSchool}, "2026-03-10"), kSchool);
  EXPECT_TRUE(
      Apply(s, r, OutcomeCmd("niva1"), As(kSchool), At("2026-03-10T22:59:00Z"))
          .ok());
  auto late =
      Apply(s, r, OutcomeCmd("niva1"), As(kSchool), At("2026-03-10T23:00:00Z"));
  EXPECT_EQ(late.status().code(), Code::kNotAllowed);
}

TEST(OutcomeTest, StepAssignedGoesToTheNewResponsibleService) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "observasjon");
  auto d = Apply(
      s, r,
      OutcomeCmd("drofte", F("observert_dato", std::string("2026-03-01"))),
      As(kSchool), T0());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->snapshot.responsible_service, kPpt);
  EXPECT_EQ(d->entered->service, kPpt);
  const Effect* n = FindEffect(*d, Effect::Kind::kNotify, "step_assigned");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->service, kPpt);
  EXPECT_EQ(FindEffect(*d, Effect::Kind::kSetDeadline, "step")->due_at,
            At("2026-03-16T09:00:00Z"));  // 10 working days

  // Back to the reporter: notified, since PPT took the outcome.
  auto back =
      Apply(d->snapshot, r,
            OutcomeCmd("samtale", F("samtale_dato", std::string("2026-03-02"))),
            As(kPpt), T0());
  ASSERT_TRUE(back.ok());
  n = FindEffect(*back, Effect::Kind::kNotify, "step_assigned");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->service, kSchool);
}

TEST(OutcomeTest, NoStepAssignedWhenTheResponsibleServiceStaysTheSame) {
  auto r = BtiRoutine();
  auto d = Apply(Opened(r), r, OutcomeCmd("konkretiser"), As(kSchool), T0());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(FindEffect(*d, Effect::Kind::kNotify, "step_assigned"), nullptr);
}

TEST(OutcomeTest, OutcomeJournalCarriesFieldsAndText) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "drofting");
  Command c = OutcomeCmd(
      "samtale", Fields{{"samtale_dato", std::string("2026-03-02")},
                        {"barnets_stemme", std::string("Vil ha \"hjelp\".")}});
  c.text = "Drøftet anonymt med PPT.";
  auto d = Apply(s, r, c, As(kPpt), T0());
  ASSERT_TRUE(d.ok());
  const auto& e = d->journal.front();
  EXPECT_EQ(e.kind, "outcome");
  EXPECT_EQ(e.text, "Drøftet anonymt med PPT.");
  EXPECT_EQ(e.detail_json,
            "{\"outcome\":\"samtale\",\"to\":\"vurdering\",\"fields\":{"
            "\"barnets_stemme\":\"Vil ha \\\"hjelp\\\".\",\"samtale_dato\":"
            "\"2026-03-02\"}}");
}

// Rule (b): from any level-0 step, whoever sees the case may take the
// shortcut; it needs no consent and skips the talk with the guardians.
class AbuseShortcutTest
    : public ::testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(AbuseShortcutTest, ReportsAndMovesToTheAbuseStep) {
  auto [from, actor] = GetParam();
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, from);
  ASSERT_EQ(s.sharing, Sharing::kAnonymous);
  auto d = Apply(s, r, OutcomeCmd("suspected_abuse"), As(actor), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->snapshot.step, "meldt");
  EXPECT_EQ(d->snapshot.level, 3);
  EXPECT_EQ(d->snapshot.sharing, Sharing::kAnonymous);
  EXPECT_EQ(d->snapshot.child_welfare_reported_at, T0());
  auto kinds = Kinds(*d);
  ASSERT_GE(kinds.size(), 3u);
  EXPECT_EQ(std::vector<std::string>(kinds.begin(), kinds.begin() + 3),
            (std::vector<std::string>{"outcome", "child_welfare_reported",
                                      "step_entered"}));
  // The anonymous team loses the case at level 3 without consent.
  std::vector<std::string> revoked;
  for (const auto& e : d->effects) {
    if (e.event == "access_revoked") revoked.push_back(e.service);
  }
  EXPECT_EQ(revoked, from == "drofting" ? std::vector<std::string>{kPpt}
                                        : std::vector<std::string>{});
  EXPECT_EQ(kinds.size(), 3 + revoked.size());
  EXPECT_EQ(d->left->outcome, "suspected_abuse");
  const Effect* report = FindEffect(*d, Effect::Kind::kSetDeadline, "report");
  ASSERT_NE(report, nullptr);
  EXPECT_EQ(report->due_at, At("2026-03-02T23:00:00Z"));  // Oslo midnight
}

INSTANTIATE_TEST_SUITE_P(EveryLevelZeroStep, AbuseShortcutTest,
                         ::testing::Values(std::pair{"undring", kSchool},
                                           std::pair{"observasjon", kSchool},
                                           std::pair{"drofting", kSchool},
                                           std::pair{"drofting", kPpt},
                                           std::pair{"vurdering", kSchool}));

TEST(OutcomeTest, AbuseShortcutTakesTheBatonFromAHolderWhoCannotFollow) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "vurdering");
  s = Must(r, s, OfferCmd(kPpt), kSchool);
  s = Must(r, s, AcceptCmd(), kPpt);
  auto d = Apply(s, r, OutcomeCmd("suspected_abuse"), As(kPpt), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->snapshot.baton, BatonState::kHeld);
  EXPECT_EQ(d->snapshot.baton_holder, kSchool);
  EXPECT_THAT(d->journal.back().detail_json,
              HasSubstr(R"("service":"ppt","cause":"level_changed",)"
                        R"("held_baton":true)"));
}

// The stafettholder follows the case, so consent above level 0 must cover
// it even where another service is responsible for the step.
TEST(OutcomeTest, ConsentMustCoverTheBatonHolderAboveLevelZero) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "vurdering");
  s = Must(r, s, OfferCmd(kPpt), kSchool);
  s = Must(r, s, AcceptCmd(), kPpt);
  s = Must(r, s, ConsentCmd({kSchool}), kSchool);
  auto d = Apply(s, r, OutcomeCmd("niva1"), As(kSchool), T0());
  EXPECT_EQ(d.status().code(), Code::kNotAllowed);
  EXPECT_THAT(d.status().message(), HasSubstr("omfatter ikke: ppt"));
  s = Must(r, s, ConsentCmd({kSchool, kPpt}), kSchool);
  EXPECT_TRUE(Apply(s, r, OutcomeCmd("niva1"), As(kSchool), T0()).ok());

  // tverrfaglig is helsestasjon's, but the holder (skole) must be covered.
  Snapshot n = BtiCaseAt(r, "nettverk");
  Command narrower = ConsentCmd({kHealth, kPpt});
  narrower.remove_services = {kSchool};
  narrower.confirm_remove = true;
  n = Must(r, n, narrower, kSchool);
  auto up = Apply(n, r, OutcomeCmd("opp"), As(kSchool), T0());
  EXPECT_EQ(up.status().code(), Code::kNotAllowed);
  EXPECT_THAT(up.status().message(), HasSubstr("omfatter ikke: skole"));
}

TEST(AllowedTest, ListsWhatTheResponsibleServiceCanTakeNow) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "vurdering");
  auto names = [](const std::vector<AllowedOutcome>& a) {
    std::vector<std::string> n;
    for (const auto& o : a) n.push_back(o.outcome);
    return n;
  };
  // Without consent, only closing and the shortcut can be taken.
  EXPECT_EQ(names(Allowed(s, r, As(kSchool), T0())),
            (std::vector<std::string>{"avslutt", "suspected_abuse"}));
  Snapshot c = Must(r, s, ConsentCmd({kSchool}), kSchool);
  EXPECT_EQ(names(Allowed(c, r, As(kSchool), T0())),
            (std::vector<std::string>{"niva1", "niva2", "avslutt",
                                      "suspected_abuse"}));
  // Not responsible: only the shortcut; cannot see: nothing.
  Snapshot d = BtiCaseAt(r, "drofting");
  EXPECT_EQ(names(Allowed(d, r, As(kSchool), T0())),
            (std::vector<std::string>{"suspected_abuse"}));
  EXPECT_TRUE(Allowed(d, r, As(kNav), T0()).empty());
  EXPECT_TRUE(Allowed(d, r, As(kPpt, Role::kAuditor), T0()).empty());
}

TEST(AllowedTest, RequiresTheStepsFieldsAndTheOutcomes) {
  auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "evaluering");
  auto allowed = Allowed(s, r, As(kSchool), T0());
  ASSERT_EQ(allowed.size(), 3u);
  EXPECT_EQ(allowed[0].outcome, "fortsett");
  EXPECT_EQ(allowed[0].to, "plan1");
  ASSERT_EQ(allowed[0].requires_fields.size(), 1u);
  EXPECT_EQ(allowed[0].requires_fields[0]->name, "barnets_stemme");

  Snapshot n = BtiCaseAt(r, "nettverk");
  auto at_network = Allowed(n, r, As(kSchool), T0());
  ASSERT_FALSE(at_network.empty());
  EXPECT_EQ(at_network[0].outcome, "evaluer");
  ASSERT_EQ(at_network[0].requires_fields.size(), 1u);
  EXPECT_EQ(at_network[0].requires_fields[0]->name, "deltakere");
  // No suspected_abuse above level 0.
  for (const auto& a : at_network) EXPECT_NE(a.outcome, "suspected_abuse");
}

TEST(AllowedTest, EveryListedOutcomeCanBeTaken) {
  auto r = BtiRoutine();
  for (const auto& step :
       {"undring", "observasjon", "drofting", "vurdering", "plan1",
        "evaluering", "nettverk", "tverrfaglig", "meldt"}) {
    Snapshot s = BtiCaseAt(r, step);
    for (const auto& service : {kSchool, kHealth, kPpt, kNav}) {
      for (const auto& a : Allowed(s, r, As(service), T0())) {
        Fields f;
        for (const auto* spec : a.requires_fields) {
          if (spec->required) f[spec->name] = ValidValue(*spec);
        }
        auto d = Apply(s, r, OutcomeCmd(a.outcome, f), As(service), T0());
        EXPECT_TRUE(d.ok()) << step << " " << a.outcome << " by " << service
                            << ": " << d.status().ToString();
      }
    }
  }
}

TEST(AllowedTest, ClosedCaseOffersNothing) {
  auto r = BtiRoutine();
  Snapshot s = Must(r, Opened(r), OutcomeCmd("ingen_grunn"), kSchool);
  EXPECT_TRUE(Allowed(s, r, As(kSchool), T0()).empty());
}

}  // namespace
}  // namespace stafett::engine
