#include "http/oidc_registry.h"

#include "http/person_id.h"

namespace stafett::http {

IdentityRegistry::IdentityRegistry(std::vector<IdentityConfig> configs,
                                   std::string person_key,
                                   OidcProviderOptions options)
    : configs_(std::move(configs)), person_key_(std::move(person_key)) {
  for (const auto& c : configs_) {
    if (!providers_.count(c.issuer)) {
      providers_[c.issuer] = std::make_unique<OidcProvider>(c.issuer, options);
    }
  }
}

const IdentityConfig* IdentityRegistry::ForTenant(
    const std::string& tenant) const {
  for (const auto& c : configs_) {
    if (c.tenant == tenant) return &c;
  }
  return nullptr;
}

OidcProvider* IdentityRegistry::Provider(const std::string& issuer) const {
  auto it = providers_.find(issuer);
  return it == providers_.end() ? nullptr : it->second.get();
}

Result<engine::Actor> IdentityRegistry::VerifyBearer(const std::string& jwt,
                                                     TimePoint now) const {
  const std::string iss = UnverifiedIssuer(jwt);
  OidcProvider* provider = Provider(iss);
  if (provider == nullptr) {
    return Status(Code::kUnauthenticated,
                  "Tokenet er utstedt av en innloggingstjeneste Stafett ikke "
                  "kjenner (iss).");
  }
  std::vector<const IdentityConfig*> candidates;
  std::vector<std::string> audiences;
  for (const auto& c : configs_) {
    if (c.issuer == iss) {
      candidates.push_back(&c);
      audiences.push_back(c.audience);
    }
  }
  auto verified = VerifyProviderToken(*provider, jwt, audiences, now);
  if (!verified.ok()) return verified.status();
  const IdentityConfig& config = *candidates[verified->audience];
  const Poco::JSON::Object& claims = *verified->claims;
  std::vector<Membership> members = MapClaims(config, claims);
  if (members.empty()) {
    return Status(Code::kPermissionDenied,
                  "Du er logget inn, men har ingen tjeneste eller rolle i "
                  "Stafett for denne kommunen. Spør: " +
                      config.ask);
  }
  engine::Actor actor;
  actor.tenant = config.tenant;
  actor.service = members.front().service;
  actor.role = members.front().role;
  actor.person_id =
      PersonId(person_key_, iss, claims.getValue<std::string>("sub"));
  return actor;
}

}  // namespace stafett::http
