// GET /api/v1/cases/{id}/access-log: who read or changed a case, when and
// why (Normen-style access logging). Administrators only: an auditor sees
// aggregates and never a single case, and the team reads the case itself.
// The answer names services and roles, never case content; reading it is
// recorded too.
#include "core/ids.h"
#include "core/json_writer.h"
#include "http/route_util.h"
#include "http/routes.h"
#include "http/scope.h"
#include "store/access/access_via.h"

namespace stafett::http {

Response GetAccessLog(const Request& req, const ApiDeps& deps) {
  const engine::Actor& actor = *req.actor;
  if (Status s = RequireAccessLogRole(actor); !s.ok()) return Problem(req, s);
  Result<std::string> reason = AccessReason(req);
  if (!reason.ok()) return Problem(req, reason.status());
  const std::string& id = req.params.at("id");
  // Existence within the tenant only: an administrator is not a service
  // that sees cases (engine::CanSee), and needs no more than the id.
  if (!IsWellFormedId(id) || !deps.store->GetCase(actor.tenant, id)) {
    return Problem(req, CaseNotFound());
  }
  store::AccessRecord self;
  self.tenant = actor.tenant;
  self.case_id = id;
  self.actor_service = actor.service;
  self.actor_role = actor.role;
  self.actor_person = actor.person_id;
  self.at = req.now;
  self.action = "read_access_log";
  self.reason = *reason;
  deps.store->RecordAccess(self);

  JsonWriter w;
  w.BeginObject().Field("case_id", id);
  w.Key("entries").BeginArray();
  for (const auto& [r, via] :
       store::AccessLogVia(*deps.store, actor.tenant, id)) {
    w.BeginObject()
        .Field("at", FormatUtc(r.at))
        .Field("service", r.actor_service)
        .Field("role", engine::RoleName(r.actor_role))
        .Field("action", r.action);
    // Normen: the individual who read the case, as a pseudonymous id.
    if (r.actor_person.empty()) {
      w.Key("person_id").Null();
    } else {
      w.Field("person_id", r.actor_person);
    }
    if (r.reason.empty()) {
      w.Key("reason").Null();
    } else {
      w.Field("reason", r.reason);
    }
    // A read through a shared service of another municipality.
    if (via.empty()) {
      w.Key("via").Null();
    } else {
      w.Field("via", via);
    }
    w.EndObject();
  }
  w.EndArray().EndObject();
  return Response::Json(200, w.Take());
}

}  // namespace stafett::http
