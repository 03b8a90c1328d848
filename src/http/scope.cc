#include "http/scope.h"

#include "core/ids.h"
#include "engine/engine.h"
#include "engine/roles.h"

namespace stafett::http {

Status RequireTeamRole(const engine::Actor& actor) {
  switch (actor.role) {
    case engine::Role::kWorker:
    case engine::Role::kCoordinator:
    case engine::Role::kUnitLeader:
      return Status::Ok();
    case engine::Role::kAuditor:
      return Status(Code::kPermissionDenied,
                    "Revisorer kan ikke lese eller endre enkeltsaker. Bruk "
                    "rapportene og tilgangsloggen.");
    case engine::Role::kAdmin:
      return Status(Code::kPermissionDenied,
                    "Administratorer har ikke tilgang til saker. Logg inn "
                    "med en rolle i teamet (worker, coordinator eller "
                    "unit_leader).");
  }
  return Status(Code::kPermissionDenied, "Ingen tilgang.");
}

Status RequireReportRole(const engine::Actor& actor) {
  if (actor.role == engine::Role::kAuditor ||
      actor.role == engine::Role::kAdmin) {
    return Status::Ok();
  }
  return Status(Code::kPermissionDenied,
                "Rapportene er for rollene auditor og admin. Saksbehandlere "
                "og ledere i teamet bruker sakene og arbeidslisten.");
}

Status RequireAdminRole(const engine::Actor& actor) {
  if (actor.role == engine::Role::kAdmin) return Status::Ok();
  return Status(Code::kPermissionDenied,
                "Dette er for kommunens administrator av rutinen.");
}

Status RequireAccessLogRole(const engine::Actor& actor) {
  if (actor.role == engine::Role::kAdmin) return Status::Ok();
  if (actor.role == engine::Role::kAuditor) {
    return Status(Code::kPermissionDenied,
                  "Revisorer ser bare samlede tall, aldri en enkelt sak. "
                  "Tilgangsloggen for en sak er for administrator.");
  }
  return Status(Code::kPermissionDenied,
                "Tilgangsloggen for en sak er for administrator.");
}

Status CaseNotFound() {
  return Status::NotFound(
      "Saken finnes ikke, eller tjenesten din har ikke tilgang til den.");
}

Result<engine::Snapshot> CaseScope::Load(const std::string& case_id) const {
  // Ids are opaque 32-hex strings; anything else cannot exist, and is not
  // worth a query.
  if (!IsWellFormedId(case_id)) return CaseNotFound();
  std::optional<engine::Snapshot> snap = store_.GetCase(actor_.tenant, case_id);
  if (!snap) return CaseNotFound();
  STAFETT_RETURN_IF_ERROR(CheckVisible(*snap));
  return *std::move(snap);
}

bool CaseScope::Visible(const engine::Snapshot& snap) const {
  return snap.tenant == actor_.tenant &&
         engine::CanSee(snap, actor_.service, now_);
}

bool CaseScope::Listed(const engine::Snapshot& snap) const {
  return snap.tenant == actor_.tenant && engine::OnWorklist(snap, actor_, now_);
}

Status ScopeSharedActor(Request& req, store::CaseStore& store,
                        const SharedServices& shared) {
  req.acting_via.clear();
  if (!req.actor || !shared.IsShared(*req.actor)) return Status::Ok();
  if (req.path.rfind("/api/v1/cases", 0) != 0) return Status::Ok();
  const std::vector<engine::Actor> actors = shared.Expand(*req.actor);
  if (auto t = req.query.find("tenant"); t != req.query.end()) {
    const std::string tenant = t->second;
    req.query.erase(t);
    for (const auto& a : actors) {
      if (a.tenant == tenant) {
        req.acting_via = SharedServices::Via(*req.actor);
        req.actor = a;
        return Status::Ok();
      }
    }
    return Status::NotFound("Tjenesten din arbeider ikke for kommunen «" +
                            tenant + "».");
  }
  auto id = req.params.find("id");
  if (id == req.params.end()) {
    // A new case belongs to one municipality: the service must say which.
    if (req.method == "POST") {
      std::string list;
      for (const auto& a : actors)
        list += (list.empty() ? "" : ", ") + a.tenant;
      return Status::Invalid(
          "Tjenesten din arbeider for flere kommuner. Oppgi hvilken saken "
          "gjelder med ?tenant= (" +
              list + ").",
          "tenant");
    }
    return Status::Ok();
  }
  const std::string& key = id->second;
  if (IsWellFormedId(key)) {
    // Ids are random: at most one served tenant holds the case.
    for (const auto& a : actors) {
      if (store.GetCase(a.tenant, key)) {
        req.acting_via = SharedServices::Via(*req.actor);
        req.actor = a;
        break;
      }
    }
    return Status::Ok();
  }
  if (!LooksLikeReference(key)) return Status::Ok();
  // A reference (the export takes one) is unique in its tenant only: a
  // prefix a tenant gave up may be taken by another. Of the served tenants
  // that hold it, take the one where the service sees the case; when it
  // sees it in more than one, it must say which. None visible: unchanged,
  // so the route answers 404.
  const engine::Actor* visible = nullptr;
  std::string seen_in;
  for (const auto& a : actors) {
    auto snap = store.GetCaseByReference(a.tenant, key);
    if (!snap || !engine::CanSee(*snap, a.service, req.now)) continue;
    if (visible != nullptr) {
      return Status::Invalid("Referansen " + key +
                                 " finnes i flere av kommunene tjenesten din "
                                 "arbeider for (" +
                                 seen_in + ", " + a.tenant +
                                 "). Oppgi hvilken med ?tenant=.",
                             "tenant");
    }
    visible = &a;
    seen_in = a.tenant;
  }
  if (visible != nullptr) {
    req.acting_via = SharedServices::Via(*req.actor);
    req.actor = *visible;
  }
  return Status::Ok();
}

std::vector<engine::Actor> ActingActors(const engine::Actor& actor,
                                        const SharedServices* shared) {
  if (shared != nullptr && shared->IsShared(actor)) {
    return shared->Expand(actor);
  }
  return {actor};
}

Status CaseScope::CheckVisible(const engine::Snapshot& snap) const {
  return Visible(snap) ? Status::Ok() : CaseNotFound();
}

}  // namespace stafett::http
