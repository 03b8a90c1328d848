// Internal to the engine: the case lifecycle as one Boost.Statechart machine.
//
//   Restoring --EvRestore--> Open | Closed
//   Open = three orthogonal regions, each entered through its own restoring
//          choice point:
//     phase:   Concern | Observation | TeamMeeting | Action | Evaluation
//              (one state per step kind; an outcome to a `closed` step
//              leaves Open for Closed)
//     sharing: Anonymous -> Consented -> Withdrawn -> Consented ...
//     baton:   None | Held | Offered
//   Closed (carries the reason): accepts only notes and child-welfare reports.
//
// The routine is data: reactions ask actions.h what the routine and the
// rules allow and transit to the state of the resulting step kind. No state
// has side effects on entry or exit, so restoring a stored case re-enters its
// states freely. Only case_machine.cc includes Boost, and the whole layout
// is instantiated there once: Statechart templates compile slowly.
#ifndef STAFETT_ENGINE_CASE_MACHINE_H_
#define STAFETT_ENGINE_CASE_MACHINE_H_

#include "core/status.h"
#include "engine/work.h"

namespace stafett::engine {

// Restores the machine from w.before, processes w.cmd, and reads the new
// configuration back into w.snap() (status, closed reason, step, sharing,
// baton). Returns w.error when the command is refused: events a state does
// not handle become kNotAllowed. Exceptions from actions propagate (the
// machine is discarded either way); Apply converts them.
// Precondition: w.before passed CheckStoredSnapshot (stored_snapshot.h).
Status RunCaseMachine(Work& w);

}  // namespace stafett::engine

#endif  // STAFETT_ENGINE_CASE_MACHINE_H_
