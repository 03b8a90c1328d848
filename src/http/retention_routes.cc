// GET /api/v1/retention: the tenant administrator's view of the data
// lifecycle (docs/privacy.md): what the purge will delete now and within
// 30 days, what it deleted (the purge log, counts only), and whether the
// archive has every case it must have before the purge may take it.
// Only role admin; only the caller's tenant. Counts and case references,
// never content; the purge log's case ids are internal and not shown.
#include <chrono>
#include <cstdint>

#include "core/json_writer.h"
#include "http/route_util.h"
#include "http/routes.h"
#include "store/lifecycle/archive.h"
#include "store/lifecycle/purge_view.h"
#include "store/lifecycle/retention.h"

namespace stafett::http {
namespace {

constexpr int kLogRows = 50;
constexpr int kFailureRows = 50;

}  // namespace

Response GetRetention(const Request& req, const ApiDeps& deps) {
  if (req.actor->role != engine::Role::kAdmin) {
    return Problem(req, Status(Code::kPermissionDenied,
                               "Bare administratorer (rollen 'admin') kan se "
                               "sletting og arkivering."));
  }
  for (const auto& [name, value] : req.query) {
    return Problem(req, Status::Invalid("Ukjent parameter «" + name +
                                            "». Denne adressen tar ingen.",
                                        name));
  }
  const std::string& tenant = req.actor->tenant;
  store::Database& db = deps.store->database();
  const routine::Retention policy =
      store::PolicyFor(deps.routines->ForTenant(tenant), "");
  const store::DueSummary now =
      store::DueForPurge(db, tenant, policy, req.now, 0);
  const std::int64_t soon = store::CasesDueForPurge(
      db, tenant, req.now + std::chrono::hours(24 * 30));
  const auto log = store::PurgeLog(db, tenant, kLogRows, /*newest_first=*/true);
  const store::ArchiveStatus archive =
      store::ArchiveStatusOf(db, tenant, kFailureRows);

  JsonWriter w;
  w.BeginObject().Field("tenant", tenant);
  w.Key("due_now")
      .BeginObject()
      .Field("cases", now.cases)
      .Field("access_log", now.access_log)
      .Field("notifications", now.notifications)
      .Field("idempotency", now.idempotency)
      .EndObject();
  w.Field("due_next_30_days", soon);
  // A policy change moves dates and deletes nothing: it is listed apart,
  // so that "purged" only ever counts what went.
  w.Key("purged").BeginArray();
  for (const auto& e : log) {
    if (e.what == "policy") continue;
    w.BeginObject()
        .Field("at", FormatUtc(e.at))
        .Field("what", e.what)
        .Field("count", e.count)
        .EndObject();
  }
  w.EndArray();
  w.Key("policy_changes").BeginArray();
  for (const auto& e : log) {
    if (e.what != "policy") continue;
    w.BeginObject()
        .Field("at", FormatUtc(e.at))
        .Field("cases_moved", e.count)
        .EndObject();
  }
  w.EndArray();
  w.Key("archive")
      .BeginObject()
      .Field("pending", archive.pending)
      .Field("failed", archive.failed)
      .Field("archived", archive.archived)
      .Key("failures")
      .BeginArray();
  for (const auto& f : archive.failures) {
    w.BeginObject()
        .Field("reference", f.reference)
        .Field("status", f.status)
        .Field("attempts", f.attempts)
        .Field("last_error", f.last_error)
        .Key("next_attempt_at");
    if (f.next_attempt_at) {
      w.String(FormatUtc(*f.next_attempt_at));
    } else {
      w.Null();
    }
    w.EndObject();
  }
  w.EndArray().EndObject().EndObject();
  return Response::Json(200, w.Take());
}

}  // namespace stafett::http
