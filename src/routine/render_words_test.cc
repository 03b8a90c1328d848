// Diagrams in the four languages: deadlines in words, service names, the
// abuse shortcut's label and the diagram's own words (routine/labels.h).
#include <gtest/gtest.h>

#include "routine/labels.h"
#include "routine/loader.h"
#include "routine/render.h"

namespace stafett::routine {
namespace {

constexpr char kRoutine[] = R"(routine: r
version: 2
tenant: t
title: {nb: Unjárga, se: Unjárga gielda}
reference_prefix: TT
abuse_step: meld
services:
  - id: skole
    name: {nb: Nesseby skole, nn: Nesseby skule, se: Unjárgga skuvla, en: Nesseby school}
    kind: school
steps:
  - id: start
    kind: concern
    level: 0
    title: {nb: Undring, se: Imaštallan}
    responsible: skole
    deadline: P14D
    outcomes: [{name: a, to: tiltak}]
  - id: tiltak
    kind: action
    level: 1
    title: Tiltak
    responsible: baton
    deadline: {working_days: 10}
    outcomes: [{name: a, to: slutt}]
  - id: meld
    kind: action
    level: 3
    title: Melding
    responsible: reporter
    deadline: PT8H
    outcomes: [{name: a, to: slutt}]
  - {id: slutt, kind: closed, level: 0, title: Slutt}
)";

TEST(RenderWordsTest, EveryLanguageSaysDeadlinesAndNamesInWords) {
  auto loaded = LoadRoutineText(kRoutine, "r.yaml");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.front().ToString();
  const Routine& r = *loaded.routine;
  const struct {
    const char* lang;
    std::vector<std::string> dot;  // each must appear
  } rows[] = {
      {"nb",
       {"Undring\\nbekymring · Nesseby skole\\nfrist: 14 dager",
        "tiltak · stafettholder\\nfrist: 10 virkedager",
        "tiltak · melder\\nfrist: 8 timer", "label=\"Nivå 1\"",
        "label=\"Mistanke om vold eller overgrep\"", "r versjon 2"}},
      {"nn",
       {"uro · Nesseby skule\\nfrist: 14 dagar",
        "tiltak · stafetthaldar\\nfrist: 10 vyrkedagar",
        "label=\"Mistanke om vald eller overgrep\""}},
      {"se",
       {"Imaštallan\\nfuolla · Unjárgga skuvla\\náigemearri: 14 beaivvi",
        "áigemearri: 10 bargobeaivvi", "label=\"Dássi 1\"",
        "label=\"Eahpádus veahkaválddis dahje illastemis\"", "r veršuvdna 2"}},
      {"en",
       {"concern · Nesseby school\\ndeadline: 14 days",
        "measures · baton holder\\ndeadline: 10 working days",
        "label=\"Level 3\"", "label=\"Suspected violence or abuse\""}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.lang);
    const std::string dot = RenderDot(r, row.lang);
    for (const auto& want : row.dot) {
      EXPECT_NE(dot.find(want), std::string::npos) << want << "\n" << dot;
    }
    for (const char* code : {"P14D", "PT8H", "working_days"}) {
      EXPECT_EQ(dot.find(code), std::string::npos) << code;
    }
    const std::string mermaid = RenderMermaid(r, row.lang);
    EXPECT_NE(mermaid.find(SuspectedAbuseLabel().Get(row.lang)),
              std::string::npos);
    EXPECT_EQ(mermaid.find("P14D"), std::string::npos);
  }
}

TEST(RenderWordsTest, SuspectedAbuseHasALabelInEveryLanguage) {
  for (const char* lang : {"nb", "nn", "se", "en"}) {
    EXPECT_FALSE(SuspectedAbuseLabel().by_lang.at(lang).empty()) << lang;
  }
  EXPECT_EQ(SuspectedAbuseLabel().Get("se"),
            "Eahpádus veahkaválddis dahje illastemis");
}

}  // namespace
}  // namespace stafett::routine
