// IdentityRegistry: the tenants' identity configurations (identity_config.h)
// and one OidcProvider per distinct issuer, shared by the tenants that
// trust it (Feide, for example, is one issuer for many municipalities).
//
// VerifyBearer accepts a bearer token from a provider (a machine client's
// access token, or an ID token in tests): it picks the provider by the
// token's unverified `iss`, verifies it there (oidc_provider.h: key by kid,
// algorithm by key, iss/aud/exp/nbf with 60 s skew), picks the tenant whose
// configured audience the token names, and maps the claims to a service and
// role (the first matching rule in the file). The Actor carries the person
// id of issuer+sub (person_id.h).
//
// A token that verifies but matches no rule is kPermissionDenied with the
// tenant's `ask` text; anything else wrong is kUnauthenticated.
//
// Thread-safety: immutable after construction except the providers' caches,
// which are thread-safe.
#ifndef STAFETT_HTTP_OIDC_REGISTRY_H_
#define STAFETT_HTTP_OIDC_REGISTRY_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "engine/case.h"
#include "http/identity_config.h"
#include "http/oidc_provider.h"

namespace stafett::http {

class IdentityRegistry {
 public:
  IdentityRegistry(std::vector<IdentityConfig> configs, std::string person_key,
                   OidcProviderOptions options = {});

  bool empty() const { return configs_.empty(); }
  // nullptr when the tenant has no identity file.
  const IdentityConfig* ForTenant(const std::string& tenant) const;
  // The provider of `issuer`; nullptr when no tenant trusts it.
  OidcProvider* Provider(const std::string& issuer) const;
  const std::string& person_key() const { return person_key_; }

  Result<engine::Actor> VerifyBearer(const std::string& jwt,
                                     TimePoint now) const;

 private:
  std::vector<IdentityConfig> configs_;
  std::string person_key_;
  std::map<std::string, std::unique_ptr<OidcProvider>> providers_;
};

}  // namespace stafett::http

#endif  // STAFETT_HTTP_OIDC_REGISTRY_H_
