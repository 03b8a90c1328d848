// What a routine means (validate.cc): one row per rule, each with the exact
// position the diagnostic must point at and the number of diagnostics the
// text gives in all, so a rule that cascades fails its row. Steps in a
// Fixture start at line 9 and are followed by `meld` (abuse_step) and
// `slutt` (closed) on lines N+1, N+2; see test_fixtures.h.
#include <gtest/gtest.h>

#include "routine/test_fixtures.h"

namespace stafett::routine {
namespace {

using testing::ExpectDiagnostic;
using testing::Fixture;
using testing::kHead;
using testing::kStart;
using testing::RuleCase;

std::string Head(std::string_view from, std::string_view to) {
  std::string h(kHead);
  h.replace(h.find(from), from.size(), to);
  return h;
}

// A flow-style step on one line: "  - {id: ID, kind: KIND, level: 0,
// title: X, responsible: reporter, deadline: P1D, REST}".
std::string Line(std::string_view id, std::string_view kind,
                 std::string_view rest) {
  return "  - {id: " + std::string(id) + ", kind: " + std::string(kind) +
         ", level: 0, title: X, responsible: reporter, deadline: P1D" +
         (rest.empty() ? "" : ", " + std::string(rest)) + "}\n";
}

// Line(id, kind, ...) puts REST at this column.
int RestColumn(std::string_view id, std::string_view kind) {
  return static_cast<int>(std::string("  - {id: , kind: , level: 0, title: X, "
                                      "responsible: reporter, deadline: P1D, ")
                              .size() +
                          id.size() + kind.size() + 1);
}

constexpr std::string_view kToSlutt = "outcomes: [{name: a, to: slutt}]";

TEST(ValidateTest, EveryRuleReportsAtTheOffendingKeyOrValue) {
  const int c0 = RestColumn("start", "concern");  // column of REST on line 9
  const RuleCase cases[] = {
      // References.
      {"OutcomeToUnknownStep",
       Fixture(Line("start", "concern", "outcomes: [{name: a, to: slut}]")), 9,
       c0 + 25,
       "utfallet 'a' peker til ukjent steg 'slut' (mente du 'slutt'?)"},
      {"InitialUnknown", Fixture(kStart) + "initial: begin\n", 12, 10,
       "initial peker til ukjent steg 'begin'"},
      {"AbuseStepUnknown",
       Fixture(kStart, Head("abuse_step: meld", "abuse_step: meldt")), 6, 13,
       "abuse_step peker til ukjent steg 'meldt' (mente du 'meld'?)"},
      {"ResponsibleUnknownService",
       Fixture("  - {id: start, kind: concern, level: 0, title: X, "
               "responsible: skolen, "
               "deadline: P1D, outcomes: [{name: a, to: slutt}]}\n"),
       9, 65,
       "responsible 'skolen' er verken reporter, baton eller en kjent "
       "tjeneste-id (mente du 'skole'?)"},
      {"ServiceOptionUnknown",
       Fixture(Line(
           "start", "concern",
           "requires: [{name: who, type: service, options: [skole, helse]}], " +
               std::string(kToSlutt))),
       9, c0 + 55, "ukjent tjeneste 'helse' i options"},
      // The graph.
      {"UnreachableStep",
       Fixture(std::string(kStart) + Line("orphan", "action", kToSlutt)), 10,
       10, "steget 'orphan' kan ikke nås fra startsteget 'start'"},
      {"DeadEnd",
       Fixture(Line("start", "concern",
                    "outcomes: [{name: a, to: slutt}, {name: b, to: loop}]") +
               Line("loop", "action", "outcomes: [{name: again, to: loop}]")),
       10, 10, "fra steget 'loop' kan saken aldri nå et avsluttende steg"},
      {"AbuseStepUnreachable",
       Fixture("  - {id: start, kind: concern, level: 1, title: X, "
               "responsible: reporter, "
               "deadline: P1D, outcomes: [{name: a, to: slutt}]}\n"),
       6, 13, "abuse_step 'meld' kan ikke nås"},
      {"AbuseStepNotTheReporters",
       Fixture(std::string(kStart) +
                   "  - {id: act, kind: action, level: 0, title: A, "
                   "responsible: skole, deadline: P1D, "
                   "outcomes: [{name: a, to: slutt}]}\n",
               Head("abuse_step: meld", "abuse_step: act")),
       6, 13, "abuse_step 'act' må ha responsible: reporter",
       2 /* and meld is now unreachable */},
      {"ReservedOutcomeName",
       Fixture(Line("start", "concern",
                    "outcomes: [{name: suspected_abuse, to: slutt}]")),
       9, c0 + 18, "utfallsnavnet 'suspected_abuse' er reservert"},
      {"InitialClosed", Fixture(kStart) + "initial: slutt\n", 12, 10,
       "startsteget 'slutt' kan ikke være avsluttende"},
      // Deadlines.
      {"MissingDeadline",
       Fixture("  - {id: start, kind: concern, level: 0, title: X, "
               "responsible: reporter, "
               "outcomes: [{name: a, to: slutt}]}\n"),
       9, 5, "steget 'start' mangler frist (deadline)"},
      {"ClosedWithDeadline",
       Fixture(
           Line("start", "concern", "outcomes: [{name: a, to: end}]") +
           "  - {id: end, kind: closed, level: 0, title: E, deadline: P1D}\n"),
       10, 49, "avsluttende steg (kind: closed) kan ikke ha frist"},
      {"WorkingDaysZero",
       Fixture(
           "  - {id: start, kind: concern, level: 0, title: X, responsible: "
           "reporter, "
           "deadline: {working_days: 0}, outcomes: [{name: a, to: slutt}]}\n"),
       9, 100, "working_days må være et positivt heltall, fant 0"},
      // Outcomes by kind.
      {"ClosedWithOutcomes",
       Fixture(Line("start", "concern", "outcomes: [{name: a, to: end}]") +
               "  - {id: end, kind: closed, level: 0, title: E, outcomes: "
               "[{name: b, to: slutt}]}\n"),
       10, 49, "avsluttende steg (kind: closed) kan ikke ha utfall"},
      {"EvaluationNeedsTwoOutcomes",
       Fixture(Line("start", "evaluation", kToSlutt)), 9,
       RestColumn("start", "evaluation") + 10,
       "(kind: evaluation) må ha minst to utfall"},
      {"EvaluationNeedsAClosedOutcome",
       Fixture(Line("start", "concern", "outcomes: [{name: a, to: eval}]") +
               Line("eval", "evaluation",
                    "outcomes: [{name: a, to: start}, {name: b, to: meld}]")),
       10, RestColumn("eval", "evaluation") + 10,
       "må ha minst ett utfall som fører til et avsluttende steg"},
      {"ActionNeedsAnOutcome",
       Fixture(Line("start", "concern",
                    "outcomes: [{name: a, to: slutt}, {name: b, to: act}]") +
               Line("act", "action", "")),
       10, 5, "steget 'act' må ha minst ett utfall",
       2 /* and it is a dead end */},
      {"MissingResponsible",
       Fixture(
           "  - {id: start, kind: concern, level: 0, title: X, deadline: P1D, "
           "outcomes: [{name: a, to: slutt}]}\n"),
       9, 5, "steget 'start' mangler 'responsible'"},
      // Duplicates.
      {"DuplicateStepId", Fixture(std::string(kStart) + std::string(kStart)),
       10, 10, "steg-id 'start' er brukt før (linje 9)"},
      {"DuplicateServiceId",
       Fixture(kStart, Head("kind: school}]",
                            "kind: school}, {id: skole, name: S, kind: ppt}]")),
       7, 57, "tjeneste-id 'skole' er brukt før (linje 7)"},
      {"DuplicateOutcomeName",
       Fixture(Line("start", "concern",
                    "outcomes: [{name: a, to: slutt}, {name: a, to: meld}]")),
       9, 130, "utfallet 'a' står to ganger i steget 'start'"},
      {"DuplicateFieldInStepAndOutcome",
       Fixture(Line(
           "start", "concern",
           "requires: [{name: x, type: text}], outcomes: [{name: a, to: slutt, "
           "requires: [{name: x, type: date}]}]")),
       9, 175, "feltet 'x' er allerede krevd i dette steget"},
      {"DuplicateOption",
       Fixture(Line("start", "concern",
                    "requires: [{name: c, type: choice, options: [a, a]}], " +
                        std::string(kToSlutt))),
       9, 138, "alternativet 'a' står to ganger"},
      // Values.
      {"LevelOutOfRange",
       Fixture("  - {id: start, kind: concern, level: 4, title: X, "
               "responsible: reporter, "
               "deadline: P1D, outcomes: [{name: a, to: slutt}]}\n"),
       9, 39, "nivå (level) må være 0, 1, 2 eller 3, fant 4",
       2 /* and no level-0 step leads to meld */},
      {"ChoiceWithoutOptions",
       Fixture(Line(
           "start", "concern",
           "requires: [{name: c, type: choice}], " + std::string(kToSlutt))),
       9, c0 + 11,
       "valgfeltet 'c' (type: choice) mangler alternativer (options)"},
      {"OptionsOnlyForChoiceAndServices",
       Fixture(Line("start", "concern",
                    "requires: [{name: c, type: text, options: [a]}], " +
                        std::string(kToSlutt))),
       9, 123, "bare felt av type choice, service og services kan ha options"},
      {"SjumilsstegetOutOfRange",
       Fixture(Line("start", "concern",
                    "tags: {sjumilssteget: [8]}, " + std::string(kToSlutt))),
       9, c0 + 23, "Sjumilssteget-trinn må være fra 1 til 7, fant 8"},
      {"UncrcOutOfRange",
       Fixture(Line("start", "concern",
                    "tags: {uncrc: [12, 55]}, " + std::string(kToSlutt))),
       9, c0 + 19,
       "artikkel i barnekonvensjonen (uncrc) må være fra 1 til 54, fant 55"},
      {"DuplicateTag",
       Fixture(Line("start", "concern",
                    "tags: {uncrc: [12, 12]}, " + std::string(kToSlutt))),
       9, c0 + 19, "(uncrc) 12 står to ganger"},
      // Formats.
      {"ReferencePrefixLowercase",
       Fixture(kStart, Head("reference_prefix: TT", "reference_prefix: nes")),
       5, 19, "reference_prefix må være 2-6 store bokstaver A-Z"},
      {"ReferencePrefixTooLong",
       Fixture(kStart,
               Head("reference_prefix: TT", "reference_prefix: NESSEBY")),
       5, 19,
       "reference_prefix må være 2-6 store bokstaver A-Z (f.eks. NES), fant "
       "'NESSEBY'"},
      {"ReferencePrefixTooShort",
       Fixture(kStart, Head("reference_prefix: TT", "reference_prefix: N")), 5,
       19, "reference_prefix må være 2-6 store bokstaver"},
      {"VersionZero", Fixture(kStart, Head("version: 1", "version: 0")), 2, 10,
       "version må være et heltall fra 1 og oppover"},
      {"TenantFormat", Fixture(kStart, Head("tenant: t", "tenant: Nes By")), 3,
       9, "kommune-id (tenant) 'Nes By' kan bare ha"},
      {"RoutineIdFormat", Fixture(kStart, Head("routine: r", "routine: 1r")), 1,
       10, "rutine-id '1r' kan bare ha"},
      {"StepIdFormat", Fixture(Line("Start", "concern", kToSlutt)), 9, 10,
       "steg-id 'Start' kan bare ha små bokstaver"},
      {"OutcomeNameFormat",
       Fixture(
           Line("start", "concern", "outcomes: [{name: Videre, to: slutt}]")),
       9, c0 + 18, "utfallsnavnet 'Videre' kan bare ha"},
      {"FieldNameFormat",
       Fixture(Line("start", "concern",
                    "requires: [{name: barnets-navn, type: text}], " +
                        std::string(kToSlutt))),
       9, c0 + 18, "feltnavnet 'barnets-navn' kan bare ha"},
      {"ServiceIdReserved", Fixture(kStart, Head("id: skole", "id: baton")), 7,
       17, "tjeneste-id 'baton' er reservert"},
      // Channels and settings.
      {"BadEmail",
       Fixture(kStart, Head("kind: school}",
                            "kind: school, channels: {email: [skole.no]}}")),
       7, 70, "ugyldig e-postadresse 'skole.no'"},
      {"WebhookNeedsHttps",
       Fixture(kStart, Head("kind: school}",
                            "kind: school, channels: {webhook: {url: "
                            "'http://x.example', secret_env: S}}}")),
       7, 77, "må starte med https://"},
      {"SecretEnvIsAName",
       Fixture(kStart, Head("kind: school}",
                            "leader: {webhook: {url: 'https://x.example', "
                            "secret_env: hunter2}}, kind: school}")),
       7, 94, "secret_env skal være navnet på en miljøvariabel"},
      {"ConsentReminderShorterThanValidity",
       Fixture(kStart) +
           "settings: {consent_reminder: P2M, consent_validity: P1M}\n",
       12, 30,
       "consent_reminder (P2M) må være kortere enn consent_validity (P1M)"},
      {"RetentionUnderAnHour",
       Fixture(kStart) + "retention: {access_log: PT30M}\n", 12, 25,
       "retention.access_log må være minst en time"},
      {"RetentionIdempotencyTooLong",
       Fixture(kStart) + "retention: {idempotency_keys: P2M}\n", 12, 31,
       "retention.idempotency_keys kan være høyst 30 dager"},
      {"RetentionReportedShorter",
       Fixture(kStart) +
           "retention: {closed_case: P5Y, closed_case_reported: P2Y}\n",
       12, 53,
       "retention.closed_case_reported (P2Y) kan ikke være kortere enn "
       "closed_case (P5Y)"},
      {"ArchiveRelativeDirectory",
       Fixture(kStart) + "retention: {archive: {directory: arkiv/ut}}\n", 12,
       34, "retention.archive.directory må være en absolutt sti"},
      {"ArchiveWebhookNeedsHttps",
       Fixture(kStart) +
           "retention: {archive: {webhook: {url: 'http://a.example', "
           "secret_env: ARKIV}}}\n",
       12, 38, "retention.archive.webhook.url må starte med https://"},
      {"ArchiveLanguageNorwegianOnly",
       Fixture(kStart) +
           "retention: {archive: {directory: /srv/a, language: se}}\n",
       12, 52, "retention.archive.language må være nb (bokmål) eller nn"},
      {"NoSteps", std::string(kHead) + "  []\n", 9, 3, "rutinen har ingen steg",
       2 /* and abuse_step is unknown */},
  };
  for (const auto& c : cases) ExpectDiagnostic(c);
}

TEST(ValidateTest, OneTypoInAReferenceGivesOneDiagnostic) {
  // Without the graph rules' guard, `konkretisert` and everything after it
  // would also be reported as unreachable.
  LoadResult r = LoadRoutineText(
      Fixture(
          Line("start", "concern", "outcomes: [{name: a, to: konkretisret}]") +
          Line("konkretisert", "observation",
               "outcomes: [{name: a, to: vurdering}]") +
          Line(
              "vurdering", "evaluation",
              "outcomes: [{name: a, to: slutt}, {name: b, to: konkretisert}]")),
      "f.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("(mente du 'konkretisert'?)"),
            std::string::npos)
      << r.diagnostics[0].ToString();
}

TEST(ValidateTest, TheAbuseShortcutCountsAsAnEdgeFromLevelZero) {
  // `meld` has no incoming outcome, yet it is reachable: every level-0 step
  // can take the shortcut.
  LoadResult r = LoadRoutineText(Fixture(kStart), "f.yaml");
  EXPECT_TRUE(r.ok());
}

TEST(ValidateTest, CasesMayMoveBackAndForthBetweenLevels) {
  LoadResult r = LoadRoutineText(
      Fixture(Line("start", "concern", "outcomes: [{name: up, to: high}]") +
              "  - {id: high, kind: evaluation, level: 2, title: H, "
              "responsible: baton, "
              "deadline: P1D, outcomes: [{name: down, to: start}, {name: "
              "close, to: slutt}]}\n"),
      "f.yaml");
  EXPECT_TRUE(r.ok()) << r.diagnostics.front().ToString();
}

}  // namespace
}  // namespace stafett::routine
