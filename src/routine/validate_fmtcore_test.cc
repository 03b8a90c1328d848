// The format rules of issue 12 part 1 (validate_consent.cc,
// validate_measures.cc, validate_levels.cc and the reader's new keys): one
// row per rule and diagnostic, with the exact FILE:LINE:COLUMN. Errors stop
// the routine loading; warnings never do (old stored versions keep
// loading), so they have their own table.
#include <string>

#include <gtest/gtest.h>

#include "routine/consent_explain.h"
#include "routine/loader.h"
#include "routine/test_fixtures.h"

namespace stafett::routine {
namespace {

using testing::ExpectDiagnostic;
using testing::Fixture;
using testing::RuleCase;

// 1-based line and column of the `nth` (0-based) occurrence of `what` in
// `text`, plus `skip` characters (to point inside it, e.g. at a value).
struct At {
  int line;
  int column;
};
At Find(const std::string& text, const std::string& what, int skip = 0,
        int nth = 0) {
  std::size_t pos = text.find(what);
  for (int i = 0; i < nth && pos != std::string::npos; ++i) {
    pos = text.find(what, pos + 1);
  }
  EXPECT_NE(pos, std::string::npos) << what;
  int line = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < pos; ++i) {
    if (text[i] == '\n') {
      ++line;
      start = i + 1;
    }
  }
  return At{line, static_cast<int>(pos - start) + 1 + skip};
}

RuleCase Row(const char* name, const std::string& text, const std::string& at,
             int skip, const char* fragment, std::size_t count = 1) {
  At a = Find(text, at, skip);
  return RuleCase{name, text, a.line, a.column, fragment, count};
}

// A level-0 start step whose one outcome `go` carries `fields` and leads to
// `to`; then `steps`.
std::string Start(const std::string& fields, const std::string& to,
                  const std::string& steps = {}) {
  return "  - id: start\n"
         "    kind: concern\n"
         "    level: 0\n"
         "    title: S\n"
         "    responsible: reporter\n"
         "    deadline: P1D\n"
         "    outcomes:\n"
         "      - name: go\n"
         "        to: " +
         to + "\n" + (fields.empty() ? "" : "        requires:\n" + fields) +
         steps;
}

// A block step at `level` with one outcome to slutt.
std::string Step(const std::string& id, int level, const std::string& extra,
                 const std::string& responsible = "reporter") {
  return "  - id: " + id +
         "\n"
         "    kind: action\n"
         "    level: " +
         std::to_string(level) +
         "\n"
         "    title: X\n"
         "    responsible: " +
         responsible +
         "\n"
         "    deadline: P1D\n" +
         extra +
         "    outcomes:\n"
         "      - {name: done, to: slutt}\n";
}

const std::string kMeasure =
    "          - {name: measure, type: text, role: measure}\n"
    "          - {name: owner, type: service, role: measure_owner}\n"
    "          - {name: evaluation_date, type: date, role: evaluation_date}\n";

TEST(ValidateFmtcoreTest, EveryNewRuleReportsAtTheOffendingKeyOrValue) {
  std::string t;
  const RuleCase cases[] = {
      // Consent points.
      Row("CollectOnClosedStep",
          t = Fixture(Start("", "ende") +
                      "  - {id: ende, kind: closed, level: 0, title: E, "
                      "consent: collect}\n"),
          "consent: collect", 9,
          "et avsluttende steg (kind: closed) kan ikke hente samtykke"),
      Row("CollectByANamedService",
          t = Fixture(Start("", "samtykke") +
                      Step("samtykke", 1, "    consent: collect\n", "skole")),
          "consent: collect", 9,
          "henter samtykke (consent: collect), men er ansvaret til 'skole'"),
      Row("UnknownConsentPoint",
          t = Fixture(Start("", "samtykke") +
                      Step("samtykke", 1, "    consent: before\n", "reporter")),
          "consent: before", 9, "ukjent samtykkeregel 'before'"),
      // Field roles and measures.
      Row("UnknownRole",
          t = Fixture(
              Start("          - {name: eier, type: service, role: owner}\n",
                    "tiltak", Step("tiltak", 0, ""))),
          "role: owner", 6, "ukjent feltrolle 'owner'"),
      Row("RoleNeedsItsType",
          t = Fixture(Start(
              "          - {name: measure, type: text, role: measure}\n"
              "          - {name: owner, type: text, role: measure_owner}\n"
              "          - {name: evaluation_date, type: date, role: "
              "evaluation_date}\n",
              "tiltak", Step("tiltak", 0, ""))),
          "role: measure_owner", 6,
          "feltrollen 'measure_owner' krever type service, men feltet "
          "'owner' har type text"),
      Row("OneFieldPerRole",
          t = Fixture(Start(
              "          - {name: a, type: service, role: baton_holder}\n"
              "          - {name: b, type: service, role: baton_holder}\n",
              "tiltak", Step("tiltak", 0, ""))),
          "{name: b, type: service, role: baton_holder}", 31,
          "utfallet 'go' har allerede et felt med role: baton_holder ('a', "
          "linje 19)"),
      Row("AMeasureHasAllThree",
          t = Fixture(Start(
              "          - {name: owner, type: service, role: measure_owner}\n"
              "          - {name: evaluation_date, type: date, role: "
              "evaluation_date}\n",
              "tiltak", Step("tiltak", 0, ""))),
          "name: go", 0,
          "utfallet 'go' i steget 'start' avtaler et tiltak, men mangler felt "
          "med role: measure"),
      Row("AMeasureIsAlwaysRecorded",
          t = Fixture(Start(
              "          - {name: measure, type: text, role: measure}\n"
              "          - {name: owner, type: service, role: measure_owner}\n"
              "          - {name: evaluation_date, type: date, role: "
              "evaluation_date, required: false}\n",
              "tiltak", Step("tiltak", 0, ""))),
          "required: false", 10, "kan ikke ha required: false"),
      Row("AnEvaluationDateCannotClose", t = Fixture(Start(kMeasure, "slutt")),
          "role: evaluation_date", 6,
          "utfallet 'go' avslutter saken ('slutt'), så feltet "
          "'evaluation_date' (role: evaluation_date) har ingen virkning"),
      Row("KeepLevelIsABoolean",
          t = Fixture(
              Start("", "tiltak", Step("tiltak", 0, "    keep_level: ja\n"))),
          "keep_level: ja", 12,
          "'keep_level' skal være true eller false, men er 'ja'"),
  };
  for (const auto& c : cases) ExpectDiagnostic(c);
}

struct WarningCase {
  const char* name;
  std::string text;
  std::string at;  // where the warning points: this text, plus `skip`
  int skip;
  const char* fragment;  // "" : no warning may contain `absent`
  const char* absent = "";
};

void ExpectWarning(const WarningCase& c) {
  SCOPED_TRACE(c.name);
  LoadResult r = LoadRoutineText(c.text, "f.yaml");
  std::string all;
  for (const auto& d : r.diagnostics) all += "  " + d.ToString() + "\n";
  for (const auto& d : r.warnings) all += "  " + d.ToString() + "\n";
  ASSERT_TRUE(r.ok()) << "warnings must never stop a routine loading\n"
                      << all << c.text;
  if (*c.absent) {
    for (const auto& w : r.warnings) {
      EXPECT_EQ(w.message.find(c.absent), std::string::npos) << all;
    }
    return;
  }
  At a = Find(c.text, c.at, c.skip);
  bool found = false;
  for (const auto& w : r.warnings) {
    EXPECT_TRUE(w.warning);
    EXPECT_NE(w.ToString().find(": advarsel: "), std::string::npos);
    if (w.line == a.line && w.column == a.column &&
        w.message.find(c.fragment) != std::string::npos) {
      found = true;
    }
  }
  EXPECT_TRUE(found) << "expected f.yaml:" << a.line << ":" << a.column
                     << ": advarsel: ..." << c.fragment << "...\ngot:\n"
                     << all << "text:\n"
                     << c.text;
}

// start (level 0) and en (level 2) both lead to evaluering (level 1).
std::string Shared(bool keep) {
  return "  - id: start\n    kind: concern\n    level: 0\n    title: S\n"
         "    responsible: reporter\n    deadline: P1D\n    outcomes:\n"
         "      - {name: a, to: evaluering}\n      - {name: b, to: en}\n"
         "  - id: en\n    kind: action\n    level: 2\n    title: X\n"
         "    responsible: reporter\n    deadline: P1D\n    outcomes:\n"
         "      - {name: a, to: evaluering}\n"
         "  - id: evaluering\n    kind: evaluation\n    level: 1\n"
         "    title: E\n" +
         std::string(keep ? "    keep_level: true\n" : "") +
         "    responsible: reporter\n    deadline: P1D\n    outcomes:\n"
         "      - {name: done, to: slutt}\n      - {name: again, to: en}\n";
}

TEST(ValidateFmtcoreTest, WarningsPointAtWhatDoesNothingOrSurprises) {
  const std::string to_team =
      Start("", "team", Step("team", 1, "", "reporter"));
  const WarningCase cases[] = {
      {"AConsentDateFieldRecordsNoConsent",
       Fixture(Start("          - {name: consent_date, type: date}\n", "tiltak",
                     Step("tiltak", 0, ""))),
       "name: consent_date", 6,
       "feltet 'consent_date' registrerer ikke samtykke"},
      {"ALevel0OutcomeIntoAConsentStep", Fixture(to_team), "to: team", 4,
       "utfallet 'go' fører fra nivå 0 til 'team' (nivå 1), som krever "
       "samtykke; uten samtykke avvises utfallet"},
      {"NoSuchWarningWhenAStepCollectsConsent",
       Fixture(Start("", "samtykke",
                     Step("samtykke", 1, "    consent: collect\n"))),
       "", 0, "", "som krever samtykke"},
      {"AMeasureFieldWithoutRole",
       Fixture(Start("          - {name: measure_responsible, type: service}\n",
                     "tiltak", Step("tiltak", 0, ""))),
       "name: measure_responsible", 6,
       "feltet 'measure_responsible' lagres bare som en verdi; Stafett gjør "
       "ingenting med det. Skriv role: measure_owner"},
      {"ABatonStepBeforeAnyHolderIsPicked",
       Fixture(Start("", "tiltak", Step("tiltak", 0, "", "baton"))),
       "responsible: baton", 13,
       "en sak kan komme hit før noe utfall har valgt stafettholder"},
      {"NoSuchWarningOnceAnOutcomePicksTheHolder",
       Fixture(Start("          - {name: holder, type: service, role: "
                     "baton_holder}\n",
                     "tiltak", Step("tiltak", 0, "", "baton"))),
       "", 0, "", "før noe utfall har valgt stafettholder"},
      {"ASharedStepThatMovesTheLevel", Fixture(Shared(false)),
       "level: 1\n    title: E", 7,
       "steget 'evaluering' brukes av saker på nivå 0 og 2, og flytter saken "
       "til nivå 1; en sak på nivå 0 og 2 skifter da nivå"},
      {"NoSuchWarningWhenTheSharedStepKeepsTheLevel", Fixture(Shared(true)), "",
       0, "", "steget 'evaluering' brukes"},
  };
  for (const auto& c : cases) ExpectWarning(c);
}

TEST(ValidateFmtcoreTest, NewKeysAreReadIntoTheModel) {
  LoadResult r = LoadRoutineText(
      Fixture(Start(
          kMeasure, "tiltak",
          Step("tiltak", 1, "    consent: collect\n    keep_level: true\n"))),
      "f.yaml");
  ASSERT_TRUE(r.ok()) << (r.diagnostics.empty() ? ""
                                                : r.diagnostics[0].ToString());
  const routine::Step* start = r.routine->FindStep("start");
  const routine::Step* tiltak = r.routine->FindStep("tiltak");
  ASSERT_EQ(start->outcomes[0].fields.size(), 3u);
  EXPECT_EQ(start->outcomes[0].fields[0].role, FieldRole::kMeasure);
  EXPECT_EQ(start->outcomes[0].fields[1].role, FieldRole::kMeasureOwner);
  EXPECT_EQ(start->outcomes[0].fields[2].role, FieldRole::kEvaluationDate);
  EXPECT_EQ(tiltak->consent, ConsentPoint::kCollect);
  EXPECT_TRUE(tiltak->keep_level);
  EXPECT_TRUE(tiltak->KeepsLevel());
  // Without the keys: today's behaviour.
  EXPECT_EQ(start->consent, ConsentPoint::kDefault);
  EXPECT_FALSE(start->KeepsLevel());
}

}  // namespace
}  // namespace stafett::routine

