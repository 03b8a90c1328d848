// GET /api/v1/cases/{id}/export?format=pdf|json&lang=nb|nn: the family's
// copy of a case's stafettlogg (GDPR art. 15; document/case_log.h).
//
// {id} is the case id or its reference (NES-2026-0042): the service that
// knows the child keeps the reference beside its own records and looks the
// case up by it. Scoping is the case routes' (http/scope.h): a team role
// of a service that may see the case, else 404 (403 for auditor/admin).
// The export is recorded in the access log as "export_case <format>
// <lang>" before the document is built, with the reason given.
#include <set>

#include "core/ids.h"
#include "document/case_log.h"
#include "document/pdf.h"
#include "http/route_util.h"
#include "http/routes.h"
#include "http/scope.h"

namespace stafett::http {

namespace {

Status BadParam(const std::string& name, const std::string& what) {
  return Status::Invalid("Parameteren «" + name + "» " + what, name);
}

}  // namespace

Response ExportCase(const Request& req, const ApiDeps& deps) {
  const engine::Actor& actor = *req.actor;
  if (Status s = RequireTeamRole(actor); !s.ok()) return Problem(req, s);
  static const std::set<std::string> kKnown = {"format", "lang", "reason"};
  for (const auto& [name, value] : req.query) {
    if (!kKnown.count(name)) {
      return Problem(req, Status::Invalid("Ukjent parameter «" + name +
                                              "». Gyldige: format, lang, "
                                              "reason.",
                                          name));
    }
  }
  std::string format = req.Query("format").value_or("pdf");
  if (format != "pdf" && format != "json") {
    return Problem(req, BadParam("format", "må være pdf eller json."));
  }
  std::optional<document::Lang> lang =
      document::ParseLang(req.Query("lang").value_or("nb"));
  if (!lang) {
    return Problem(req, BadParam("lang",
                                 "må være nb (bokmål) eller nn "
                                 "(nynorsk)."));
  }
  Result<std::string> reason = AccessReason(req);
  if (!reason.ok()) return Problem(req, reason.status());

  CaseScope scope(*deps.store, actor, req.now);
  const std::string& key = req.params.at("id");
  Result<engine::Snapshot> snap = CaseNotFound();
  if (LooksLikeReference(key)) {
    if (auto found = deps.store->GetCaseByReference(actor.tenant, key)) {
      Status visible = scope.CheckVisible(*found);
      snap = visible.ok() ? Result<engine::Snapshot>(*std::move(found))
                          : Result<engine::Snapshot>(visible);
    }
  } else {
    snap = scope.Load(key);
  }
  if (!snap.ok()) return Problem(req, snap.status());

  RecordCaseRead(*deps.store, actor, snap->case_id,
                 "export_case " + format + " " + document::LangCode(*lang),
                 *reason, req.now, req.acting_via);

  auto routine = deps.routines->Pinned(actor.tenant, snap->routine_hash);
  document::CaseLog log = document::BuildCaseLog(
      *snap, deps.store->Journal(actor.tenant, snap->case_id),
      deps.store->StepVisits(actor.tenant, snap->case_id), routine.get(), *lang,
      req.now);
  const std::string file = "stafettlogg-" + snap->reference;
  Response r;
  if (format == "json") {
    r = Response::Json(200, document::CaseLogJson(log));
    r.With("Content-Disposition", "attachment; filename=\"" + file + ".json\"");
  } else {
    r.status = 200;
    r.content_type = document::kPdfContentType;
    r.body = document::RenderCaseLogPdf(log);
    r.With("Content-Disposition", "attachment; filename=\"" + file + ".pdf\"");
  }
  r.With("Cache-Control", "no-store");
  return r;
}

}  // namespace stafett::http
