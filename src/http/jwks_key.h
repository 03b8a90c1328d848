// JwksKey: one public key from a provider's JSON Web Key Set (RFC 7517),
// turned into a verifier that accepts exactly one algorithm.
//
// Supported:
//   {"kty":"RSA","n":..,"e":..}            -> RS256 (n at least 2048 bits)
//   {"kty":"EC","crv":"P-256","x":..,"y":..} -> ES256
// A key's "alg" member, when present, must name that algorithm; a key with
// "use" other than "sig" is skipped. The algorithm comes from the key, never
// from the token's header: a token whose header names another algorithm is
// refused before any signature check (no RS/HS confusion, no "none").
//
// Poco has no JWKS reader, so the OpenSSL key is built from the base64url
// parameters with OpenSSL 3's EVP_PKEY_fromdata and wrapped in Poco's
// RSAKey / ECKey for Poco::JWT::Signer.
//
// Errors: ParseJwk returns kInvalidArgument with an English reason for the
// operator's log (a provider's key set is not user input).
//
// Thread-safety: a JwksKey is immutable after ParseJwk; Verify builds its
// own Signer per call and may run on many threads at once.
#ifndef STAFETT_HTTP_JWKS_KEY_H_
#define STAFETT_HTTP_JWKS_KEY_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Poco/JSON/Object.h>
#include <Poco/JWT/Token.h>
#include <Poco/SharedPtr.h>

#include "core/status.h"

namespace Poco::Crypto {
class RSAKey;
class ECKey;
}  // namespace Poco::Crypto

namespace stafett::http {

class JwksKey {
 public:
  // The key's id ("" when the JWK has no kid) and its one algorithm.
  const std::string& kid() const { return kid_; }
  const std::string& alg() const { return alg_; }

  // Verifies the compact JWS `jwt` (already checked to be three base64url
  // segments) whose header names `header_alg`. Throws nothing; kUnauthenticated
  // when the algorithm differs from the key's or the signature fails.
  Result<Poco::JWT::Token> Verify(const std::string& jwt,
                                  const std::string& header_alg) const;

  static Result<std::shared_ptr<const JwksKey>> ParseJwk(
      const Poco::JSON::Object& jwk);

 private:
  std::string kid_;
  std::string alg_;
  Poco::SharedPtr<Poco::Crypto::RSAKey> rsa_;
  Poco::SharedPtr<Poco::Crypto::ECKey> ec_;
};

// Every usable key of a JWKS document ({"keys":[...]}); keys that cannot be
// used (unknown kty, enc keys, short RSA) are skipped and named in
// `skipped` (may be null). kInvalidArgument if the document is not a JWKS.
Result<std::vector<std::shared_ptr<const JwksKey>>> ParseJwks(
    const std::string& json, std::vector<std::string>* skipped);

// Base64url without padding (RFC 7515 §2) to bytes; nullopt on any
// character outside the alphabet.
std::optional<std::string> DecodeBase64Url(std::string_view in);

}  // namespace stafett::http

#endif  // STAFETT_HTTP_JWKS_KEY_H_
