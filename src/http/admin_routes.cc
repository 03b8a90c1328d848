// Routes for the web app's administrator pages (role admin, the caller's
// tenant), beside the older admin routes they complement:
//
//   GET /api/v1/access-log?reference=R   who read case R, when and why (the
//       Normen review). The same entries as /cases/{id}/access-log, found
//       by the reference an administrator is given (an inquiry names
//       "BTI-2026-0042", never an internal id). Reading it is recorded.
//   GET /api/v1/notifications/summary    the tenant's outbox depth and
//       delivery lag: the /metrics figures for one municipality, which a
//       browser cannot read (/metrics has its own token and spans tenants).
#include "core/json_writer.h"
#include "http/route_util.h"
#include "http/routes.h"
#include "http/scope.h"
#include "store/work/outbox_summary.h"

namespace stafett::http {
namespace {

constexpr std::size_t kMaxReference = 64;

double Seconds(std::int64_t ms) { return static_cast<double>(ms) / 1000.0; }

}  // namespace

Response GetAccessLogByReference(const Request& req, const ApiDeps& deps) {
  const engine::Actor& actor = *req.actor;
  if (Status s = RequireAccessLogRole(actor); !s.ok()) return Problem(req, s);
  for (const auto& [name, value] : req.query) {
    if (name != "reference" && name != "reason") {
      return Problem(req, Status::Invalid("Ukjent parameter «" + name +
                                              "». Gyldige: reference, reason.",
                                          name));
    }
  }
  const std::string reference = req.Query("reference").value_or("");
  if (reference.empty() || reference.size() > kMaxReference) {
    return Problem(req, Status::Invalid("Oppgi sakens referanse, for eksempel "
                                        "?reference=BTI-2026-0001.",
                                        "reference"));
  }
  Result<std::string> reason = AccessReason(req);
  if (!reason.ok()) return Problem(req, reason.status());
  auto kase = deps.store->GetCaseByReference(actor.tenant, reference);
  if (!kase) return Problem(req, CaseNotFound());

  store::AccessRecord self;
  self.tenant = actor.tenant;
  self.case_id = kase->case_id;
  self.actor_service = actor.service;
  self.actor_role = actor.role;
  self.actor_person = actor.person_id;
  self.at = req.now;
  self.action = "read_access_log";
  self.reason = *reason;
  deps.store->RecordAccess(self);

  JsonWriter w;
  w.BeginObject().Field("reference", kase->reference);
  w.Key("entries").BeginArray();
  for (const auto& r : deps.store->AccessLog(actor.tenant, kase->case_id)) {
    w.BeginObject()
        .Field("at", FormatUtc(r.at))
        .Field("service", r.actor_service)
        .Field("role", engine::RoleName(r.actor_role))
        .Field("action", r.action);
    w.Key("person_id");
    if (r.actor_person.empty()) {
      w.Null();
    } else {
      w.String(r.actor_person);
    }
    w.Key("reason");
    if (r.reason.empty()) {
      w.Null();
    } else {
      w.String(r.reason);
    }
    w.EndObject();
  }
  w.EndArray().EndObject();
  Response out = Response::Json(200, w.Take());
  out.With("Cache-Control", "no-store");
  return out;
}

Response GetNotificationSummary(const Request& req, const ApiDeps& deps) {
  if (Status s = RequireAdminRole(*req.actor); !s.ok()) return Problem(req, s);
  const store::OutboxSummary s = store::SummarizeOutbox(
      deps.store->database(), req.actor->tenant, req.now);
  JsonWriter w;
  w.BeginObject()
      .Field("tenant", req.actor->tenant)
      .Field("at", FormatUtc(req.now));
  w.Key("outbox")
      .BeginObject()
      .Field("pending", s.pending)
      .Field("failed", s.failed)
      .Field("delivered", s.delivered)
      .EndObject();
  const std::int64_t wait =
      s.oldest_pending_created_at && *s.oldest_pending_created_at < req.now
          ? ToMillis(req.now) - ToMillis(*s.oldest_pending_created_at)
          : 0;
  w.Key("oldest_pending_age_seconds").Double(Seconds(wait));
  w.Key("delivered_last_24h")
      .BeginObject()
      .Field("count", s.delivered_last_day);
  w.Key("mean_seconds");
  if (s.delivered_last_day > 0) {
    w.Double(Seconds(s.delivery_ms_sum_last_day) /
             static_cast<double>(s.delivered_last_day));
  } else {
    w.Null();
  }
  w.Key("max_seconds");
  if (s.delivered_last_day > 0) {
    w.Double(Seconds(s.delivery_ms_max_last_day));
  } else {
    w.Null();
  }
  w.EndObject().EndObject();
  return Response::Json(200, w.Take());
}

}  // namespace stafett::http
