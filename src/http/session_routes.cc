// The web app's sign-in: POST /auth/dev/login, GET /auth/dev/options,
// GET /auth/session, POST /auth/logout (docs/api.md, docs/security.md).
// These routes read the session cookie themselves (Api does not
// authenticate them); logout applies the same CSRF check as every other
// cookie-authenticated unsafe call.
#include <algorithm>

#include "core/json_writer.h"
#include "core/sha256.h"
#include "http/body_json.h"
#include "http/json_codec.h"
#include "http/lang_json.h"
#include "http/person_id.h"
#include "http/route_util.h"
#include "http/routes.h"
#include "http/session_auth.h"

namespace stafett::http {
namespace {

// Same answer as an unknown path, so that a production server does not
// even say that development sign-in exists.
Response NotHere(const Request& req) {
  return Problem(req, Status::NotFound("Adressen " + req.path +
                                       " finnes ikke. Se "
                                       "/api/v1/openapi.json."));
}

bool IsPersonName(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::int64_t Seconds(Millis m) {
  return std::chrono::duration_cast<std::chrono::seconds>(m).count();
}

// Dev sign-in also refuses a request that came through a proxy or names a
// public host: a production server listening on 127.0.0.1 behind a reverse
// proxy is a loopback listener too.
bool DirectLoopbackRequest(const Request& req) {
  if (!req.Header("x-forwarded-for").empty() ||
      !req.Header("forwarded").empty() ||
      !req.Header("x-forwarded-host").empty()) {
    return false;
  }
  std::string host = req.Header("host");
  if (!host.empty() && host.front() == '[') {
    host = host.substr(1, host.find(']') == std::string::npos
                              ? std::string::npos
                              : host.find(']') - 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  return IsLoopbackHost(host);
}

bool DevAvailable(const Request& req, const ApiDeps& deps) {
  return deps.web.dev_login && DirectLoopbackRequest(req);
}

}  // namespace

Response DevLogin(const Request& req, const ApiDeps& deps) {
  if (!DevAvailable(req, deps) || deps.sessions == nullptr) {
    return NotHere(req);
  }
  // No session yet, so no CSRF token; a cross-site page must still not be
  // able to sign the browser in as someone else (login CSRF).
  if (!req.Header("origin").empty() && !SameOrigin(req, deps.web)) {
    return CsrfRefused(req);
  }
  auto obj = ParseFlatObject(req.body, {"tenant", "service", "role", "person"});
  if (!obj.ok()) return Problem(req, obj.status());
  auto tenant = StringMember(*obj, "tenant", true, kMaxShortBytes);
  if (!tenant.ok()) return Problem(req, tenant.status());
  auto service = StringMember(*obj, "service", true, kMaxShortBytes);
  if (!service.ok()) return Problem(req, service.status());
  auto role = StringMember(*obj, "role", true, kMaxShortBytes);
  if (!role.ok()) return Problem(req, role.status());
  auto person = StringMember(*obj, "person", false, kMaxShortBytes);
  if (!person.ok()) return Problem(req, person.status());

  auto routines = deps.routines->ForTenant(**tenant);
  if (routines.empty()) {
    return Problem(req, Status::Invalid("Kommunen «" + **tenant +
                                            "» har ingen rutine lastet. Se "
                                            "GET /auth/dev/options.",
                                        "tenant"));
  }
  bool known_service = false;
  for (const auto& r : routines) {
    known_service = known_service || r->FindService(**service) != nullptr;
  }
  if (!known_service) {
    return Problem(req, Status::Invalid("Tjenesten «" + **service +
                                            "» finnes ikke i kommunens "
                                            "rutiner.",
                                        "service"));
  }
  auto parsed_role = engine::ParseRole(**role);
  if (!parsed_role) {
    return Problem(req, Status::Invalid("Ukjent rolle. Gyldige roller: "
                                        "worker, coordinator, unit_leader, "
                                        "auditor, admin.",
                                        "role"));
  }
  std::string who = person->value_or("dev-" + **service + "-" + **role);
  if (!IsPersonName(who)) {
    return Problem(req, Status::Invalid("«person» må være 1-64 tegn: "
                                        "bokstaver a-z, sifre, - _ .",
                                        "person"));
  }

  // A new sign-in replaces the browser's old session rather than leaving
  // it usable behind the new cookie.
  std::string old =
      CookieValue(req.Header("cookie"), SessionCookieName(deps.web));
  if (!old.empty()) deps.sessions->Revoke(old, req.now);

  store::NewSession n;
  n.tenant = **tenant;
  n.service = **service;
  n.role = *parsed_role;
  // The same keyed hash a dev token with sub=who gets (http/person_id.h).
  n.person_id = PersonId(deps.verifier->person_key(), kDefaultIssuer, who);
  n.source = "dev";
  auto created = deps.sessions->Create(n, req.now);
  Response r;
  r.status = 204;
  r.content_type.clear();
  r.With("Set-Cookie",
         SessionCookie(deps.web, created.secret,
                       Seconds(deps.sessions->timeouts().absolute)));
  return r;
}

Response DevOptions(const Request& req, const ApiDeps& deps) {
  if (!DevAvailable(req, deps)) return NotHere(req);
  JsonWriter w;
  w.BeginObject().Key("tenants").BeginArray();
  for (const auto& tenant : deps.routines->Tenants()) {
    auto routines = deps.routines->ForTenant(tenant);
    if (routines.empty()) continue;
    w.BeginObject().Field("id", tenant).Key("title");
    WriteLang(w, routines.front()->title);
    w.Key("services").BeginArray();
    std::vector<std::string> seen;
    for (const auto& r : routines) {
      for (const auto& s : r->services) {
        if (std::find(seen.begin(), seen.end(), s.id) != seen.end()) continue;
        seen.push_back(s.id);
        w.BeginObject().Field("id", s.id).Key("name");
        WriteServiceName(w, s);
        w.EndObject();
      }
    }
    w.EndArray().EndObject();
  }
  w.EndArray();
  w.Key("roles").BeginArray();
  for (auto role : {engine::Role::kWorker, engine::Role::kCoordinator,
                    engine::Role::kUnitLeader, engine::Role::kAuditor,
                    engine::Role::kAdmin}) {
    w.String(engine::RoleName(role));
  }
  w.EndArray().EndObject();
  return Response::Json(200, w.Take());
}

Response GetSession(const Request& req, const ApiDeps& deps) {
  std::optional<store::Session> s = SessionOf(req, deps);
  if (!s) {
    return Problem(req, Status(Code::kUnauthenticated,
                               "Du er ikke logget inn, eller økten er "
                               "utløpt. Logg inn på nytt."));
  }
  JsonWriter w;
  w.BeginObject()
      .Field("tenant", s->tenant)
      .Field("service", s->service)
      .Field("role", engine::RoleName(s->role))
      .Field("person_id", s->person_id)
      .Field("csrf_token", s->csrf_token)
      .Field("expires_at", FormatUtc(s->ExpiresAt(deps.sessions->timeouts())))
      .Field("source", s->source)
      .EndObject();
  return Response::Json(200, w.Take());
}

Response Logout(const Request& req, const ApiDeps& deps) {
  std::optional<store::Session> s = SessionOf(req, deps);
  if (s) {
    if (!CheckCsrf(req, deps.web, *s)) return CsrfRefused(req);
    deps.sessions->Revoke(
        CookieValue(req.Header("cookie"), SessionCookieName(deps.web)),
        req.now);
  }
  // Without a live session there is nothing to end; clearing the cookie is
  // harmless, so the answer is the same.
  Response r;
  r.status = 204;
  r.content_type.clear();
  r.With("Set-Cookie", ClearedSessionCookie(deps.web));
  return r;
}

}  // namespace stafett::http
