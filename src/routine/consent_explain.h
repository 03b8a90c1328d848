// What a routine says about consent, in words an administrator checks a
// routine with (`stafett routine check` prints it under each routine that
// loads): which steps need consent to be entered, which step collects it,
// and what happens without it. Issue 12; the rules are in docs/engine.md.
//
// Thread-safety: pure function.
#ifndef STAFETT_ROUTINE_CONSENT_EXPLAIN_H_
#define STAFETT_ROUTINE_CONSENT_EXPLAIN_H_

#include <string>
#include <vector>

#include "routine/model.h"

namespace stafett::routine {

// Lines in bokmål, without a trailing newline, in the order: where consent
// is collected, where it is required, what happens without it.
std::vector<std::string> ExplainConsent(const Routine& r);

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_CONSENT_EXPLAIN_H_
