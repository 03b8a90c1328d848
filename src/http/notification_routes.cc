// GET /api/v1/notifications?status=failed and POST
// /api/v1/notifications/{id}/retry: the tenant administrator's view of the
// outbox (docs/notifications.md). Only role admin; only the caller's
// tenant. A listed notification shows what the receiver would see (case
// reference, step, event) and why it failed; nothing about the child.
#include "core/json_writer.h"
#include "http/route_util.h"
#include "http/routes.h"
#include "notify/message.h"
#include "store/work/outbox_store.h"

namespace stafett::http {
namespace {

Status RequireAdmin(const engine::Actor& actor) {
  if (actor.role == engine::Role::kAdmin) return Status::Ok();
  return Status(Code::kPermissionDenied,
                "Bare administratorer (rollen 'admin') kan se og sende varsler "
                "på nytt.");
}

void WriteTime(JsonWriter& w, std::string_view key,
               const std::optional<TimePoint>& t) {
  w.Key(key);
  if (t) {
    w.String(FormatUtc(*t));
  } else {
    w.Null();
  }
}

void WriteItem(JsonWriter& w, const store::OutboxMessage& m) {
  auto content = notify::ContentOf(m, "", nullptr);
  w.BeginObject()
      .Field("id", m.id)
      .Field("event", m.event)
      .Field("service", m.service)
      .Field("audience", m.audience)
      .Field("status", m.status);
  w.Key("case")
      .BeginObject()
      .Field("id", m.case_id)
      .Field("reference", content.ok() ? content->reference : "")
      .EndObject();
  w.Field("step", content.ok() ? content->step : "");
  WriteTime(w, "deadline", content.ok() ? content->deadline : std::nullopt);
  w.Field("attempts", m.attempts - m.attempt_base)
      .Field("attempts_total", m.attempts)
      .Key("channels_done")
      .BeginArray();
  for (const auto& c : m.channels_done) w.String(c);
  w.EndArray();
  w.Field("last_error", m.last_error);
  WriteTime(w, "created_at", m.created_at);
  WriteTime(w, "next_attempt_at",
            m.status == "pending" ? std::optional<TimePoint>(m.next_attempt_at)
                                  : std::nullopt);
  WriteTime(w, "delivered_at", m.delivered_at);
  w.EndObject();
}

}  // namespace

Response ListNotifications(const Request& req, const ApiDeps& deps) {
  if (Status s = RequireAdmin(*req.actor); !s.ok()) return Problem(req, s);
  for (const auto& [name, value] : req.query) {
    if (name != "status" && name != "limit" && name != "cursor") {
      return Problem(req, Status::Invalid("Ukjent parameter «" + name +
                                              "». Gyldige: status, limit, "
                                              "cursor.",
                                          name));
    }
  }
  const std::string status = req.Query("status").value_or("failed");
  if (status != "failed" && status != "pending" && status != "delivered") {
    return Problem(req, Status::Invalid("status må være failed, pending eller "
                                        "delivered.",
                                        "status"));
  }
  int limit = 50;
  if (auto v = req.Query("limit")) {
    char* end = nullptr;
    long n = std::strtol(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0' || n < 1 || n > 200) {
      return Problem(req, Status::Invalid(
                              "limit må være et tall fra 1 til 200.", "limit"));
    }
    limit = static_cast<int>(n);
  }
  store::OutboxStore outbox(deps.store->database());
  auto page = outbox.List(req.actor->tenant, status, limit,
                          req.Query("cursor").value_or(""));
  if (!page.ok()) return Problem(req, page.status());
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& m : page->items) WriteItem(w, m);
  w.EndArray();
  w.Key("next_cursor");
  if (page->next_cursor.empty()) {
    w.Null();
  } else {
    w.String(page->next_cursor);
  }
  w.EndObject();
  return Response::Json(200, w.Take());
}

Response RetryNotification(const Request& req, const ApiDeps& deps) {
  if (Status s = RequireAdmin(*req.actor); !s.ok()) return Problem(req, s);
  store::OutboxStore outbox(deps.store->database());
  auto r = outbox.Retry(req.actor->tenant, req.params.at("id"), req.now);
  if (!r.ok()) return Problem(req, r.status());
  JsonWriter w;
  WriteItem(w, *r);
  return Response::Json(200, w.Take());
}

}  // namespace stafett::http
