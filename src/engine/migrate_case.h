// Moving an open case to another version of its routine (`stafett routine
// migrate`, POST /api/v1/routines/{id}/migrations; docs/routine-lifecycle.md).
//
// MigrateCase is pure like Apply: (snapshot, target version, target step,
// actor, now) -> Decision. The case keeps everything it has (reporter,
// consent, baton, categories) and:
//   - is pinned to the target version (routine_version, routine_hash);
//   - stands on `to_step`. The same step id: the step visit goes on and its
//     deadline is recomputed from when the step was entered, with the new
//     version's deadline. Another step: the visit is left (outcome
//     "routine_migrated") and the new step entered now, its deadline
//     counted from now;
//   - takes the step's level and responsible service; a newly responsible
//     service is notified (step_assigned);
//   - gets a `routine_migrated` journal entry with from/to version, hash,
//     step and the new deadline.
// Refusals (kNotAllowed, Status::field() names the reason for the
// migration report): "no_target" (the target version has no such step),
// "target_closed" (a closed step: close the case instead), "no_consent"
// (the step is above level 0 and the case has no effective consent),
// "closed" (the case is closed).
//
// Thread-safety: pure and reentrant.
#ifndef STAFETT_ENGINE_MIGRATE_CASE_H_
#define STAFETT_ENGINE_MIGRATE_CASE_H_

#include <string>

#include "core/status.h"
#include "engine/case.h"
#include "routine/model.h"

namespace stafett::engine {

// The reason MigrateCase would refuse, or "" when it would not. Cheap; used
// to plan a run before anything moves.
std::string MigrationRefusal(const Snapshot& snap, const routine::Routine& to,
                             const std::string& to_step, TimePoint now);

Result<Decision> MigrateCase(const Snapshot& snap, const routine::Routine& to,
                             const std::string& to_step, const Actor& actor,
                             TimePoint now);

}  // namespace stafett::engine

#endif  // STAFETT_ENGINE_MIGRATE_CASE_H_
