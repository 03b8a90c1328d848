// Words Stafett itself puts next to a routine's own texts, in the four
// languages (nb, nn, se, en): the built-in abuse shortcut's label and the
// vocabulary of the diagrams. One place, so the web app's API, the
// diagrams and the notices say the same (web/i18n/*.json has the same
// words for the browser).
//
// Thread-safety: constants, built on first use.
#ifndef STAFETT_ROUTINE_LABELS_H_
#define STAFETT_ROUTINE_LABELS_H_

#include <string>
#include <string_view>

#include "routine/model.h"

namespace stafett::routine {

// The outcome "suspected_abuse" (the shortcut from any level-0 step to
// abuse_step): "Mistanke om vold eller overgrep", ...
const Text& SuspectedAbuseLabel();

// Diagram words in `lang` (bokmål for an unknown language).
std::string StepKindLabel(StepKind k, std::string_view lang);  // "bekymring"
std::string ReporterLabel(std::string_view lang);              // "melder"
std::string BatonHolderLabel(std::string_view lang);       // "stafettholder"
std::string LevelLabel(int level, std::string_view lang);  // "Nivå 1"
std::string DeadlineLabel(std::string_view lang);          // "frist"
std::string VersionLabel(std::string_view lang);           // "versjon"

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_LABELS_H_
