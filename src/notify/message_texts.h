// The words of each notification event in the four languages (nb, nn, se,
// en): the subject and the first paragraph of the e-mail. Internal to
// notify/message.cc, which adds the facts and the frame. The North Sami
// texts keep to the words the web app's catalogue (web/i18n/se.json)
// already uses for the same things, and should be reviewed by a native
// speaker like the rest of the Sami text.
//
// Thread-safety: pure functions.
#ifndef STAFETT_NOTIFY_MESSAGE_TEXTS_H_
#define STAFETT_NOTIFY_MESSAGE_TEXTS_H_

#include <string>

#include "notify/message.h"

namespace stafett::notify::internal {

struct Text {
  std::string subject;
  std::string lead;  // the first paragraph
};

// `lang` is core/deadline_words.h's index: 0 nb, 1 nn, 2 se, 3 en.
Text TextFor(const Content& c, int lang);

// The step's title, falling back to its id ("" without a step).
std::string StepName(const Content& c);

}  // namespace stafett::notify::internal

#endif  // STAFETT_NOTIFY_MESSAGE_TEXTS_H_
