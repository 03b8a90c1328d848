// Who may see and do what: the ONE place the HTTP layer decides tenant,
// service and role scoping. Every case route goes through here.
//
//  - Tenant: every store call takes the caller's tenant from the token. A
//    case of another tenant is indistinguishable from no case (404).
//  - Service: a case is visible to a service only when engine::CanSee says
//    so; otherwise 404 as well, so that a case's existence leaks nothing.
//  - Role: case content is for the team (worker, coordinator, unit_leader).
//    An auditor or admin holds a valid token but gets 403 on every case
//    route: auditors use the reports, administrators the routines. Which
//    team role may give which command is the engine's decision
//    (engine/roles.h); which cases a team role lists is Listed below.
//
// Thread-safety: CaseScope is a per-request value; the store is shared and
// thread-safe.
#ifndef STAFETT_HTTP_SCOPE_H_
#define STAFETT_HTTP_SCOPE_H_

#include <string>

#include "core/status.h"
#include "core/time.h"
#include "engine/case.h"
#include "http/exchange.h"
#include "http/shared_services.h"
#include "store/cases/case_store.h"

namespace stafett::http {

// kPermissionDenied unless the actor has a team role.
Status RequireTeamRole(const engine::Actor& actor);

// Reports (aggregates, never a single case): auditor and admin only. The
// team, unit leaders included, gets kPermissionDenied.
Status RequireReportRole(const engine::Actor& actor);

// Configuring the routine (simulating a draft, publishing): admin only.
Status RequireAdminRole(const engine::Actor& actor);

// A case's access log: admin only. An auditor sees aggregates and never a
// single case; the team reads the case itself.
Status RequireAccessLogRole(const engine::Actor& actor);

class CaseScope {
 public:
  CaseScope(store::CaseStore& store, const engine::Actor& actor, TimePoint now)
      : store_(store), actor_(actor), now_(now) {}

  // The case if it exists in the actor's tenant and the actor's service may
  // see it; kNotFound otherwise. Throws on database failure.
  Result<engine::Snapshot> Load(const std::string& case_id) const;

  // kNotFound unless the actor's service may see `snap` (which must be of
  // the actor's tenant). Used inside command transactions on the freshly
  // loaded snapshot.
  Status CheckVisible(const engine::Snapshot& snap) const;
  bool Visible(const engine::Snapshot& snap) const;
  // Whether `snap` belongs in the actor's worklist: Visible, and for a
  // worker only its service's own work (engine/roles.h OnWorklist).
  bool Listed(const engine::Snapshot& snap) const;

  const engine::Actor& actor() const { return actor_; }
  const std::string& tenant() const { return actor_.tenant; }

 private:
  store::CaseStore& store_;
  const engine::Actor& actor_;
  TimePoint now_;
};

// The message every invisible or absent case gets.
Status CaseNotFound();

// --- Services shared between municipalities (shared_services.h) ---
//
// A shared-service actor (home tenant + shared id) acts in each served
// tenant as that tenant's service. Before a case route runs, Api::Handle
// calls ScopeSharedActor, which replaces req.actor by the served tenant's
// actor:
//  - on /api/v1/cases/{id}...: the served tenant that holds the case (ids
//    are unique across tenants), or for a reference (the export takes
//    one; references are unique per tenant only) the served tenant where
//    the service sees a case by that reference, kInvalidArgument (field
//    "tenant") when it sees one in several. None: unchanged, so the route
//    answers 404;
//  - with ?tenant=T (consumed): T, when the service serves T; otherwise
//    kNotFound, as for a tenant that does not exist;
//  - POST /api/v1/cases without ?tenant=: kInvalidArgument (field
//    "tenant"): a new case belongs to one municipality.
// Otherwise (the worklist without ?tenant) the actor stays, and the
// worklist merges the served tenants' lists (ActingActors). Any other
// actor is left alone. Throws on database failure.
Status ScopeSharedActor(Request& req, store::CaseStore& store,
                        const SharedServices& shared);

// The actors whose worklists make up `actor`'s: the served tenants' actors
// for a shared-service actor, otherwise `actor` itself.
std::vector<engine::Actor> ActingActors(const engine::Actor& actor,
                                        const SharedServices* shared);

}  // namespace stafett::http

#endif  // STAFETT_HTTP_SCOPE_H_
