// GET /healthz, GET /readyz (no token) and GET /api/v1/openapi.json.
#include "core/json_writer.h"
#include "http/routes.h"

namespace stafett::http {

Response Healthz(const Request&, const ApiDeps&) {
  return Response::Json(200, "{\"status\":\"ok\"}");
}

Response Readyz(const Request& req, const ApiDeps& deps) {
  // A real round trip: lease a pooled session and run one indexed query.
  // A database that is down throws; so does an exhausted pool.
  try {
    (void)deps.store->GetCase("-", "00000000000000000000000000000000");
  } catch (const std::exception& e) {
    deps.log->Error("readiness", req.request_id, e.what());
    Response r = Response::Problem(
        Status(Code::kUnavailable, "Databasen svarer ikke."), req.request_id);
    r.With("Retry-After", "5");
    return r;
  }
  return Response::Json(200, "{\"status\":\"ready\"}");
}

Response OpenApi(const Request&, const ApiDeps&) {
  return Response::Json(200, OpenApiDocument());
}

}  // namespace stafett::http
