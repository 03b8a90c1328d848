// Hand-written Decisions for the store's tests, so the store's contract is
// tested without the engine: what a step change, a note and an opening look
// like when persisted.
#ifndef STAFETT_STORE_CASES_TEST_DECISIONS_H_
#define STAFETT_STORE_CASES_TEST_DECISIONS_H_

#include <string>

#include "core/time.h"
#include "engine/case.h"
#include "routine/model.h"

namespace stafett::store::testing {

// A routine whose hash is derived from the tenant (cases reference it).
routine::Routine TestRoutine(const std::string& tenant);

// Opens a case on step "concern" (level 0) for service "school-a": journal
// case_opened + step_entered, visit 1 entered, a step deadline 14 days out,
// a step_assigned notice.
engine::Decision OpenDecision(const std::string& tenant,
                              const std::string& case_id,
                              const std::string& reference, TimePoint now);

// Moves the case to `step` at `level`, responsible `service`: journal
// outcome + step_entered, the current visit left with outcome "next", the
// next visit entered, the step deadline moved, the baton deadline cleared,
// a step_assigned notice to the new service.
engine::Decision MoveDecision(const engine::Snapshot& current,
                              const std::string& step, int level,
                              const std::string& service, TimePoint now);

// One journal note; nothing else changes.
engine::Decision NoteDecision(const engine::Snapshot& current,
                              const std::string& text, TimePoint now);

}  // namespace stafett::store::testing

#endif  // STAFETT_STORE_CASES_TEST_DECISIONS_H_
