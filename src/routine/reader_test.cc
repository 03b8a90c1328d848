// The file's shape (reader.cc): one row per rule, each with the exact
// position the diagnostic must point at. Steps in a Fixture start at line
// 9; see test_fixtures.h.
#include <algorithm>

#include <gtest/gtest.h>

#include "routine/test_fixtures.h"

namespace stafett::routine {
namespace {

using testing::ExpectDiagnostic;
using testing::Fixture;
using testing::kHead;
using testing::kStart;
using testing::RuleCase;

// kHead with one line replaced, so line numbers stay put.
std::string Head(std::string_view from, std::string_view to) {
  std::string h(kHead);
  h.replace(h.find(from), from.size(), to);
  return h;
}

// A block-style first step; lines 9-15, keys at column 5. Each row below
// swaps one line.
constexpr std::string_view kStep =
    "  - id: start\n"                          // 9
    "    kind: concern\n"                      // 10
    "    level: 0\n"                           // 11
    "    title: S\n"                           // 12
    "    responsible: reporter\n"              // 13
    "    deadline: P1D\n"                      // 14
    "    outcomes: [{name: a, to: slutt}]\n";  // 15

std::string StepWith(std::string_view from, std::string_view to) {
  std::string s(kStep);
  s.replace(s.find(from), from.size(), to);
  return s;
}

TEST(ReaderTest, BaseFixturesAreValid) {
  for (const std::string& text : {Fixture(kStart), Fixture(kStep)}) {
    LoadResult r = LoadRoutineText(text, "f.yaml");
    ASSERT_TRUE(r.ok()) << r.diagnostics.front().ToString();
  }
}

TEST(ReaderTest, EveryShapeRuleReportsAtTheOffendingKeyOrValue) {
  const RuleCase cases[] = {
      {"UnknownKeySuggestsClosest", Fixture(StepWith("deadline:", "deadlnie:")),
       14, 5, "ukjent nøkkel 'deadlnie' (mente du 'deadline'?)"},
      {"NorwegianKeySuggestsEnglish", Fixture(StepWith("deadline:", "frist:")),
       14, 5, "ukjent nøkkel 'frist' (mente du 'deadline'?)"},
      {"UnknownKeyListsValidKeys",
       Fixture(std::string(kStep) + "    colour: red\n"), 16, 5,
       "ukjent nøkkel 'colour'; gyldige nøkler her: id, kind, level"},
      {"UnknownTopLevelKey", Fixture(kStart, Head("title: T", "titel: T")), 4,
       1, "ukjent nøkkel 'titel' (mente du 'title'?)"},
      {"DuplicateKey", Fixture(std::string(kStep) + "    level: 1\n"), 16, 5,
       "nøkkelen 'level' står to ganger (første gang på linje 11)"},
      {"NotYaml", "routine: [r\nversion: 1\n", 2, 8,
       "ugyldig YAML: mangler ']'"},
      {"TabInIndentation", "routine: r\nsteps:\n\t- id: a\n", 3, 2,
       "ugyldig YAML"},
      {"EmptyFile", "", 1, 1, "filen er tom"},
      {"RootNotAMap", "- routine\n", 1, 1, "rutinen skal være et kart"},
      {"IntegerExpected", Fixture(StepWith("level: 0", "level: two")), 11, 12,
       "'level' skal være et heltall, men er 'two'"},
      {"TextExpected", Fixture(StepWith("title: S", "title: [a, b]")), 12, 12,
       "'title' skal være en tekst eller et kart med språkene nb, nn, en, se"},
      {"ListExpected",
       Fixture(StepWith("[{name: a, to: slutt}]", "{name: a, to: slutt}")), 15,
       15, "'outcomes' skal være en liste"},
      {"EmptyValue", Fixture(StepWith("title: S", "title:")), 12, 5,
       "'title' mangler verdi"},
      {"MissingRequiredKey", Fixture(StepWith("    kind: concern\n", "")), 9, 5,
       "steget mangler påkrevd nøkkel 'kind'"},
      {"UnknownStepKind", Fixture(StepWith("kind: concern", "kind: meeting")),
       10, 11,
       "ukjent stegtype 'meeting'; gyldige verdier: concern, observation, "
       "team_meeting"},
      {"StepKindSuggestion",
       Fixture(StepWith("kind: concern", "kind: consern")), 10, 11,
       "ukjent stegtype 'consern' (mente du 'concern'?)"},
      {"UnknownServiceKind",
       Fixture(kStart, Head("kind: school", "kind: barnehage")), 7, 43,
       "ukjent tjenestetype 'barnehage'"},
      {"UnknownFieldType",
       Fixture(std::string(kStep) +
               "    requires: [{name: x, type: string}]\n"),
       16, 32, "ukjent felttype 'string'"},
      {"BooleanExpected",
       Fixture(std::string(kStep) +
               "    requires: [{name: x, type: text, required: yes}]\n"),
       16, 48, "'required' skal være true eller false, men er 'yes'"},
      {"UnknownLanguage",
       Fixture(StepWith("title: S", "title: {nb: S, sv: T}")), 12, 20,
       "ukjent nøkkel 'sv' (mente du 'se'?)"},
      {"TextMapNeedsBokmal", Fixture(StepWith("title: S", "title: {en: S}")),
       12, 12, "teksten mangler påkrevd nøkkel 'nb'"},
      {"BadDuration", Fixture(StepWith("deadline: P1D", "deadline: P14")), 14,
       15, "ugyldig frist 'P14'"},
      {"DeadlineWithoutUnit",
       Fixture(StepWith("deadline: P1D", "deadline: 14")), 14, 15,
       "fristen '14' mangler enhet: skriv P14D"},
      {"WorkingDaysNotInteger",
       Fixture(StepWith("deadline: P1D", "deadline: {working_days: ti}")), 14,
       30, "'working_days' skal være et heltall, men er 'ti'"},
      {"DeadlineMapUnknownKey",
       Fixture(StepWith("deadline: P1D", "deadline: {workdays: 10}")), 14, 16,
       "ukjent nøkkel 'workdays' (mente du 'working_days'?)"},
      {"SettingsBadDuration",
       Fixture(kStart) + "settings: {consent_validity: 12M}\n", 12, 30,
       "ugyldig frist '12M'"},
      {"SettingsUnknownKey",
       Fixture(kStart) + "settings: {consent_valid: P1Y}\n", 12, 12,
       "ukjent nøkkel 'consent_valid' (mente du 'consent_validity'?)"},
      {"RetentionBadDuration",
       Fixture(kStart) + "retention: {closed_case: 5Y}\n", 12, 26,
       "ugyldig frist '5Y'"},
      {"RetentionUnknownKey",
       Fixture(kStart) + "retention: {closed_cases: P5Y}\n", 12, 13,
       "ukjent nøkkel 'closed_cases' (mente du 'closed_case'?)"},
      // The secret itself must never be written in the file.
      {"WebhookSecretInFile",
       Fixture(kStart, Head("kind: school}",
                            "kind: school, channels: {webhook: {url: "
                            "'https://x.example', secret: abc}}}")),
       7, 98, "ukjent nøkkel 'secret' (mente du 'secret_env'?)"},
      {"KeyNotText", Fixture(std::string(kStep) + "    [a]: b\n"), 16, 5,
       "en nøkkel må være en tekst"},
  };
  for (const auto& c : cases) ExpectDiagnostic(c);
}

TEST(ReaderTest, ColumnsCountCharactersNotBytes) {
  // "Čá" is four bytes but two columns in an editor.
  LoadResult r = LoadRoutineText(
      Fixture(StepWith("title: S", "title: {nb: Čá, sv: x}")), "f.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].line, 12);
  EXPECT_EQ(r.diagnostics[0].column, 21);
}

TEST(ReaderTest, ReadsEveryKeyIntoTheModel) {
  LoadResult r = LoadRoutineText(
      Fixture("  - id: start\n"
              "    kind: observation\n"
              "    level: 1\n"
              "    title: {nb: Observasjon, se: Áican}\n"
              "    responsible: skole\n"
              "    deadline: {working_days: 10}\n"
              "    requires:\n"
              "      - {name: who, type: services, options: [skole]}\n"
              "      - {name: how, type: choice, options: [a, b], "
              "required: false, label: Hvordan}\n"
              "    outcomes:\n"
              "      - name: done\n"
              "        to: slutt\n"
              "        label: {nb: Ferdig, se: Gearggus}\n"
              "        requires: [{name: when, type: date}]\n"
              "      - {name: report, to: meld}\n"
              "    tags: {sjumilssteget: 1, uncrc: [12, 3]}\n") +
          "initial: start\n",
      "f.yaml");
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().ToString();
  const Routine& routine = *r.routine;
  EXPECT_EQ(routine.initial, "start");
  EXPECT_EQ(routine.abuse_step, "meld");
  EXPECT_EQ(routine.source_name, "f.yaml");
  ASSERT_EQ(routine.services.size(), 1u);
  EXPECT_EQ(routine.services[0].kind, ServiceKind::kSchool);
  const Step* s = routine.FindStep("start");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->kind, StepKind::kObservation);
  EXPECT_EQ(s->level, 1);
  EXPECT_EQ(s->title.Get("se"), "Áican");
  EXPECT_EQ(s->title.Get("nn"), "Observasjon");  // falls back to bokmål
  EXPECT_EQ(s->responsible.kind, Responsible::Kind::kService);
  EXPECT_EQ(s->responsible.service, "skole");
  EXPECT_EQ(s->deadline.kind, DeadlineSpec::Kind::kWorkingDays);
  EXPECT_EQ(s->deadline.working_days, 10);
  ASSERT_EQ(s->fields.size(), 2u);
  EXPECT_EQ(s->fields[0].type, FieldType::kServices);
  EXPECT_TRUE(s->fields[0].required);
  EXPECT_FALSE(s->fields[1].required);
  EXPECT_EQ(s->fields[1].options, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(s->fields[1].label.Get(), "Hvordan");
  EXPECT_EQ(s->fields[0].pos.line, 16);
  const Outcome* o = s->FindOutcome("done");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->to, "slutt");
  EXPECT_EQ(o->label.Get("se"), "Gearggus");
  ASSERT_EQ(o->fields.size(), 1u);
  EXPECT_EQ(o->fields[0].type, FieldType::kDate);
  EXPECT_EQ(s->sjumilssteget, std::vector<int>{1});
  EXPECT_EQ(s->uncrc, (std::vector<int>{12, 3}));
  EXPECT_EQ(s->pos.line, 9);
  EXPECT_EQ(s->pos.column, 5);
  // Defaults when settings are absent.
  EXPECT_EQ(routine.settings.consent_validity.ToString(), "P12M");
}

TEST(ReaderTest, AServiceNameIsOneTextOrOnePerLanguage) {
  LoadResult plain = LoadRoutineText(Fixture(kStart), "f.yaml");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain.routine->services[0].name, "Skole");
  EXPECT_EQ(plain.routine->services[0].names.Get("se"), "Skole");

