// GET /healthz, GET /readyz (no token) and GET /api/v1/openapi.json.
#include <chrono>

#include "core/json_writer.h"
#include "http/problem.h"
#include "http/routes.h"
#include "store/cases/case_store.h"
#include "store/sql/database.h"

namespace stafett::http {

namespace {

// /readyz must answer within 1 s even when the database is frozen; the
// check gets most of it (docs/api.md).
constexpr std::chrono::milliseconds kReadyBudget{800};

}  // namespace

Response Healthz(const Request&, const ApiDeps&) {
  return Response::Json(200, "{\"status\":\"ok\"}");
}

Response Readyz(const Request& req, const ApiDeps& deps) {
  // A real round trip on a fresh connection of its own (not the pool, which
  // may be busy with requests stuck on the same fault), abandoned at the
  // budget; on SQLite also the room left on the disk.
  const store::Readiness r = deps.store->database().Ping(kReadyBudget);
  if (r.reachable && r.writable) {
    return Response::Json(200, "{\"status\":\"ready\"}");
  }
  deps.log->Error("readiness", req.request_id, r.reason);
  // Say what the service cannot do: nothing at all, or read but not write.
  const std::string detail =
      r.reachable ? "Disken til databasen er full: ingenting kan lagres, og "
                    "saker og rapporter kan ikke åpnes, fordi hvert innsyn "
                    "må logges."
                  : "Databasen svarer ikke: saker kan verken leses eller "
                    "lagres.";
  JsonWriter w;
  w.BeginObject()
      .Field("type", ProblemType(Code::kUnavailable))
      .Field("title", ProblemTitle(Code::kUnavailable))
      .Field("status", 503)
      .Field("detail", detail)
      .Field("code", CodeName(Code::kUnavailable))
      .Field("reads", r.reachable)
      .Field("writes", r.writable)
      .Field("reason", r.reason);
  if (!req.request_id.empty()) w.Field("request_id", req.request_id);
  w.EndObject();
  Response resp = Response::Json(503, w.Take());
  resp.content_type = std::string(kProblemContentType);
  resp.With("Retry-After", std::to_string(kDatabaseRetryAfterSeconds));
  return resp;
}

Response OpenApi(const Request&, const ApiDeps&) {
  return Response::Json(200, OpenApiDocument());
}

}  // namespace stafett::http
