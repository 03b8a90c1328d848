#include "routine/labels.h"

#include <array>

#include "core/deadline_words.h"

namespace stafett::routine {

namespace {

// In core/deadline_words.h's order: nb, nn, se, en.
using Four = std::array<const char*, 4>;

std::string In(std::string_view lang, const Four& words) {
  return words[WordsLanguageIndex(lang)];
}

Text Make(const Four& words) {
  Text t;
  for (int i = 0; i < 4; ++i) t.by_lang[kWordsLanguages[i]] = words[i];
  return t;
}

}  // namespace

const Text& SuspectedAbuseLabel() {
  static const Text kLabel = Make({"Mistanke om vold eller overgrep",
                                   "Mistanke om vald eller overgrep",
                                   "Eahpádus veahkaválddis dahje illastemis",
                                   "Suspected violence or abuse"});
  return kLabel;
}

std::string StepKindLabel(StepKind k, std::string_view lang) {
  switch (k) {
    case StepKind::kConcern:
      return In(lang, {"bekymring", "uro", "fuolla", "concern"});
    case StepKind::kObservation:
      return In(lang, {"observasjon", "observasjon", "áican", "observation"});
    case StepKind::kTeamMeeting:
      return In(lang,
                {"teammøte", "teammøte", "joavkočoahkkin", "team meeting"});
    case StepKind::kAction:
      return In(lang, {"tiltak", "tiltak", "doaibmabijut", "measures"});
    case StepKind::kEvaluation:
      return In(lang,
                {"evaluering", "evaluering", "árvvoštallan", "evaluation"});
    case StepKind::kClosed:
      return In(lang, {"avsluttet", "avslutta", "loahpahuvvon", "closed"});
  }
  return "";
}

std::string ReporterLabel(std::string_view lang) {
  return In(lang, {"melder", "meldar", "dieđiheaddji", "reporter"});
}

std::string BatonHolderLabel(std::string_view lang) {
  return In(lang, {"stafettholder", "stafetthaldar", "stafeahttaoamasteaddji",
                   "baton holder"});
}

std::string LevelLabel(int level, std::string_view lang) {
  return In(lang, {"Nivå ", "Nivå ", "Dássi ", "Level "}) +
         std::to_string(level);
}

std::string DeadlineLabel(std::string_view lang) {
  return In(lang, {"frist", "frist", "áigemearri", "deadline"});
}

std::string VersionLabel(std::string_view lang) {
  return In(lang, {"versjon", "versjon", "veršuvdna", "version"});
}

}  // namespace stafett::routine