  LoadResult langs = LoadRoutineText(
      Fixture(kStart, Head("name: Skole",
                           "name: {nb: Skole, nn: Skule, se: Skuvla čáđa, en: "
                           "School}")),
      "f.yaml");
  ASSERT_TRUE(langs.ok()) << langs.diagnostics.front().ToString();
  const Service& s = langs.routine->services[0];
  EXPECT_EQ(s.name, "Skole");
  EXPECT_EQ(s.names.Get("nn"), "Skule");
  EXPECT_EQ(s.names.Get("se"), "Skuvla čáđa");  // Sami letters intact
  EXPECT_EQ(s.names.Get("en"), "School");

  // bokmål is required, as for every text.
  LoadResult no_nb = LoadRoutineText(
      Fixture(kStart, Head("name: Skole", "name: {se: Skuvla}")), "f.yaml");
  EXPECT_FALSE(no_nb.ok());
}

TEST(ReaderTest, RetentionReadsEveryPeriodAndDefaultsTheRest) {
  LoadResult absent = LoadRoutineText(Fixture(kStart), "f.yaml");
  ASSERT_TRUE(absent.ok());
  EXPECT_EQ(absent.routine->retention.ToString(),
            "closed_case=P5Y closed_case_reported=P10Y access_log=P5Y "
            "notifications_delivered=P90D notifications_failed=P1Y "
            "idempotency_keys=PT24H");
  LoadResult r = LoadRoutineText(
      Fixture(kStart) +
          "retention:\n  closed_case: P3Y\n  closed_case_reported: P6Y\n"
          "  access_log: P2Y\n  notifications_delivered: P30D\n"
          "  notifications_failed: P60D\n  idempotency_keys: PT12H\n",
      "f.yaml");
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().message;
  EXPECT_EQ(r.routine->retention.ToString(),
            "closed_case=P3Y closed_case_reported=P6Y access_log=P2Y "
            "notifications_delivered=P30D notifications_failed=P60D "
            "idempotency_keys=PT12H");
}

TEST(ReaderTest, RetentionArchiveTarget) {
  LoadResult dir = LoadRoutineText(
      Fixture(kStart) + "retention:\n  archive: {directory: /srv/arkiv/inn}\n",
      "f.yaml");
  ASSERT_TRUE(dir.ok()) << dir.diagnostics.front().message;
  EXPECT_EQ(dir.routine->retention.archive.directory, "/srv/arkiv/inn");
  EXPECT_TRUE(dir.routine->retention.archive.required());
  EXPECT_EQ(dir.routine->retention.archive.language, "nb") << "the default";
  LoadResult nn = LoadRoutineText(
      Fixture(kStart) +
          "retention:\n  archive: {directory: /srv/a, language: nn}\n",
      "f.yaml");
  ASSERT_TRUE(nn.ok()) << nn.diagnostics.front().message;
  EXPECT_EQ(nn.routine->retention.archive.language, "nn");
  LoadResult hook = LoadRoutineText(
      Fixture(kStart) +
          "retention:\n  archive:\n    webhook: {url: 'https://arkiv.example/"
          "inn', secret_env: ARKIV_SECRET}\n",
      "f.yaml");
  ASSERT_TRUE(hook.ok()) << hook.diagnostics.front().message;
  EXPECT_EQ(hook.routine->retention.archive.webhook_url,
            "https://arkiv.example/inn");
  EXPECT_EQ(hook.routine->retention.archive.webhook_secret_env, "ARKIV_SECRET");
  EXPECT_FALSE(LoadRoutineText(Fixture(kStart), "f.yaml")
                   .routine->retention.archive.required());
}

TEST(ReaderTest, InitialDefaultsToTheFirstStep) {
  LoadResult r = LoadRoutineText(Fixture(kStart), "f.yaml");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.routine->initial, "start");
}

