// Api: the Stafett HTTP API (under /api/v1) as a function from Request to
// Response, independent of sockets. It routes, authenticates, checks the
// content type of bodies, and calls the route. HttpService (server.h) adapts
// it to Poco.
//
// Every route except GET /healthz and GET /readyz needs a bearer token
// (http/auth.h) or the web app's session cookie (http/session_auth.h); the
// /auth/ routes and the app's static files need neither. An unknown path is
// 404, a known path with another method 405 with Allow; both problem+json.
//
// Errors: domain problems come back as problem+json Responses (the Code ->
// status table is http/problem.h). Infrastructure failures (database,
// pool timeout) are thrown for the server's edge to answer 500/503.
//
// Thread-safety: Handle may be called from many threads at once. Api is
// immutable after construction; the dependencies must be thread-safe and
// outlive it.
#ifndef STAFETT_HTTP_API_H_
#define STAFETT_HTTP_API_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/time.h"
#include "http/access_log.h"
#include "http/auth.h"
#include "http/exchange.h"
#include "http/router.h"
#include "http/routine_catalog.h"
#include "http/static_files.h"
#include "http/web_options.h"
#include "store/access/session_store.h"
#include "store/cases/case_store.h"

namespace stafett::http {

struct ApiDeps {
  store::CaseStore* store = nullptr;
  RoutineCatalog* routines = nullptr;
  const TokenVerifier* verifier = nullptr;
  const Clock* clock = nullptr;
  Log* log = nullptr;
  // Browser sessions (http/session_auth.h); null: the cookie is ignored.
  store::SessionStore* sessions = nullptr;
  WebOptions web;
  // Web sign-in through the tenants' OpenID Providers (http/oidc_login.h);
  // null when no identity files are configured (the /auth/login routes
  // then answer 404).
  const class OidcLogin* oidc = nullptr;
  // Called after a routine version is published through the API, so this
  // replica serves it at once (app/serve_routines.h); may be empty.
  std::function<void()> routines_changed;
  // Services shared between municipalities (http/shared_services.h), from
  // the identity files; null: none.
  const class SharedServices* shared = nullptr;
};

class Api final : public Endpoint {
 public:
  explicit Api(ApiDeps deps);
  ~Api() override;

  // Handles one request. Fills req.params, req.actor and req.now on the way
  // (the server logs tenant and service from req.actor afterwards) and
  // sets `route` to the matched pattern ("" when none).
  Response Handle(Request& req, std::string* route) const override;

  const Router& router() const { return router_; }

 private:
  using Handler = Response (*)(const Request&, const ApiDeps&);
  struct Route {
    bool needs_token;
    bool has_body;  // POST: application/json required
    Handler handler;
  };
  void Add(const char* method, const char* pattern, bool needs_token,
           Handler handler);
  // A POST that takes no body (no Content-Type needed).
  void AddNoBody(const char* method, const char* pattern, bool needs_token,
                 Handler handler);

  ApiDeps deps_;
  Router router_;
  std::vector<Route> routes_;  // indexed like router_ entries
  // The web app's files for GET paths no route has (http/static_files.h).
  std::unique_ptr<StaticFiles> static_files_;
};

}  // namespace stafett::http

#endif  // STAFETT_HTTP_API_H_
