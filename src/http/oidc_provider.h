// OidcProvider: what Stafett knows about one OpenID Provider (one issuer):
// its discovery document and its signing keys, fetched over HTTP(S) and
// cached.
//
//  - Discovery: `<issuer>/.well-known/openid-configuration`, fetched on
//    first use. Its "issuer" must equal the configured issuer exactly
//    (OpenID Connect Discovery §4.3), or nothing from it is used.
//  - Keys: the document's jwks_uri. A token whose `kid` is not in the cache
//    triggers one refetch, at most once per `min_refresh` (default 30 s):
//    key rotation at the provider is picked up without a restart, and a
//    flood of tokens with made-up kids cannot make us hammer the provider.
//  - Transport: https, verifying the server certificate against the
//    system's CAs; plain http is accepted only for a loopback host (tests,
//    a provider on the same machine). Every fetch has a 5 s timeout and a
//    1 MiB bound on the answer.
//
// VerifyProviderToken checks a compact JWS from this provider: the key is
// chosen by `kid` and the algorithm by the key (RS256 or ES256, never the
// header's choice); then iss (exact), aud (the expected audience in the
// string or array), exp (required), nbf and iat, each with `skew` (60 s).
//
// Errors: fetch failures are kUnavailable with a message for the log;
// token failures are kUnauthenticated with a bokmål message for the caller.
//
// Thread-safety: all methods may be called from any thread. Fetches are
// serialised by a mutex; readers of the cached keys only take it briefly.
#ifndef STAFETT_HTTP_OIDC_PROVIDER_H_
#define STAFETT_HTTP_OIDC_PROVIDER_H_

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "core/status.h"
#include "core/time.h"
#include "http/jwks_key.h"

namespace stafett::http {

struct ProviderMetadata {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
  std::string end_session_endpoint;  // "" when the provider has none
};

struct OidcProviderOptions {
  std::chrono::milliseconds min_refresh{30'000};
  std::chrono::milliseconds timeout{5'000};
};

class OidcProvider {
 public:
  explicit OidcProvider(std::string issuer, OidcProviderOptions options = {});

  const std::string& issuer() const { return issuer_; }

  // The discovery document, fetched once and then cached.
  Result<ProviderMetadata> Metadata();

  // The key with id `kid` ("" matches a key set of exactly one key without
  // kid); refetches the JWKS when unknown and the last fetch is older than
  // min_refresh. kUnauthenticated when there is no such key.
  Result<std::shared_ptr<const JwksKey>> Key(const std::string& kid);

  // POSTs a form to the token endpoint (the authorization-code exchange)
  // and returns the parsed JSON answer. kUnavailable on transport failure
  // or a non-2xx answer.
  Result<Poco::JSON::Object::Ptr> PostForm(
      const std::string& url,
      const std::vector<std::pair<std::string, std::string>>& form,
      const std::string& basic_user, const std::string& basic_password);

  // Number of JWKS fetches so far (tests assert the rate limit with it).
  int jwks_fetches() const;

 private:
  Status RefreshKeys();

  const std::string issuer_;
  const OidcProviderOptions options_;
  std::mutex fetch_mu_;    // one fetch at a time; never held with mu_ first
  mutable std::mutex mu_;  // the cached data below
  std::optional<ProviderMetadata> metadata_;
  std::map<std::string, std::shared_ptr<const JwksKey>> keys_;
  std::optional<std::chrono::steady_clock::time_point> last_fetch_;
  int jwks_fetches_ = 0;
};

inline constexpr std::chrono::seconds kClockSkew{60};

struct VerifiedToken {
  Poco::JSON::Object::Ptr claims;
  std::size_t audience = 0;  // index into `audiences` of the one that matched
};

// The verified claims of `jwt`, issued by `provider` for one of
// `audiences` (the first that the token's aud names).
Result<VerifiedToken> VerifyProviderToken(
    OidcProvider& provider, const std::string& jwt,
    const std::vector<std::string>& audiences, TimePoint now,
    std::chrono::seconds skew = kClockSkew);

// The unverified payload's "iss", or "" when the token is not a compact JWS
// with a JSON payload. Used only to pick which verifier to run.
std::string UnverifiedIssuer(const std::string& jwt);

// A compact JWS (RFC 7515 §7.1): exactly three non-empty base64url
// segments, nothing else.
bool IsCompactJws(std::string_view jwt);

// Fetches `url` with GET (or POSTs `body` when non-empty) and returns the
// body of a 2xx answer; https, or http on loopback only. Exposed for tests.
Result<std::string> FetchUrl(const std::string& url,
                             std::chrono::milliseconds timeout,
                             const std::string& post_body = "",
                             const std::string& authorization = "");

}  // namespace stafett::http

#endif  // STAFETT_HTTP_OIDC_PROVIDER_H_
