// What the team roles mean: what a coordinator and a unit leader may do
// that a worker may not. The pure decision; the engine (Apply) and the one
// HTTP scoping place (http/scope.cc) ask it, docs/security.md has the table.
//
// From shared/domain.md §1.3 and §1.6:
//  - worker: a member of a service (kindergarten teacher, contact teacher,
//    nurse). Acts for its service on the service's own work: the steps its
//    service is responsible for, the baton its service holds or is offered.
//    Its worklist lists the cases its service works on now (reporter,
//    responsible, baton holder, offeree).
//  - unit_leader (enhetsleder, e.g. the head of a school): everything a
//    worker may, and sees the unit's whole worklist: also the cases the
//    unit takes part in through consent without having work on them now.
//    Receives escalations for its unit.
//  - coordinator (BTI coordinator, the stafettholder's helper): everything
//    a unit leader may, and keeps cases moving when a service is absent:
//    reassigns a stuck baton (offers it on the holder's behalf; the
//    offeree still accepts, and the holder stays responsible until then)
//    and closes a case on behalf of the responsible service. Only on cases
//    its own service may see (CanSee stays the one scoping rule), so the
//    coordinator role never widens who sees a child's case.
// auditor and admin do not act on cases (engine.h, http/scope.h).
//
// Thread-safety: pure functions.
#ifndef STAFETT_ENGINE_ROLES_H_
#define STAFETT_ENGINE_ROLES_H_

#include <optional>
#include <string>

#include "core/status.h"
#include "core/time.h"
#include "engine/case.h"
#include "routine/model.h"

namespace stafett::engine {

// What a role may do beyond acting for its service's own work.
enum class Power {
  kActOnOwnWork,        // outcomes, consent, notes, baton as holder/offeree
  kWholeUnitWorklist,   // list every case the service sees, not only work
  kReceiveEscalations,  // escalation notices for the unit (delivery: notify)
  kReassignBaton,       // offer the baton on behalf of another holder
  kCloseOnBehalf,       // close on behalf of the responsible service
};
const char* PowerName(Power p);  // "reassign_baton", ...

// The role table (docs/security.md). False for auditor and admin.
bool RoleMay(Role role, Power power);

// Whether the case belongs on `service`'s own worklist: it reported the
// case, is responsible for the current step, holds the baton or is offered
// it. (Visibility, CanSee, is checked separately and always.)
bool HasWorkOn(const Snapshot& snap, const std::string& service);

// Whether `actor` lists `snap` in its worklist: it must see the case, and
// a worker only lists its service's own work (HasWorkOn).
bool OnWorklist(const Snapshot& snap, const Actor& actor, TimePoint now);

// When `actor` gives `cmd` on behalf of another service (a coordinator
// reassigning a stuck baton or closing for an absent responsible service),
// the service it acts for; nullopt when the actor acts for itself. Refuses
// with kPermissionDenied when the actor cannot see the case. Called by
// Apply before the statechart, which then runs the command as that
// service; ActOnBehalf marks the journal.
Result<std::optional<std::string>> OnBehalfOf(const Snapshot& snap,
                                              const routine::Routine& routine,
                                              const Command& cmd,
                                              const Actor& actor,
                                              TimePoint now);

// Rewrites a Decision taken as `for_service` so that the journal names the
// real actor's service and adds "on_behalf_of": for_service to each
// entry's details.
void MarkOnBehalf(Decision& d, const Actor& actor,
                  const std::string& for_service);

}  // namespace stafett::engine

#endif  // STAFETT_ENGINE_ROLES_H_
