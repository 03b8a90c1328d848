// Authentication of a request: a bearer token (http/auth.h) or the session
// cookie the web app carries (store/access/session_store.h), and CSRF
// protection for the cookie. See docs/security.md, "Sessions and CSRF".
//
//  - Authorization: Bearer ... present: the token decides; a cookie on the
//    same request is ignored. Bearer calls need no CSRF token (a browser
//    never adds the header by itself).
//  - Otherwise the session cookie: `stafett_session` on a loopback
//    listener, `__Host-stafett_session` elsewhere (WebOptions::loopback).
//    A live session gives the same engine::Actor a token would; scoping
//    stays in http/scope.h.
//  - A cookie-authenticated unsafe method (POST, PUT, PATCH, DELETE) must
//    also pass CheckCsrf: Origin equal to our own origin (or, with no
//    Origin, Sec-Fetch-Site: same-origin) AND X-CSRF-Token equal to the
//    session's csrf_token. Else 403, problem code "csrf_refused".
//
// Thread-safety: pure functions of the request plus the thread-safe store.
#ifndef STAFETT_HTTP_SESSION_AUTH_H_
#define STAFETT_HTTP_SESSION_AUTH_H_

#include <optional>
#include <string>
#include <string_view>

#include "http/api.h"
#include "http/exchange.h"
#include "http/web_options.h"
#include "store/access/session_store.h"

namespace stafett::http {

// The cookie's name for this listener.
std::string SessionCookieName(const WebOptions& web);

// Set-Cookie values: a new session (`max_age` in seconds), and the one that
// removes it.
std::string SessionCookie(const WebOptions& web, const std::string& secret,
                          std::int64_t max_age_seconds);
std::string ClearedSessionCookie(const WebOptions& web);

// The value of cookie `name` in a Cookie header ("a=1; b=2"), or "".
std::string CookieValue(std::string_view cookie_header, std::string_view name);

// The live session named by the request's cookie, if any.
std::optional<store::Session> SessionOf(const Request& req,
                                        const ApiDeps& deps);

// True for POST, PUT, PATCH and DELETE.
bool IsUnsafeMethod(std::string_view method);

// Our own origin as the browser sees it: "http://HOST" on a loopback
// listener, "https://HOST" otherwise (HOST from the Host header, port
// included).
std::string OwnOrigin(const Request& req, const WebOptions& web);

// The Origin half of the CSRF check (also used by dev login, which has no
// session yet): Origin equals OwnOrigin, or Origin is absent and
// Sec-Fetch-Site is same-origin.
bool SameOrigin(const Request& req, const WebOptions& web);

// The whole CSRF check for a cookie-authenticated unsafe request.
bool CheckCsrf(const Request& req, const WebOptions& web,
               const store::Session& session);

// The 403 csrf_refused problem.
Response CsrfRefused(const Request& req);

// Authenticates `req` (bearer or cookie + CSRF) and sets req.actor.
// Returns the refusal (401 or 403 problem+json) when it fails.
std::optional<Response> Authenticate(Request& req, const ApiDeps& deps);

}  // namespace stafett::http

#endif  // STAFETT_HTTP_SESSION_AUTH_H_
