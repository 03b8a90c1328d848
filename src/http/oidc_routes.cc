// The /auth/login, /auth/callback and /auth/choose routes: thin adapters
// from the route table to OidcLogin (http/oidc_login.h).
#include "core/json_writer.h"
#include "http/body_json.h"
#include "http/oidc_login.h"
#include "http/person_id.h"
#include "http/route_util.h"
#include "http/routes.h"
#include "store/access/session_store.h"

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

// An administrator signs a person out of every session in their own
// municipality at once (a lost laptop, someone who left). The person is
// named by the pseudonymous id the access log shows.
Response RevokeSessions(const Request& req, const ApiDeps& deps) {
  const engine::Actor& actor = *req.actor;
  if (actor.role != engine::Role::kAdmin) {
    return Problem(req, Status(Code::kPermissionDenied,
                               "Bare administrator kan avslutte andres "
                               "økter."));
  }
  auto obj = ParseFlatObject(req.body, {"person_id"});
  if (!obj.ok()) return Problem(req, obj.status());
  auto person = StringMember(*obj, "person_id", true, 64);
  if (!person.ok()) return Problem(req, person.status());
  if (!*person || !IsPersonId(**person)) {
    return Problem(req, Status::Invalid("«person_id» må være 32 sifre/"
                                        "bokstaver a-f, slik tilgangsloggen "
                                        "viser den.",
                                        "person_id"));
  }
  if (deps.sessions == nullptr) {
    return Response::Json(200, "{\"revoked\":0}");
  }
  const int n =
      deps.sessions->RevokeForPersonInTenant(actor.tenant, **person, req.now);
  JsonWriter w;
  w.BeginObject().Field("revoked", static_cast<std::int64_t>(n)).EndObject();
  return Response::Json(200, w.Take());
}

}  // namespace stafett::http
