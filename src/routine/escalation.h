// Staged escalation and teams (routine file keys `escalation` and `teams`,
// workflows/README.md): which stages a missed step or baton deadline goes
// through, and when each fires.
//
// Thread-safety: pure functions on an immutable Routine.
#ifndef STAFETT_ROUTINE_ESCALATION_H_
#define STAFETT_ROUTINE_ESCALATION_H_

#include <vector>

#include "core/time.h"
#include "routine/model.h"

namespace stafett::routine {

// The file's `escalation`, or by default one stage, `escalation_grace`
// after the deadline, to the responsible service's leader.
std::vector<EscalationStage> EscalationStages(const Settings& s);

// When stage `e` of a deadline due at `due` fires. A working-day `after`
// counts on the routine's calendar (its closures included).
TimePoint EscalationAt(TimePoint due, const EscalationStage& e);

// "P3D", "2 working days": the canonical text of `after`.
std::string EscalationAfterText(const EscalationStage& e);

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_ESCALATION_H_
