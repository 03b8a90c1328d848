#include "http/scope.h"

#include "core/ids.h"
#include "engine/engine.h"

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

Status CaseScope::CheckVisible(const engine::Snapshot& snap) const {
  return Visible(snap) ? Status::Ok() : CaseNotFound();
}

}  // namespace stafett::http