TEST(ReaderTest, ReportsEveryProblemNotJustTheFirst) {
  LoadResult r = LoadRoutineText(
      Fixture(StepWith("level: 0", "level: x"),
              Head("reference_prefix: TT", "reference_prefix: tt")),
      "f.yaml");
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics[0].line, 5);  // in file order
  EXPECT_EQ(r.diagnostics[1].line, 11);
}

}  // namespace
}  // namespace stafett::routine

namespace stafett::routine {
namespace {

// UTF-16 as Windows editors write it: little-endian, with a byte-order mark.
std::string Utf16Le(std::string_view ascii, bool bom) {
  std::string out = bom ? std::string("\xFF\xFE", 2) : std::string();
  for (char c : ascii) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

// Issue 11, defect 5: a file that is not UTF-8 passed `routine check`, and
// the API then served its bytes raw, as invalid JSON. Line 12 is
// "    title: S" (12 characters), so the bad character is at column 13.
TEST(ReaderTest, RefusesEveryFileThatIsNotUtf8AtTheBadCharacter) {
  const std::string whole = Fixture(kStep);
  const int after_last_line =
      static_cast<int>(std::count(whole.begin(), whole.end(), '\n')) + 1;
  const RuleCase cases[] = {
      {"Latin1", Fixture(StepWith("title: S", "title: S\xE6r")), 12, 13,
       "byten 0xE6 er ikke gyldig UTF-8 (er filen lagret som Latin-1"},
      {"Windows1252Dash", Fixture(StepWith("title: S", "title: S \x96 x")), 12,
       14, "byten 0x96 er ikke gyldig UTF-8"},
      {"ColumnsCountCharacters", Fixture(StepWith("title: S", "title: Čá\xF8")),
       12, 14, "byten 0xF8 er ikke gyldig UTF-8"},
      {"LoneSurrogateWtf8",
       Fixture(StepWith("title: S", "title: S\xED\xB2\x80")), 12, 13,
       "et surrogat (U+D800–U+DFFF) kodet som UTF-8 (CESU-8/WTF-8)"},
      {"SurrogatePairCesu8",
       Fixture(StepWith("title: S", "title: S\xED\xA0\xBD\xED\xB8\x80")), 12,
       13, "surrogat", 2},
      {"Overlong", Fixture(StepWith("title: S", "title: S\xC0\xAF")), 12, 13,
       "byten 0xC0 er ikke gyldig UTF-8"},
      {"AboveU10FFFF",
       Fixture(StepWith("title: S", "title: S\xF4\x90\x80\x80")), 12, 13,
       "byten 0xF4 er ikke gyldig UTF-8"},
      {"TruncatedAtEnd", whole + "# \xE2\x82", after_last_line, 3,
       "byten 0xE2 er ikke gyldig UTF-8"},
      {"Utf16WithBom", Utf16Le(Fixture(kStep), true), 1, 1,
       "filen er lagret som UTF-16; lagre den som UTF-8"},
      {"Utf16BigEndianBom", std::string("\xFE\xFF\0r", 4), 1, 1,
       "filen er lagret som UTF-16"},
      {"Utf16WithoutBom", Utf16Le(Fixture(kStep), false), 1, 1,
       "filen er lagret som UTF-16"},
      {"NulByte", Fixture(StepWith("title: S", std::string("title: S\0", 9))),
       12, 13, "NUL-tegn"},
  };
  for (const auto& c : cases) ExpectDiagnostic(c);
}

// Decision: a UTF-8 byte-order mark is accepted (Notepad writes one) and
// does not count as a column on line 1.
TEST(ReaderTest, AcceptsAUtf8ByteOrderMark) {
  LoadResult ok = LoadRoutineText("\xEF\xBB\xBF" + Fixture(kStep), "f.yaml");
  ASSERT_TRUE(ok.ok()) << ok.diagnostics.front().ToString();
  ExpectDiagnostic(
      {"BomThenError",
       "\xEF\xBB\xBF" + Fixture(kStart, Head("title: T", "titel: T")), 4, 1,
       "ukjent nøkkel 'titel'"});
}

}  // namespace
}  // namespace stafett::routine
