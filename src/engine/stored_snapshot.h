// Internal to the engine: whether a stored snapshot can be a state of the
// routine it is pinned to, checked before the statechart is restored from
// it (a row that fails is corrupt or read against the wrong routine).
//
// Thread-safety: pure functions.
#ifndef STAFETT_ENGINE_STORED_SNAPSHOT_H_
#define STAFETT_ENGINE_STORED_SNAPSHOT_H_

#include "core/status.h"
#include "engine/case.h"
#include "routine/model.h"

namespace stafett::engine {

// kInternal unless `snap` is pinned to `routine` (id, version, hash).
Status CheckPinned(const Snapshot& snap, const routine::Routine& routine);

// kInternal when `snap` cannot be a stored state of `routine`: unknown step,
// level not the step's, an open case on a closed step, a closed case
// without a reason, consent or baton fields inconsistent with their states.
Status CheckStoredSnapshot(const Snapshot& snap,
                           const routine::Routine& routine);

}  // namespace stafett::engine

#endif  // STAFETT_ENGINE_STORED_SNAPSHOT_H_
