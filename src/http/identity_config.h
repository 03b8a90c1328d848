// IdentityConfig: how one municipality (tenant) signs in, from a YAML file
// an administrator writes (one file per tenant, e.g. identity/nesseby.yaml):
//
//   tenant: nesseby
//   issuer: https://login.microsoftonline.com/<directory id>/v2.0
//   client_id: 6f1e...                   # the app registration
//   client_secret:                       # never inline: one of
//     env: STAFETT_OIDC_NESSEBY_SECRET   #   an environment variable
//     # file: /run/secrets/nesseby_oidc  #   or a file (first line)
//   audience: api://stafett-nesseby      # bearer tokens; default client_id
//   scopes: [openid, profile]            # openid is added when missing
//   ask: IT-brukerstøtte i Nesseby kommune, tlf 78 95 00 00
//   mappings:                            # first match wins for machines
//     - claim: groups                    # string or array claim
//       value: 8f1c2a7e-...              # an Entra group's object id
//       role: coordinator
//       service: barnehage
//     - claim: roles
//       value: Stafett.Fagsystem
//       role: worker
//       service: skole
//
// A service shared between municipalities (e.g. one child-welfare service
// serving Gratangen, Lavangen, Salangen and Ibestad, employed by the host)
// is declared in the host's file; its people are mapped to the shared id:
//
//   shared_services:
//     - service: barnevern_midt_troms    # the id mappings give
//       serves:                          # the tenants, and the service id
//         - {tenant: salangen, service: barnevern}   # in each routine
//         - {tenant: lavangen, service: barnevern}
//
// A person of it signs in once (at the host) and works in every tenant it
// serves as that tenant's service (http/shared_services.h).
//
// `ask` names whom a person without a mapping should ask for access; the
// refusal page shows it. Every problem is reported as FILE:LINE:COL with a
// bokmål message (routine::Diagnostic), like the routine files.
//
// The secret is resolved at load time: a missing variable or unreadable
// file is a diagnostic, so `serve` refuses to start rather than failing at
// the first sign-in.
//
// Thread-safety: plain values.
#ifndef STAFETT_HTTP_IDENTITY_CONFIG_H_
#define STAFETT_HTTP_IDENTITY_CONFIG_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "engine/case.h"
#include "routine/diagnostic.h"

namespace stafett::http {

struct ClaimMapping {
  std::string claim;
  std::string value;
  engine::Role role = engine::Role::kWorker;
  std::string service;
};

struct ServedTenant {
  std::string tenant;
  std::string service;  // the service id in that tenant's routine
  bool operator==(const ServedTenant&) const = default;
};
struct SharedService {
  std::string service;  // the id the mappings give, unique in the file
  std::vector<ServedTenant> serves;
};

struct IdentityConfig {
  std::string file;
  std::string tenant;
  std::string issuer;
  std::string client_id;
  std::string client_secret;  // resolved from env or file
  std::string audience;       // for bearer tokens; = client_id by default
  std::vector<std::string> scopes;
  std::string ask;
  std::vector<ClaimMapping> mappings;
  std::vector<SharedService> shared_services;
};

// What a verified set of claims may act as in this tenant: every mapping
// that matches, in file order, without duplicates.
struct Membership {
  std::string service;
  engine::Role role;
  bool operator==(const Membership&) const = default;
};
std::vector<Membership> MapClaims(const IdentityConfig& config,
                                  const Poco::JSON::Object& claims);

// Parses one file's text. `known_services` (tenant -> service ids from the
// loaded routines) is checked when non-null. Problems go to `diags`;
// nullopt when there were any.
std::optional<IdentityConfig> ParseIdentityConfig(
    const std::string& text, routine::DiagnosticList* diags,
    const std::map<std::string, std::set<std::string>>* known_services);

// Every *.yaml in `dir` (sorted). Two files for one tenant, or a second
// tenant with the same issuer and client id, are diagnostics too.
std::vector<IdentityConfig> LoadIdentityDir(
    const std::string& dir,
    const std::map<std::string, std::set<std::string>>* known_services,
    std::vector<routine::Diagnostic>* diags);

}  // namespace stafett::http

#endif  // STAFETT_HTTP_IDENTITY_CONFIG_H_
