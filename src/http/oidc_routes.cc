// The /auth/login, /auth/callback and /auth/choose routes: thin adapters
// from the route table to OidcLogin (http/oidc_login.h).
#include "http/oidc_login.h"
#include "http/routes.h"

namespace stafett::http {
namespace {

Response NoSignIn(const Request& req) {
  return Response::Problem(
      Status::NotFound("Innlogging gjennom kommunens identitetstjeneste er "
                       "ikke satt opp på denne serveren (stafett serve "
                       "--identity)."),
      req.request_id);
}

}  // namespace

Response OidcLoginRoute(const Request& req, const ApiDeps& deps) {
  return deps.oidc ? deps.oidc->Login(req) : NoSignIn(req);
}

Response OidcCallbackRoute(const Request& req, const ApiDeps& deps) {
  return deps.oidc ? deps.oidc->Callback(req) : NoSignIn(req);
}

Response OidcChooseRoute(const Request& req, const ApiDeps& deps) {
  return deps.oidc ? deps.oidc->Choose(req) : NoSignIn(req);
}

}  // namespace stafett::http
