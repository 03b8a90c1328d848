// Test helpers for exploring a routine: every plausible command in a state,
// the invariants every stored snapshot must satisfy, and seeded random walks
// that check them after every accepted command. Work with any routine, so
// the shipped workflows/ files get the same checks as the C++ test routines.
#ifndef STAFETT_ENGINE_TEST_WALK_H_
#define STAFETT_ENGINE_TEST_WALK_H_

#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/case.h"
#include "engine/engine.h"
#include "routine/model.h"

namespace stafett::engine::testing {

struct Move {
  Command cmd;
  Actor actor;
};

// Well-formed commands of every type by the services that might send them
// (and some that should not), with valid field values: what a client built
// from Allowed() or a careless one might send. Deterministic.
std::vector<Move> CandidateMoves(const routine::Routine& routine,
                                 const Snapshot& snap, TimePoint now);

// A malformed or unlikely command: unknown outcomes and fields, wrong
// types, unknown services, blank text.
Move GarbageMove(const routine::Routine& routine, const Snapshot& snap,
                 std::mt19937& rng);

// The invariants of a stored snapshot: the step exists and its level is
// the case's; closed iff closed by a closed step or by command; consent
// and baton fields match their states; the baton holder and offeree can
// see the case; the responsible service is the resolved one; a closed step
// is still reachable from an open case's step.
::testing::AssertionResult IsLegal(const routine::Routine& routine,
                                   const Snapshot& snap);

// What every accepted Decision must look like given the snapshot before.
::testing::AssertionResult IsWellFormed(const routine::Routine& routine,
                                        const Snapshot& before,
                                        const Decision& d, const Actor& actor,
                                        TimePoint now);

// Whether a step of kind closed can be reached from `step` by outcomes
// (the abuse shortcut included).
bool ClosedStepReachable(const routine::Routine& routine,
                         const std::string& step);

// What the walks got to, to show they went somewhere.
struct WalkStats {
  int accepted = 0;
  std::set<std::string> steps;          // steps a case stood on
  std::set<std::string> commands;       // command types accepted
  std::set<std::string> refusal_codes;  // CodeName of refusals
};

// `walks` seeded random walks of up to `steps` commands each from a new
// case of `routine`, time moving on by up to five days per command; a
// walk ends a few commands after its case is closed. Adds a test failure
// for every broken invariant, refusal with kInternal, or refusal of
// report_child_welfare.
WalkStats RandomWalks(const routine::Routine& routine, std::uint32_t seed,
                      int walks, int steps);

}  // namespace stafett::engine::testing

#endif  // STAFETT_ENGINE_TEST_WALK_H_
