#include "http/api.h"

#include "http/problem.h"
#include "http/route_util.h"
#include "http/routes.h"
#include "http/scope.h"
#include "http/session_auth.h"
#include "store/sql/database.h"

namespace stafett::http {
namespace {

// "application/json", optionally with parameters ("; charset=utf-8").
bool IsJsonContentType(std::string v) {
  for (auto& c : v) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  size_t semi = v.find(';');
  std::string type = v.substr(0, semi);
  while (!type.empty() && type.back() == ' ') type.pop_back();
  while (!type.empty() && type.front() == ' ') type.erase(type.begin());
  return type == "application/json";
}

}  // namespace

Api::~Api() = default;

Api::Api(ApiDeps deps)
    : deps_(deps), static_files_(std::make_unique<StaticFiles>(deps.web)) {
  Add("GET", "/healthz", false, Healthz);
  Add("GET", "/readyz", false, Readyz);
  Add("GET", "/api/v1/openapi.json", true, OpenApi);
  Add("GET", "/api/v1/cases", true, ListCases);
  Add("POST", "/api/v1/cases", true, CreateCase);
  Add("GET", "/api/v1/cases/{id}", true, GetCase);
  Add("POST", "/api/v1/cases/{id}/commands", true, PostCommand);
  Add("GET", "/api/v1/cases/{id}/log", true, GetCaseLog);
  Add("GET", "/api/v1/cases/{id}/access-log", true, GetAccessLog);
  Add("GET", "/api/v1/cases/{id}/export", true, ExportCase);
  Add("GET", "/api/v1/routines", true, ListRoutines);
  Add("GET", "/api/v1/routines/{id}", true, GetRoutine);
  Add("POST", "/api/v1/routines/simulate", true, SimulateRoutine);
  Add("GET", "/api/v1/reports/compliance", true, GetComplianceReport);
  Add("GET", "/api/v1/reports/kommuneanalyse", true, GetKommuneanalyse);
  Add("GET", "/api/v1/notifications", true, ListNotifications);
  Add("POST", "/api/v1/notifications/{id}/retry", true, RetryNotification);
  Add("GET", "/api/v1/retention", true, GetRetention);
  // Its own bearer token (STAFETT_METRICS_TOKEN), not a user's:
  // metrics_routes.cc.
  Add("GET", "/metrics", false, Metrics);
  // Web app sessions (session_routes.cc); they read the cookie themselves.
  Add("POST", "/auth/dev/login", false, DevLogin);
  Add("GET", "/auth/dev/options", false, DevOptions);
  Add("GET", "/auth/session", false, GetSession);
  AddNoBody("POST", "/auth/logout", false, Logout);
  Add("POST", "/api/v1/pii/check", true, CheckPii);
  // Web sign-in through the municipality's provider: no token yet.
  Add("GET", "/auth/login", false, OidcLoginRoute);
  Add("GET", "/auth/callback", false, OidcCallbackRoute);
  Add("GET", "/auth/choose", false, OidcChooseRoute);
  Add("POST", "/api/v1/sessions/revoke", true, RevokeSessions);
  // The web app's administrator pages (admin_routes.cc).
  Add("GET", "/api/v1/access-log", true, GetAccessLogByReference);
  Add("GET", "/api/v1/notifications/summary", true, GetNotificationSummary);
  // Publishing routines (routine_publish_routes.cc): the body is YAML, so
  // the handlers check the content type themselves.
  AddNoBody("POST", "/api/v1/routines/check", true, CheckRoutine);
  AddNoBody("POST", "/api/v1/routines", true, PublishRoutine);
  Add("POST", "/api/v1/routines/{id}/migrations", true, MigrateRoutineCases);
}

void Api::Add(const char* method, const char* pattern, bool needs_token,
              Handler handler) {
  router_.Add(method, pattern);
  routes_.push_back({needs_token, std::string(method) == "POST", handler});
}

void Api::AddNoBody(const char* method, const char* pattern, bool needs_token,
                    Handler handler) {
  router_.Add(method, pattern);
  routes_.push_back({needs_token, false, handler});
}

Response Api::Handle(Request& req, std::string* route) const {
  if (route) route->clear();
  req.now = deps_.clock->Now();
  RouteMatch m = router_.Match(req.method, req.path);
  if (m.result == RouteMatch::Result::kNotFound) {
    // The web app's files need no authentication (the data does).
    if (auto file = static_files_->Serve(req)) return *std::move(file);
    return Response::Problem(
        Status::NotFound("Adressen " + req.path +
                         " finnes ikke. Se /api/v1/openapi.json."),
        req.request_id);
  }
  if (m.result == RouteMatch::Result::kMethodNotAllowed) {
    Response r;
    r.status = 405;
    r.content_type = std::string(kProblemContentType);
    r.body = MethodNotAllowedJson(req.method, m.allow, req.request_id);
    r.With("Allow", m.allow);
    return r;
  }
  // Query values are decoded percent-escapes, i.e. arbitrary bytes; refuse
  // what is not text before any route passes one to the database.
  for (const auto& [name, value] : req.query) {
    if (!IsValidUtf8(name) || !IsValidUtf8(value)) {
      return Response::Problem(
          Status(Code::kBadRequest,
                 "Parameteren i adressen er ikke gyldig UTF-8-tekst.",
                 IsValidUtf8(name) ? name : "query"),
          req.request_id);
    }
  }
  // So are path segments (/routines/%FF): PostgreSQL refuses such a
  // parameter (SQLSTATE 22021), which is the caller's error, not ours.
  for (const auto& [name, value] : m.params) {
    if (!IsValidUtf8(value)) {
      return Response::Problem(Status(Code::kBadRequest,
                                      "Adressen inneholder «" + name +
                                          "» som ikke er gyldig UTF-8-tekst.",
                                      name),
                               req.request_id);
    }
  }
  if (route) *route = m.pattern;
  const Route& target = routes_[m.route];
  req.params = std::move(m.params);

  // Authentication before anything about the body: an anonymous caller
  // learns nothing, not even whether its JSON would have parsed.
  if (target.needs_token) {
    // A bearer token, or the session cookie with CSRF checks.
    if (auto refused = Authenticate(req, deps_)) return *refused;
  }
  if (target.has_body && !IsJsonContentType(req.Header("content-type"))) {
    return Response::Problem(
        Status(Code::kUnsupportedMedia,
               "Send innholdet som JSON med Content-Type: application/json."),
        req.request_id);
  }
  try {
    // A shared service acts in the served tenant that holds the case
    // (http/scope.h).
    if (target.needs_token && deps_.shared != nullptr) {
      Status s = ScopeSharedActor(req, *deps_.store, *deps_.shared);
      if (!s.ok()) return Response::Problem(s, req.request_id);
    }
    return target.handler(req, deps_);
  } catch (const store::PoolTimeout&) {
    throw;  // the server answers it (503, "busy")
  } catch (const std::exception& e) {
    // The database is down, frozen, restarting or out of disk: a state to
    // wait out, not a bug (docs/api.md reserves 500 for bugs).
    if (!store::IsUnavailable(e)) throw;
    deps_.log->Error("database_unavailable", req.request_id, e.what());
    Response r = Response::Problem(
        Status(Code::kUnavailable, std::string(kDatabaseUnavailableDetail)),
        req.request_id);
    r.With("Retry-After", std::to_string(kDatabaseRetryAfterSeconds));
    return r;
  }
}

}  // namespace stafett::http
