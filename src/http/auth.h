// Bearer tokens: HS256-signed JWTs carrying who the caller is.
//
// Claims (all required):
//   iss     must equal the verifier's issuer ("stafett" by default)
//   tenant  the municipality, e.g. "nesseby"
//   service the unit the caller acts for, e.g. "skole-a"
//   role    worker | coordinator | unit_leader | auditor | admin
//   exp     expiry (seconds since the epoch); a token without exp is refused
// `iat` and `nbf` are honoured when present (nbf in the future is refused).
//
// Only HS256 is accepted: the Poco::JWT::Signer is restricted to {"HS256"},
// so "none", HS384/512 and RS/ES tokens are refused before any claim is
// read. Every failure is Code::kUnauthenticated with a bokmål message that
// says what to do (the server answers 401 with WWW-Authenticate: Bearer).
//
// Thread-safety: TokenVerifier is immutable after construction and safe to
// share between server threads (Verify builds its own Signer per call).
#ifndef STAFETT_HTTP_AUTH_H_
#define STAFETT_HTTP_AUTH_H_

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

class TokenVerifier {
 public:
  explicit TokenVerifier(std::string secret,
                         std::string issuer = std::string(kDefaultIssuer));

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
};

// Signs a token for `actor` valid from `now` for `ttl` (HS256). Used by
// `stafett token` and by tests. Precondition: CheckSecret(secret).ok().
std::string IssueToken(std::string_view secret, const engine::Actor& actor,
                       TimePoint now, std::chrono::seconds ttl,
                       std::string_view issuer = kDefaultIssuer);

}  // namespace stafett::http

#endif  // STAFETT_HTTP_AUTH_H_
