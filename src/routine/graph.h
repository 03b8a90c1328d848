// A routine as a directed graph of steps: each outcome is an edge, and the
// suspected-abuse shortcut is an edge from every level-0 step that is not
// closed to abuse_step.
//
// Precondition for every function here: each outcome's `to`, `initial` and
// `abuse_step` name a step and step ids are unique. A routine returned by
// routine/loader.h always qualifies; ValidateRoutine calls CheckGraph only
// when it does.
//
// Thread-safety: pure functions.
#ifndef STAFETT_ROUTINE_GRAPH_H_
#define STAFETT_ROUTINE_GRAPH_H_

#include <set>
#include <string>

#include "routine/diagnostic.h"
#include "routine/model.h"
#include "routine/source_map.h"

namespace stafett::routine {

// Ids of the steps a case can reach from `initial`, shortcut included.
std::set<std::string> ReachableSteps(const Routine& r);

// Ids of the steps from which a closed step can be reached along outcomes
// (the shortcut is an exception, not a way to finish an ordinary case).
std::set<std::string> StepsThatCanClose(const Routine& r);

// Reports unreachable steps, steps that can never close, and an
// unreachable abuse_step (routine/validate.h).
void CheckGraph(const Routine& r, const SourceMap& where,
                DiagnosticList* diags);

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_GRAPH_H_
