// Bearer tokens: HS256-signed JWTs carrying who the caller is.
//
// Two kinds of token:
//  - Development tokens from `stafett token` (iss "stafett"): HS256 with
//    STAFETT_TOKEN_SECRET. Claims (all required):
//      iss     must equal the verifier's issuer ("stafett" by default)
//      tenant  the municipality, e.g. "nesseby"
//      service the unit the caller acts for, e.g. "skole-a"
//      role    worker | coordinator | unit_leader | auditor | admin
//      exp     expiry (seconds since the epoch); a token without exp is refused
//    `iat` and `nbf` are honoured when present (nbf in the future is
//    refused). `sub` (optional) names the person: the Actor's person_id is
//    PersonId(key, "stafett", sub), or of "dev-<service>-<role>" without it.
//    Only HS256: the Signer is restricted to {"HS256"}, so "none", HS384/512
//    and RS/ES tokens are refused before any claim is read.
//  - Provider tokens (any other iss), when an IdentityRegistry is set:
//    verified by the registry against the provider's JWKS (RS256/ES256 by
//    key, never by header; oidc_registry.h). HMAC is never tried for them.
// The token must be a compact JWS: exactly three base64url segments.
// Every failure is Code::kUnauthenticated with a bokmål message that
// says what to do (the server answers 401 with WWW-Authenticate: Bearer).
//
// Thread-safety: TokenVerifier is immutable after construction and safe to
// share between server threads (Verify builds its own Signer per call).
#ifndef STAFETT_HTTP_AUTH_H_
#define STAFETT_HTTP_AUTH_H_

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"
#include "engine/case.h"

namespace stafett::http {

inline constexpr std::string_view kDefaultIssuer = "stafett";
// A secret shorter than this is refused at start-up (and by IssueToken): an
// HS256 key should be at least as long as the hash.
inline constexpr size_t kMinSecretBytes = 32;

// The secret `stafett serve --insecure-dev-secret` and `stafett token
// --insecure-dev-secret` use when STAFETT_TOKEN_SECRET is not set. It is
// public (it is in the source), so serve accepts it only on a loopback
// address.
inline constexpr std::string_view kInsecureDevSecret =
    "stafett-insecure-dev-secret-do-not-use-in-production";

// Start-up check of a configured secret. InvalidArgument with the reason.
Status CheckSecret(std::string_view secret);

class IdentityRegistry;

class TokenVerifier {
 public:
  explicit TokenVerifier(std::string secret,
                         std::string issuer = std::string(kDefaultIssuer));

  // The key of person ids (person_id.h); by default one derived from the
  // secret. Call before sharing the verifier between threads.
  void set_person_key(std::string key);
  // Provider tokens are verified by `registry` (not owned; may be null).
  void set_registry(const IdentityRegistry* registry) { registry_ = registry; }
  const std::string& person_key() const { return person_key_; }

  // `authorization` is the whole Authorization header value ("Bearer xxx");
  // empty when the header is missing. Returns the caller on success.
  Result<engine::Actor> Verify(std::string_view authorization,
                               TimePoint now) const;

  // Verifies a bare token (no "Bearer ").
  Result<engine::Actor> VerifyToken(const std::string& token,
                                    TimePoint now) const;

 private:
  std::string secret_;
  std::string issuer_;
  std::string person_key_;
  const IdentityRegistry* registry_ = nullptr;
  // Stafett's own tokens that verified, by their exact text, with their
  // exp and nbf (auth.cc); shared by copies, locked inside.
  struct Verified;
  std::shared_ptr<Verified> verified_;
};

// Signs a token for `actor` valid from `now` for `ttl` (HS256). Used by
// `stafett token` and by tests. Precondition: CheckSecret(secret).ok().
// `person`, when not empty, goes into `sub`.
std::string IssueToken(std::string_view secret, const engine::Actor& actor,
                       TimePoint now, std::chrono::seconds ttl,
                       std::string_view issuer = kDefaultIssuer,
                       std::string_view person = "");

}  // namespace stafett::http

#endif  // STAFETT_HTTP_AUTH_H_
