// OidcLogin: sign-in for the web app through the municipality's OpenID
// Provider, on the server ("backend for frontend": the browser never holds
// a token, only the session cookie).
//
//   GET /auth/login?tenant=T
//     Authorization Code flow with PKCE (S256), state and nonce. The state,
//     nonce, PKCE verifier and tenant travel in a sealed cookie (HMAC-SHA256
//     with a key every replica shares, 10 minutes), SameSite=Lax because
//     the provider's redirect back is a cross-site top-level GET. Nothing
//     is kept in memory, so the callback may reach any replica.
//     -> 302 to the provider's authorization endpoint.
//   GET /auth/callback?code=..&state=..
//     Checks state against the cookie, exchanges the code (client secret +
//     verifier) at the token endpoint, verifies the ID token against the
//     provider's JWKS (oidc_provider.h: iss, aud = client id, exp, nbf with
//     60 s skew; algorithm by key) and its nonce, and maps the claims to
//     service and role (identity_config.h).
//       no mapping   -> 403 HTML page saying whom to ask (the file's `ask`);
//       one mapping  -> a session (SessionStarter), 302 to "/";
//       several      -> 200 HTML page listing them; each is a link to
//                       GET /auth/choose?i=N. The choices travel in a sealed
//                       SameSite=Strict cookie (5 minutes), so a cross-site
//                       link cannot pick for the user.
//   GET /auth/choose?i=N -> a session for choice N, 302 to "/".
//
// The person id is PersonId(person key, issuer, sub) (person_id.h).
// Errors a person can act on are HTML pages in nb/nn/se/en (a browser
// navigates here, it does not fetch JSON); infrastructure problems (the
// provider unreachable) are 503 pages.
//
// Thread-safety: immutable after construction; the registry's providers
// are thread-safe.
#ifndef STAFETT_HTTP_OIDC_LOGIN_H_
#define STAFETT_HTTP_OIDC_LOGIN_H_

#include <functional>
#include <map>
#include <string>
#include <utility>

#include "core/status.h"
#include "engine/case.h"
#include "http/exchange.h"
#include "http/oidc_registry.h"

namespace stafett::http {

// Who signed in. The starter stores the session (store::SessionStore) and
// returns the Set-Cookie value of the session cookie.
struct SignedIn {
  engine::Actor actor;  // tenant, service, role, person_id
};
using SessionStarter =
    std::function<Result<std::string>(const SignedIn&, const Request&)>;

class OidcLogin {
 public:
  // `public_url`: scheme://host[:port] the browser uses for this server
  // (the redirect URI is public_url + "/auth/callback", and must be
  // registered at the provider). `seal_key`: at least 32 bytes, the same on
  // every replica. `secure`: the cookies get Secure and the __Host- prefix
  // (false only on a loopback listener, like the session cookie).
  OidcLogin(const IdentityRegistry& registry, std::string seal_key,
            std::string public_url, bool secure, SessionStarter starter);

  Response Login(const Request& req) const;
  Response Callback(const Request& req) const;
  Response Choose(const Request& req) const;

  const std::string& redirect_uri() const { return redirect_uri_; }

  // Service names to show on the choice page ((tenant, service id) ->
  // name from the routine); the id is shown when a name is missing. Call
  // before requests arrive.
  void set_service_names(
      std::map<std::pair<std::string, std::string>, std::string> names) {
    service_names_ = std::move(names);
  }

 private:
  Response Start(const Request& req, const SignedIn& s) const;

  const IdentityRegistry& registry_;
  std::string seal_key_;
  std::string public_url_;
  std::string redirect_uri_;
  bool secure_;
  SessionStarter starter_;
  std::map<std::pair<std::string, std::string>, std::string> service_names_;
};

// Sealing: base64url(payload) "." base64url(HMAC-SHA256(key, purpose "."
// base64url(payload))). Exposed for tests.
std::string Seal(std::string_view key, std::string_view purpose,
                 std::string_view payload);
std::optional<std::string> Unseal(std::string_view key,
                                  std::string_view purpose,
                                  std::string_view sealed);

}  // namespace stafett::http

#endif  // STAFETT_HTTP_OIDC_LOGIN_H_
