// A step's deadline in words, for people: "14 virkedager", "14 vyrkedagar",
// "14 bargobeaivvi", "14 working days"; "1 måned og 2 uker". The routine
// page shows these next to the ISO duration the file says (P14D).
//
// Numbers are digits; units agree with the number (1 dag, 2 dager; North
// Sami: 1 beaivi, 2 beaivvi, the genitive singular after a numeral). Parts
// are joined with "og"/"og"/"ja"/"and" ("a, b og c").
//
// Thread-safety: pure functions.
#ifndef STAFETT_HTTP_DEADLINE_WORDS_H_
#define STAFETT_HTTP_DEADLINE_WORDS_H_

#include "core/deadline.h"
#include "http/lang_json.h"

namespace stafett::http {

// In kLanguages order (nb, nn, se, en); all "" when there is no deadline.
LangText DeadlineWords(const DeadlineSpec& spec);

}  // namespace stafett::http

#endif  // STAFETT_HTTP_DEADLINE_WORDS_H_
