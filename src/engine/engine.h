// The engine: a pure function from (snapshot, routine, command, actor, now)
// to a Decision. It does no I/O and keeps no state between calls: for each
// command it restores the Boost.Statechart case lifecycle from the snapshot,
// processes the one command, reads back the new snapshot and discards the
// machine.
//
// Rules no routine can turn off (see docs/engine.md):
//  - report_child_welfare is accepted from any state, by any role, whatever
//    consent or anonymity; nothing blocks it.
//  - from any level-0 step the outcome "suspected_abuse" records a
//    child-welfare report and moves the case to the routine's abuse_step,
//    skipping the talk with the guardians; it needs no consent.
//  - entering a step above level 0, or recording a `services` field
//    (naming participants), needs effective consent covering the services
//    involved.
//  - when consent is withdrawn or expires, services outside its scope lose
//    the case (journal access_revoked; the baton returns to the reporter).
//
// Errors (as Status): kNotAllowed for anything the routine or lifecycle
// forbids now (with a reason a person can act on), kInvalidArgument for bad
// command input (naming the field), kPermissionDenied when the actor may not
// do this. Never throws for domain reasons.
//
// Thread-safety: all functions are pure and reentrant.
#ifndef STAFETT_ENGINE_ENGINE_H_
#define STAFETT_ENGINE_ENGINE_H_

#include <vector>

#include "core/status.h"
#include "engine/case.h"
#include "routine/model.h"

namespace stafett::engine {

// Opens a case on the routine's initial step. The actor's service becomes
// the reporter. Returns the first Decision (snapshot version 1).
Result<Decision> OpenCase(const routine::Routine& routine, const NewCase& input,
                          const Actor& actor, TimePoint now);

// Applies one command. `snap` must be a case of `routine` (same hash).
Result<Decision> Apply(const Snapshot& snap, const routine::Routine& routine,
                       const Command& cmd, const Actor& actor, TimePoint now);

// What a client may do now: the outcomes open to `actor`, with the fields
// each needs, so that a client can build exactly the right form.
struct AllowedOutcome {
  std::string outcome;
  std::string to;
  std::vector<const routine::FieldSpec*> requires_fields;  // step's + outcome's
};
std::vector<AllowedOutcome> Allowed(const Snapshot& snap,
                                    const routine::Routine& routine,
                                    const Actor& actor, TimePoint now);

// True when consent is given, not withdrawn and valid on `now`'s Oslo date.
bool ConsentEffective(const Snapshot& snap, TimePoint now);

// Whether `service` may see the case at all (the single scoping rule; the
// tenant is checked by the caller): the reporter always; a service in
// effective consent scope; the responsible service, baton holder or offeree
// while the case is at level 0 or covered by consent.
bool CanSee(const Snapshot& snap, const std::string& service, TimePoint now);

}  // namespace stafett::engine

#endif  // STAFETT_ENGINE_ENGINE_H_
