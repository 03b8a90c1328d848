#include "http/session_auth.h"

#include "core/json_writer.h"
#include "http/problem.h"

namespace stafett::http {
namespace {

constexpr std::string_view kCookieBase = "stafett_session";
constexpr std::string_view kHostPrefix = "__Host-";

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

// Compares without an early exit, so that the time taken does not tell an
// attacker how much of a guessed token was right.
bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return diff == 0;
}

}  // namespace

bool IsLoopbackHost(const std::string& host) {
  return host == "::1" || host == "localhost" || host.rfind("127.", 0) == 0;
}

bool DevLoginAllowed(const std::string& listen_host, bool secret_configured) {
  return secret_configured && IsLoopbackHost(listen_host);
}

std::string SessionCookieName(const WebOptions& web) {
  return web.loopback ? std::string(kCookieBase)
                      : std::string(kHostPrefix) + std::string(kCookieBase);
}

std::string SessionCookie(const WebOptions& web, const std::string& secret,
                          std::int64_t max_age_seconds) {
  std::string c = SessionCookieName(web) + "=" + secret +
                  "; Path=/; Max-Age=" + std::to_string(max_age_seconds) +
                  "; HttpOnly; SameSite=Strict";
  if (!web.loopback) c += "; Secure";
  return c;
}

std::string ClearedSessionCookie(const WebOptions& web) {
  std::string c = SessionCookieName(web) +
                  "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
  if (!web.loopback) c += "; Secure";
  return c;
}

std::string CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    std::size_t semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && Trim(pair.substr(0, eq)) == name) {
      std::string v = Trim(pair.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
        v = v.substr(1, v.size() - 2);
      }
      return v;
    }
    if (semi == std::string_view::npos) break;
    header.remove_prefix(semi + 1);
  }
  return "";
}

std::optional<store::Session> SessionOf(const Request& req,
                                        const ApiDeps& deps) {
  if (deps.sessions == nullptr) return std::nullopt;
  std::string secret =
      CookieValue(req.Header("cookie"), SessionCookieName(deps.web));
  if (secret.empty()) return std::nullopt;
  return deps.sessions->Find(secret, req.now);
}

bool IsUnsafeMethod(std::string_view m) {
  return m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE";
}

std::string OwnOrigin(const Request& req, const WebOptions& web) {
  return std::string(web.loopback ? "http://" : "https://") +
         req.Header("host");
}

bool SameOrigin(const Request& req, const WebOptions& web) {
  const std::string origin = req.Header("origin");
  if (!origin.empty()) {
    return !req.Header("host").empty() && origin == OwnOrigin(req, web);
  }
  // Browsers that omit Origin on a same-origin request still send
  // Sec-Fetch-Site; a request with neither is not from our page.
  return req.Header("sec-fetch-site") == "same-origin";
}

bool CheckCsrf(const Request& req, const WebOptions& web,
               const store::Session& session) {
  if (!SameOrigin(req, web)) return false;
  const std::string token = req.Header("x-csrf-token");
  return !token.empty() && ConstantTimeEqual(token, session.csrf_token);
}

Response CsrfRefused(const Request& req) {
  JsonWriter w;
  w.BeginObject()
      .Field("type", "urn:stafett:problem:csrf_refused")
      .Field("title", "Forespørselen kom ikke fra Stafett-siden")
      .Field("status", 403)
      .Field("detail",
             "Endringer med innloggingskaken må komme fra Stafetts egen side "
             "(Origin) og ha X-CSRF-Token fra GET /auth/session. Last siden "
             "på nytt og prøv igjen.")
      .Field("code", "csrf_refused");
  if (!req.request_id.empty()) w.Field("request_id", req.request_id);
  w.EndObject();
  Response r;
  r.status = 403;
  r.content_type = std::string(kProblemContentType);
  r.body = w.Take();
  return r;
}

std::optional<Response> Authenticate(Request& req, const ApiDeps& deps) {
  const std::string authorization = req.Header("authorization");
  if (authorization.empty() && deps.sessions != nullptr &&
      !CookieValue(req.Header("cookie"), SessionCookieName(deps.web)).empty()) {
    std::optional<store::Session> session = SessionOf(req, deps);
    if (!session) {
      return Response::Problem(
          Status(Code::kUnauthenticated,
                 "Økten er utløpt eller avsluttet. Logg inn på nytt."),
          req.request_id);
    }
    if (IsUnsafeMethod(req.method) && !CheckCsrf(req, deps.web, *session)) {
      return CsrfRefused(req);
    }
    req.actor = session->actor();
    return std::nullopt;
  }
  Result<engine::Actor> actor = deps.verifier->Verify(authorization, req.now);
  if (!actor.ok()) return Response::Problem(actor.status(), req.request_id);
  req.actor = *actor;
  return std::nullopt;
}

}  // namespace stafett::http
