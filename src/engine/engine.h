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
//    involved (the target step's responsible service and the baton holder;
//    the services named). Closing never needs consent.
//  - when consent is withdrawn or expires, services outside its scope lose
//    the case (journal access_revoked; the baton returns to the reporter).
//    The same follows a level change the consent does not cover (the abuse
//    shortcut).
//
// Errors (as Status): kNotAllowed for anything the routine or lifecycle
// forbids now (with a reason a person can act on), kInvalidArgument for bad
// command input (naming the field), kPermissionDenied when the actor may not
// do this. Never throws for domain reasons. Precisely:
//  - kPermissionDenied: the actor may not act on this case at all: role
//    auditor (anything but report_child_welfare), or a service that cannot
//    see the case (CanSee).
//  - kNotAllowed (409): the actor sees the case but it is not theirs to do
//    now (e.g. not the responsible service of the current step; not the
//    offeree), or the case's state forbids it (closed, consent missing, no
//    open offer). Both depend on the case's state, hence a conflict.
//  - kInvalidArgument: Status::field() names the input: "outcome",
//    "fields.<name>", "given_by", "services", "valid_until", "to_service",
//    "text", "reason".
//  - kInternal: the snapshot does not fit the routine (corrupted row, wrong
//    routine version) or a bug; exceptions never escape.
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
// each needs, so that a client can build exactly the right form. Only what
// can be taken now is listed: nothing for a closed case, an auditor or a
// service that cannot see the case; the routine's outcomes only for the
// responsible service, without those whose target step needs consent the
// case lacks; then "suspected_abuse" (no fields) at level 0 for anyone who
// sees the case. A `services` field still needs consent covering the
// services chosen: offer the consent's scope.
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
