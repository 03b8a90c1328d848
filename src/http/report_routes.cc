// GET /api/v1/reports/compliance and GET /api/v1/reports/kommuneanalyse:
// the leaders' aggregate reports (store/audit/report.h), for the auditor and
// admin roles only. Both answer JSON, or CSV when the request accepts
// text/csv. Every report request is recorded in the access log with its
// period and grouping, so a pattern of overlapping requests is visible to
// whoever audits the auditors.
//
// The minimum count is the server's (STAFETT_REPORT_MIN_COUNT, at least and
// by default 5), never the caller's: two reports of one period rounded to
// different bases would narrow counts between them (docs/audit.md).
#include <cstdlib>
#include <set>

#include "http/json_codec.h"
#include "http/route_util.h"
#include "http/routes.h"
#include "http/scope.h"
#include "store/audit/report.h"
#include "store/audit/report_release.h"
#include "store/cases/case_codec.h"

namespace stafett::http {
namespace {

constexpr int kMaxYears = 10;

int ReportMinCount() {
  static const int kValue = [] {
    const char* v = std::getenv("STAFETT_REPORT_MIN_COUNT");
    if (v == nullptr || *v == '\0') return store::kDefaultMinCount;
    char* end = nullptr;
    long n = std::strtol(v, &end, 10);
    // Never weaker than the default, whatever the setting says.
    if (*end != '\0' || n < store::kDefaultMinCount) {
      return store::kDefaultMinCount;
    }
    return static_cast<int>(std::min(n, 100L));
  }();
  return kValue;
}

Status UnknownParams(const Request& req, const std::set<std::string>& known,
                     const char* list) {
  for (const auto& [name, value] : req.query) {
    if (!known.count(name)) {
      return Status::Invalid(
          "Ukjent parameter «" + name + "». Gyldige: " + list + ".", name);
    }
  }
  return Status::Ok();
}

Result<std::string> Required(const Request& req, const std::string& name,
                             const char* what) {
  auto v = req.Query(name);
  if (!v || v->empty()) {
    return Status::Invalid("Parameteren «" + name + "» mangler (" + what + ").",
                           name);
  }
  if (v->size() > kMaxShortBytes) {
    return Status::Invalid("Parameteren «" + name + "» er for lang.", name);
  }
  return *v;
}

bool WantsCsv(const Request& req) {
  std::string accept = req.Header("accept");
  for (auto& c : accept) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return accept.find("text/csv") != std::string::npos;
}

// The release log: the figures as published, whatever the format served,
// so a later question can be audited against what was shown.
void RecordRelease(const ApiDeps& deps, const Request& req,
                   const store::PublishedReport& r, const char* kind,
                   const std::string& group_by) {
  store::ReportRelease release;
  release.tenant = req.actor->tenant;
  release.at = req.now;
  release.actor_service = req.actor->service;
  release.actor_role = store::RoleText(req.actor->role);
  release.kind = kind;
  release.period_from = store::FormatYearMonth(r.period.first);
  release.period_to = store::FormatYearMonth(r.period.last);
  release.group_by = group_by;
  release.figures = store::ReportJson(r);
  store::RecordRelease(deps.store->database(), release);
}

void RecordReport(const ApiDeps& deps, const Request& req,
                  const std::string& action, const std::string& reason) {
  store::AccessRecord record;
  record.tenant = req.actor->tenant;
  record.actor_service = req.actor->service;
  record.actor_role = req.actor->role;
  record.actor_person = req.actor->person_id;
  record.at = req.now;
  record.action = action;
  record.reason = reason;
  deps.store->RecordAccess(record);
}

Response Answer(const Request& req, const store::PublishedReport& r,
                const std::string& file_stem) {
  if (WantsCsv(req)) {
    Response out;
    out.status = 200;
    out.content_type = "text/csv; charset=utf-8";
    out.body = store::ReportCsv(r);
    out.With("Content-Disposition",
             "attachment; filename=\"" + file_stem + ".csv\"");
    out.With("Vary", "Accept");
    return out;
  }
  Response out = Response::Json(200, store::ReportJson(r));
  out.With("Vary", "Accept");
  return out;
}

Result<int> ParseYear(const Request& req, const std::string& name) {
  auto text = Required(req, name, "et år, for eksempel 2026");
  if (!text.ok()) return text.status();
  auto m = store::ParseYearMonth(*text + "-01", name);
  if (!m.ok() || text->size() != 4) {
    return Status::Invalid("«" + name + "» må være et år, for eksempel 2026.",
                           name);
  }
  return m->year;
}

}  // namespace

Response GetComplianceReport(const Request& req, const ApiDeps& deps) {
  const engine::Actor& actor = *req.actor;
  if (Status s = RequireReportRole(actor); !s.ok()) return Problem(req, s);
  if (Status s = UnknownParams(req, {"from", "to", "group_by", "reason"},
                               "from, to, group_by, reason");
      !s.ok()) {
    return Problem(req, s);
  }
  Result<std::string> reason = AccessReason(req);
  if (!reason.ok()) return Problem(req, reason.status());
  auto from_text = Required(req, "from", "første måned, ÅÅÅÅ-MM");
  if (!from_text.ok()) return Problem(req, from_text.status());
  auto to_text = Required(req, "to", "siste måned, ÅÅÅÅ-MM");
  if (!to_text.ok()) return Problem(req, to_text.status());
  auto from = store::ParseYearMonth(*from_text, "from");
  if (!from.ok()) return Problem(req, from.status());
  auto to = store::ParseYearMonth(*to_text, "to");
  if (!to.ok()) return Problem(req, to.status());
  auto period = store::MakePeriod(*from, *to);
  if (!period.ok()) return Problem(req, period.status());
  const std::string group_text = req.Query("group_by").value_or("");
  if (group_text.size() > kMaxShortBytes) {
    return Problem(req, Status::Invalid("«group_by» er for lang.", "group_by"));
  }
  auto dims = store::ParseGroupBy(group_text);
  if (!dims.ok()) return Problem(req, dims.status());

  store::Database& db = deps.store->database();
  store::ComplianceQuery q;
  q.tenant = actor.tenant;
  q.period = *period;
  q.group_by = *dims;
  q.now = req.now;
  const store::ReportCatalog catalog =
      store::LoadReportCatalog(db, actor.tenant);
  store::PublishedReport r = store::BuildReport(
      db, catalog, q, store::ReportKind::kCompliance, ReportMinCount());
  RecordRelease(deps, req, r, "compliance", group_text);
  RecordReport(deps, req,
               "report_compliance " + *from_text + ".." + *to_text +
                   (group_text.empty() ? "" : " " + group_text),
               *reason);
  return Answer(
      req, r,
      "etterlevelse-" + actor.tenant + "-" + *from_text + "-" + *to_text);
}

Response GetKommuneanalyse(const Request& req, const ApiDeps& deps) {
  const engine::Actor& actor = *req.actor;
  if (Status s = RequireReportRole(actor); !s.ok()) return Problem(req, s);
  if (Status s =
          UnknownParams(req, {"from", "to", "reason"}, "from, to, reason");
      !s.ok()) {
    return Problem(req, s);
  }
  Result<std::string> reason = AccessReason(req);
  if (!reason.ok()) return Problem(req, reason.status());
  auto from = ParseYear(req, "from");
  if (!from.ok()) return Problem(req, from.status());
  auto to = ParseYear(req, "to");
  if (!to.ok()) return Problem(req, to.status());
  if (*to < *from || *to - *from + 1 > kMaxYears) {
    return Problem(
        req, Status::Invalid("«to» må være fra «from» og høyst " +
                                 std::to_string(kMaxYears) + " år senere.",
                             "to"));
  }
  store::Database& db = deps.store->database();
  store::ComplianceQuery q;
  q.tenant = actor.tenant;
  q.period = *store::MakePeriod({*from, 1}, {*to, 12});
  q.group_by = {store::ReportDim::kYear, store::ReportDim::kSjumilssteget};
  q.now = req.now;
  const store::ReportCatalog catalog =
      store::LoadReportCatalog(db, actor.tenant);
  store::PublishedReport r = store::BuildReport(
      db, catalog, q, store::ReportKind::kKommuneanalyse, ReportMinCount());
  const std::string years = std::to_string(*from) + ".." + std::to_string(*to);
  RecordRelease(deps, req, r, "kommuneanalyse", "year,sjumilssteget");
  RecordReport(deps, req, "report_kommuneanalyse " + years, *reason);
  return Answer(req, r,
                "kommuneanalyse-" + actor.tenant + "-" + std::to_string(*from) +
                    "-" + std::to_string(*to));
}

}  // namespace stafett::http
