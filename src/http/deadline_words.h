// A step's deadline in words, for the routine page (next to the ISO
// duration the file says, P14D): core/deadline_words.h as a LangText.
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