namespace stafett::routine {
namespace {

LoadResult ShippedRoutine(const std::string& name) {
  return LoadRoutineFile(std::string(STAFETT_SOURCE_DIR) + "/workflows/" +
                         name);
}

// The shipped routines use what issue 12 added, where their municipalities
// would: a step that collects consent, measures as objects, and (bti,
// nesseby) a place where the team picks the baton holder. No field in them
// looks like consent but records none.
TEST(ShippedRoutinesFmtcoreTest, UseConsentPointsMeasuresAndBatonChoice) {
  for (const char* name : {"bti.yaml", "nesseby.yaml", "storby.yaml"}) {
    SCOPED_TRACE(name);
    LoadResult r = ShippedRoutine(name);
    ASSERT_TRUE(r.ok());
    bool collects = false, owner = false, picks = false;
    for (const auto& s : r.routine->steps) {
      collects = collects || s.consent == ConsentPoint::kCollect;
      auto scan = [&](const std::vector<FieldSpec>& fields) {
        for (const auto& f : fields) {
          owner = owner || f.role == FieldRole::kMeasureOwner;
          picks = picks || f.role == FieldRole::kBatonHolder;
        }
      };
      scan(s.fields);
      for (const auto& o : s.outcomes) scan(o.fields);
    }
    EXPECT_TRUE(owner);
    if (std::string(name) != "storby.yaml") {
      EXPECT_TRUE(collects);
      EXPECT_TRUE(picks);
    }
    for (const auto& w : r.warnings) {
      if (getenv("SHOW_WARNINGS")) printf("%s\n", w.ToString().c_str());
      EXPECT_EQ(w.message.find("registrerer ikke samtykke"), std::string::npos)
          << w.ToString();
      EXPECT_EQ(w.message.find("lagres bare som en verdi"), std::string::npos)
          << w.ToString();
    }
  }
}

TEST(ConsentExplainTest, SaysWhereConsentIsCollectedAndRequired) {
  LoadResult r = ShippedRoutine("bti.yaml");
  ASSERT_TRUE(r.ok());
  auto lines = ExplainConsent(*r.routine);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].rfind(
                "samtykke hentes i 'samtykke_niva1' og 'samtykke_niva2'", 0),
            0u)
      << lines[0];
  EXPECT_NE(lines[1].find("'niva1_planlegg' (nivå 1)"), std::string::npos)
      << lines[1];
  EXPECT_NE(lines[2].find("snarveien ved mistanke om vold"), std::string::npos);
}

}  // namespace
}  // namespace stafett::routine
