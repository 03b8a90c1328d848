// A deadline in words, for people: "14 virkedager", "14 vyrkedagar",
// "14 bargobeaivvi", "14 working days"; "1 måned og 2 uker". The routine
// page, the diagrams and the notices show these instead of the ISO
// duration the file says (P14D).
//
// Numbers are digits; units agree with the number (1 dag, 2 dager; North
// Sami: 1 beaivi, 2 beaivvi, the genitive singular after a numeral). Parts
// are joined with "og"/"og"/"ja"/"and" ("a, b og c").
//
// Thread-safety: pure functions.
#ifndef STAFETT_CORE_DEADLINE_WORDS_H_
#define STAFETT_CORE_DEADLINE_WORDS_H_

#include <array>
#include <string>
#include <string_view>

#include "core/deadline.h"

namespace stafett {

// The languages of these words, in this order.
inline constexpr std::array<const char*, 4> kWordsLanguages = {"nb", "nn", "se",
                                                               "en"};
// The index of `lang` in kWordsLanguages; bokmål (0) for any other.
int WordsLanguageIndex(std::string_view lang);

// In kWordsLanguages order; all "" when there is no deadline.
std::array<std::string, 4> DeadlineWordsAll(const DeadlineSpec& spec);
// In one language (bokmål for an unknown one).
std::string DeadlineWords(const DeadlineSpec& spec, std::string_view lang);

}  // namespace stafett

#endif  // STAFETT_CORE_DEADLINE_WORDS_H_
