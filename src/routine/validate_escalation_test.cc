// Closures (`calendar`), teams and staged escalation: one row per rule and
// diagnostic (reader_calendar.inc for the shape, validate_escalation.cc for
// the meaning), each at its exact line and column; and what a valid file
// loads into.
#include <gtest/gtest.h>

#include "routine/escalation.h"
#include "routine/test_fixtures.h"

namespace stafett::routine {
namespace {

using testing::ExpectDiagnostic;
using testing::Fixture;
using testing::kStart;
using testing::RuleCase;

// The fixture's steps take lines 9-11, so a block appended after them
// starts on line 12.
constexpr int kBlock = 12;

std::string With(std::string_view block) {
  return Fixture(kStart) + std::string(block);
}

// 1-based column of `token` in `line`.
int Col(std::string_view line, std::string_view token) {
  return static_cast<int>(line.find(token)) + 1;
}

const std::string kTeam =
    "teams:\n"
    "  - {id: bti, name: BTI-koordinator, channels: {email: "
    "bti@k.example}}\n";

TEST(CalendarRulesTest, EveryRuleReportsAtTheOffendingValue) {
  auto closure = [](std::string_view item) {
    return "calendar:\n  closures:\n    - " + std::string(item) + "\n";
  };
  const std::string backwards = "{from: 2026-07-31, to: 2026-07-06}";
  const std::string too_long = "{from: 2026-06-01, to: 2026-08-31}";
  const std::string annual_long = "{from: 11-01, to: 02-28}";
  const std::string bad_date = "{from: 2026-02-30, to: 2026-03-02}";
  const std::string words = "{from: julaften, to: 12-31}";
  const std::string mixed = "{from: 12-24, to: 2027-01-01}";
  const std::string old = "{from: 1999-12-24, to: 1999-12-31}";
  const std::string unknown_key = "{from: 12-24, to: 12-31, lable: Jul}";
  const std::string no_to = "{from: 12-24}";
  const int c = 7;  // "    - " then the item
  const RuleCase cases[] = {
      {"ToBeforeFrom", With(closure(backwards)), kBlock + 2,
       c + Col(backwards, "2026-07-06") - 1, "før den begynner"},
      {"TooLong", With(closure(too_long)), kBlock + 2,
       c + Col(too_long, "2026-08-31") - 1,
       "varer 92 dager; en stenging kan "
       "vare høyst 70 dager"},
      {"AnnualTooLongOverNewYear", With(closure(annual_long)), kBlock + 2,
       c + Col(annual_long, "02-28") - 1, "varer 120 dager"},
      {"NoSuchDate", With(closure(bad_date)), kBlock + 2,
       c + Col(bad_date, "2026-02-30") - 1,
       "ugyldig dato '2026-02-30': skriv ÅÅÅÅ-MM-DD"},
      {"NotADate", With(closure(words)), kBlock + 2,
       c + Col(words, "julaften") - 1, "ugyldig dato 'julaften'"},
      {"MixedForms", With(closure(mixed)), kBlock + 2,
       c + Col(mixed, "2027-01-01") - 1, "from og to må skrives likt"},
      {"OutOfRange", With(closure(old)), kBlock + 2,
       c + Col(old, "1999-12-24") - 1, "mellom år 2000 og 2100"},
      {"UnknownKey", With(closure(unknown_key)), kBlock + 2,
       c + Col(unknown_key, "lable") - 1,
       "ukjent nøkkel 'lable' (mente du 'label'?)"},
      {"MissingTo", With(closure(no_to)), kBlock + 2, c,
       "stengingen mangler påkrevd nøkkel 'to'"},
      {"CalendarNotAMap", With("calendar: [12-24]\n"), kBlock, 11,
       "kalenderen (calendar) skal være et kart"},
      {"ClosuresNotAList", With("calendar:\n  closures: 12-24\n"), kBlock + 1,
       13, "'closures' skal være en liste"},
  };
  for (const auto& row : cases) ExpectDiagnostic(row);
}

TEST(EscalationRulesTest, EveryRuleReportsAtTheOffendingValue) {
  auto esc = [](std::string_view items) {
    return kTeam + "escalation:\n" + std::string(items);
  };
  // Line of the first escalation item: the team block takes 2 lines.
  const int e = kBlock + 3;
  const std::string typo = "  - {after: P2D, to: [leader, bit]}\n";
  const std::string service = "  - {after: P2D, to: skole}\n";
  const std::string twice = "  - {after: P2D, to: [bti, bti]}\n";
  const std::string none = "  - {after: P2D, to: []}\n";
  const std::string zero = "  - {after: {working_days: 0}, to: leader}\n";
  const std::string first = "  - {after: {working_days: 5}, to: leader}\n";
  const std::string earlier = "  - {after: P3D, to: bti}\n";
  const std::string no_unit = "  - {after: 2, to: leader}\n";
  std::string six;
  for (int i = 1; i <= 6; ++i) {
    six += "  - {after: P" + std::to_string(i) + "D, to: leader}\n";
  }
  const RuleCase cases[] = {
      {"UnknownRecipient", With(esc(typo)), e, Col(typo, "bit"),
       "ukjent mottaker 'bit' (mente du 'bti'?)"},
      {"ServiceIsNoRecipient", With(esc(service)), e, Col(service, "skole"),
       "'skole' er en tjeneste; en eskalering går til leader"},
      {"RecipientTwice", With(esc(twice)), e, Col(twice, "bti]"),
       "mottakeren 'bti' står to ganger"},
      {"NoRecipients", With(esc(none)), e, Col(none, "[]"),
       "trinnet har ingen mottakere"},
      {"WorkingDaysZero", With(esc(zero)), e, Col(zero, "0}"),
       "working_days må være et positivt heltall"},
      {"NotLater", With(esc(first + earlier)), e + 1, Col(earlier, "P3D"),
       "trinn 2 (after: P3D) må komme senere enn trinnet før"},
      {"AfterWithoutUnit", With(esc(no_unit)), e, Col(no_unit, "2,"),
       "fristen '2' mangler enhet"},
      {"TooManyStages", With(esc(six)), e + 5, 5,
       "høyst 5 eskaleringstrinn; denne rutinen har 6"},
      {"GraceAndEscalation",
       testing::Fixture(
           kStart, std::string(testing::kHead)
                       .replace(0, 0, "settings: {escalation_grace: P3D}\n")) +
           esc("  - {after: P2D, to: leader}\n"),
       1, 30,
       "escalation_grace gjelder bare når rutinen ikke har en "
       "escalation-liste"},
      {"MissingTo", With(esc("  - {after: P2D}\n")), e, 5,
       "eskaleringstrinnet mangler påkrevd nøkkel 'to'"},
  };
  for (const auto& row : cases) ExpectDiagnostic(row);
}

TEST(TeamRulesTest, EveryRuleReportsAtTheOffendingValue) {
  auto team = [](std::string_view item) {
    return "teams:\n  - " + std::string(item) + "\n";
  };
  const std::string same_as_service =
      "{id: skole, name: S, channels: {email: s@k.example}}";
  const std::string reserved =
      "{id: leader, name: L, channels: {email: l@k.example}}";
  const std::string bad_id =
      "{id: BTI, name: B, channels: {email: b@k.example}}";
  const std::string no_channel = "{id: bti, name: B, channels: {}}";
  const std::string bad_mail = "{id: bti, name: B, channels: {email: bti}}";
  const std::string bad_lang =
      "{id: bti, name: B, channels: {email: b@k.example, language: sme}}";
  const int c = 5;  // "  - " then the item
  const RuleCase cases[] = {
      {"IdOfAService", With(team(same_as_service)), kBlock + 1,
       c + Col(same_as_service, "skole") - 1,
       "team-id 'skole' er allerede id-en til en tjeneste"},
      {"Reserved", With(team(reserved)), kBlock + 1,
       c + Col(reserved, "leader") - 1, "team-id 'leader' er reservert"},
      {"BadId", With(team(bad_id)), kBlock + 1, c + Col(bad_id, "BTI") - 1,
       "team-id 'BTI' kan bare ha små bokstaver"},
      {"NoChannel", With(team(no_channel)), kBlock + 1,
       c + Col(no_channel, "{}") - 1, "har ingen e-post eller webhook"},
      {"BadEmail", With(team(bad_mail)), kBlock + 1,
       c + Col(bad_mail, "bti}") - 1, "ugyldig e-postadresse 'bti'"},
      {"UnknownLanguage", With(team(bad_lang)), kBlock + 1,
       c + Col(bad_lang, "sme") - 1,
       "ukjent språk 'sme' (mente du 'se'?); varsler kan skrives på nb, nn, "
       "se eller en"},
      {"DuplicateTeam",
       With("teams:\n  - {id: bti, name: B, channels: {email: b@k.example}}\n"
            "  - {id: bti, name: C, channels: {email: c@k.example}}\n"),
       kBlock + 2, 10, "team-id 'bti' er brukt før (linje 13)"},
  };
  for (const auto& row : cases) ExpectDiagnostic(row);
}

TEST(CalendarLoadTest, ClosuresReachEveryWorkingDayCount) {
  const std::string text =
      Fixture(
          "  - {id: start, kind: concern, level: 0, title: S, responsible: "
          "reporter, deadline: {working_days: 5}, outcomes: [{name: a, to: "
          "slutt}]}\n") +
      "calendar:\n"
      "  closures:\n"
      "    - {from: 12-24, to: 01-01, label: {nb: Juleuke, se: Juovlavahkku}}\n"
      "    - {from: 2026-07-06, to: 2026-07-31}\n" +
      kTeam +
      "escalation:\n"
      "  - {after: {working_days: 2}, to: leader}\n"
      "  - {after: {working_days: 5}, to: [leader, bti]}\n";
  LoadResult r = LoadRoutineText(text, "f.yaml");
  ASSERT_TRUE(r.ok()) << (r.diagnostics.empty()
                              ? ""
                              : r.diagnostics.front().ToString());
  const Routine& rt = *r.routine;
  ASSERT_EQ(rt.closures.size(), 2u);
  EXPECT_TRUE(rt.closures[0].period.annual);
  EXPECT_EQ(rt.closures[0].label.Get("se"), "Juovlavahkku");
  ASSERT_NE(rt.settings.calendar, nullptr);
  EXPECT_EQ(rt.steps[0].deadline.calendar, rt.settings.calendar);
  ASSERT_EQ(rt.settings.escalation.size(), 2u);
  EXPECT_EQ(rt.settings.escalation[1].to,
            (std::vector<std::string>{"leader", "bti"}));
  EXPECT_EQ(rt.settings.escalation[0].after.calendar, rt.settings.calendar);
  ASSERT_NE(rt.FindTeam("bti"), nullptr);
  EXPECT_EQ(rt.FindTeam("bti")->channels.emails,
            std::vector<std::string>{"bti@k.example"});
  // The engine's due time (ComputeDue on the step's spec) skips Christmas.
  const TimePoint mon =
      FromOslo(std::chrono::local_days{std::chrono::year{2026} / 12 / 21} +
               std::chrono::hours{9});
  const TimePoint due = ComputeDue(mon, rt.steps[0].deadline);
  EXPECT_EQ(FormatUtc(due), "2027-01-06T08:00:00Z");
  // Escalation stage 1: 2 working days after that due time.
  EXPECT_EQ(FormatUtc(EscalationAt(due, rt.settings.escalation[0])),
            "2027-01-08T08:00:00Z");
}

TEST(CalendarLoadTest, WithoutABlockNothingChanges) {
  LoadResult r = LoadRoutineText(Fixture(kStart), "f.yaml");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.routine->settings.calendar, nullptr);
  auto stages = EscalationStages(r.routine->settings);
  ASSERT_EQ(stages.size(), 1u);
  EXPECT_EQ(stages[0].to, std::vector<std::string>{"leader"});
  EXPECT_EQ(stages[0].after.ToString(), "P3D");
}

}  // namespace
}  // namespace stafett::routine
