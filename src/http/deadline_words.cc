#include "http/deadline_words.h"

#include "core/deadline_words.h"

namespace stafett::http {

// The words live in core (core/deadline_words.h) so that diagrams and
// notices say the same as the web app; kLanguages and kWordsLanguages
// have the same order.
LangText DeadlineWords(const DeadlineSpec& spec) {
  static_assert(kLanguages.size() == kWordsLanguages.size());
  return DeadlineWordsAll(spec);
}

}  // namespace stafett::http
