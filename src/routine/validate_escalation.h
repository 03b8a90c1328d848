// Rules on the tenant's closures (`calendar`), its teams (`teams`) and
// staged escalation (`escalation`); run by ValidateRoutine
// (routine/validate.h), reporting at the offending key in bokmål:
//   - calendar: a dated closure's `to` is not before its `from`; a closure
//     lasts at most kMaxClosureDays; dated closures lie in 2000-2100;
//   - teams: ids are lower snake_case, not reserved (leader, reporter,
//     baton), unique among teams and services; a team has a channel, and
//     its channels follow the services' channel rules;
//   - escalation: 1 to kMaxEscalationStages stages; each has recipients,
//     `leader` or team ids (a service id or a typo is named, with a
//     suggestion), none twice; `after` is positive and each stage fires
//     later than the one before; `escalation` and
//     `settings.escalation_grace` are not both written.
//
// Thread-safety: reentrant.
#ifndef STAFETT_ROUTINE_VALIDATE_ESCALATION_H_
#define STAFETT_ROUTINE_VALIDATE_ESCALATION_H_

#include "routine/diagnostic.h"
#include "routine/model.h"
#include "routine/source_map.h"

namespace stafett::routine {

inline constexpr int kMaxClosureDays = 70;  // a school's summer is 8 weeks
inline constexpr int kMaxEscalationStages = 5;

void ValidateCalendarAndEscalation(const Routine& r, const SourceMap& where,
                                   DiagnosticList* diags);

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_VALIDATE_ESCALATION_H_
