// The route handlers behind Api (internal to src/http). Each takes the
// parsed, authenticated request and the shared dependencies and returns the
// whole answer; domain problems are problem+json Responses, infrastructure
// failures throw. See docs/api.md for the contract of each route.
//
// Thread-safety: all handlers are reentrant.
#ifndef STAFETT_HTTP_ROUTES_H_
#define STAFETT_HTTP_ROUTES_H_

#include <string_view>
#include <vector>

#include "http/api.h"
#include "http/exchange.h"

namespace stafett::http {

// system_routes.cc
Response Healthz(const Request& req, const ApiDeps& deps);
Response Readyz(const Request& req, const ApiDeps& deps);
Response OpenApi(const Request& req, const ApiDeps& deps);

// case_routes.cc
Response CreateCase(const Request& req, const ApiDeps& deps);
Response GetCase(const Request& req, const ApiDeps& deps);
Response PostCommand(const Request& req, const ApiDeps& deps);

// case_read_routes.cc
Response GetCaseLog(const Request& req, const ApiDeps& deps);
Response ListCases(const Request& req, const ApiDeps& deps);

// routine_routes.cc
Response ListRoutines(const Request& req, const ApiDeps& deps);
Response GetRoutine(const Request& req, const ApiDeps& deps);
// simulate_routes.cc: the routine simulator, admin only.
Response SimulateRoutine(const Request& req, const ApiDeps& deps);
// routine_publish_routes.cc: check and publish a routine (admin, YAML).
Response CheckRoutine(const Request& req, const ApiDeps& deps);
Response PublishRoutine(const Request& req, const ApiDeps& deps);
// routine_migrate_routes.cc: move open cases to a version (admin, JSON).
Response MigrateRoutineCases(const Request& req, const ApiDeps& deps);

// retention_routes.cc (role admin, the caller's tenant)
Response GetRetention(const Request& req, const ApiDeps& deps);

// notification_routes.cc (role admin, the caller's tenant)
Response ListNotifications(const Request& req, const ApiDeps& deps);
Response RetryNotification(const Request& req, const ApiDeps& deps);

// metrics_routes.cc: Prometheus text, STAFETT_METRICS_TOKEN bearer
Response Metrics(const Request& req, const ApiDeps& deps);

// report_routes.cc (roles auditor and admin; JSON, or CSV on Accept:
// text/csv)
Response GetComplianceReport(const Request& req, const ApiDeps& deps);
Response GetKommuneanalyse(const Request& req, const ApiDeps& deps);

// audit_routes.cc (role admin)
Response GetAccessLog(const Request& req, const ApiDeps& deps);

// session_routes.cc: the web app's sign-in (docs/security.md). Dev login
// and its options are 404 unless WebOptions::dev_login.
Response DevLogin(const Request& req, const ApiDeps& deps);
Response DevOptions(const Request& req, const ApiDeps& deps);
Response GetSession(const Request& req, const ApiDeps& deps);
Response Logout(const Request& req, const ApiDeps& deps);

// pii_routes.cc: the PII guard for a form, storing and logging nothing.
Response CheckPii(const Request& req, const ApiDeps& deps);
// UTF-16 code units before each byte of `utf8` (size + 1 entries).
std::vector<std::size_t> Utf16Offsets(std::string_view utf8);
// Web sign-in (http/oidc_routes.cc, http/oidc_login.h).
Response OidcLoginRoute(const Request& req, const ApiDeps& deps);
Response OidcCallbackRoute(const Request& req, const ApiDeps& deps);
Response OidcChooseRoute(const Request& req, const ApiDeps& deps);
// Admin: end every session of a person in the admin's tenant.
Response RevokeSessions(const Request& req, const ApiDeps& deps);

// export_routes.cc (team roles that may see the case): the family's copy
// as PDF or JSON.
Response ExportCase(const Request& req, const ApiDeps& deps);

// admin_routes.cc (role admin, the caller's tenant): the access log by
// case reference, and the tenant's outbox depth and delivery lag.
Response GetAccessLogByReference(const Request& req, const ApiDeps& deps);
Response GetNotificationSummary(const Request& req, const ApiDeps& deps);

// openapi.cc: the OpenAPI 3 document served at /api/v1/openapi.json.
const std::string& OpenApiDocument();

}  // namespace stafett::http

#endif  // STAFETT_HTTP_ROUTES_H_
