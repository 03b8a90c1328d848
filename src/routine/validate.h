// Rules about what a routine means, run on the model after routine/reader.h
// has checked the file's shape. Each rule reports at the offending key or
// value (via the SourceMap) in bokmål, and every rule runs, so one check
// shows an administrator all problems at once.
//
// One routine (ValidateRoutine):
//   - formats: routine id and tenant (lower case, digits, '-' and '_'),
//     reference_prefix (2-6 capital letters A-Z), ids of services, steps,
//     outcomes and fields (lower snake_case), version >= 1;
//   - duplicates: service ids, step ids, outcome names within a step, field
//     names within a step plus each of its outcomes, options of a field;
//   - references: initial, abuse_step, outcome `to`, responsible services,
//     service ids given as options of service/services fields;
//   - steps: level 0-3; every step but a closed one has a responsible and a
//     deadline, a closed step has no deadline and no outcomes; an
//     evaluation step has at least two outcomes, one of them to a closed
//     step; every other kind has at least one outcome; working_days > 0;
//     the initial step is not closed;
//   - fields: a choice has options; only choice, service and services may
//     have options;
//   - tags: Sjumilssteget steps 1-7, UN CRC articles 1-54;
//   - channels: e-mail addresses look like addresses, webhooks use https
//     (plain http only to localhost), secret_env names an environment
//     variable (A-Z, 0-9, _); settings: consent_reminder < consent_validity;
//   - the graph: every step is reachable from the initial step, from every
//     step a closed step can be reached, and abuse_step is reachable. The
//     abuse shortcut counts as an edge from every level-0 step that is not
//     closed. Graph rules run only when every step reference resolves, step
//     ids are unique and the initial step is not closed, so one misspelt
//     `to` does not cascade into a page of "unreachable" diagnostics.
//
// Several routines served together (ValidateRoutineSet), e.g. one
// directory or the files given to `stafett routine check`:
//   - an (id, version) pair occurs once: a changed routine needs a new
//     version, because cases are pinned to (id, version, hash);
//   - a routine id belongs to one tenant, a tenant has one routine id, and a
//     reference_prefix belongs to one tenant (case references must not
//     collide).
//
// Thread-safety: reentrant.
#ifndef STAFETT_ROUTINE_VALIDATE_H_
#define STAFETT_ROUTINE_VALIDATE_H_

#include <vector>

#include "routine/diagnostic.h"
#include "routine/model.h"
#include "routine/source_map.h"

namespace stafett::routine {

void ValidateRoutine(const Routine& r, const SourceMap& where,
                     DiagnosticList* diags);

struct RoutineSource {
  const Routine* routine;  // valid on its own
  const SourceMap* where;  // its positions
  DiagnosticList* diags;   // where problems with it go
};
// Checks routines in order; a conflict is reported on the later one.
void ValidateRoutineSet(const std::vector<RoutineSource>& set);

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_VALIDATE_H_
