// Services shared between municipalities, at run time: the table built
// from the identity files' `shared_services` (identity_config.h), and what
// a person of such a service may act as.
//
// A session or token of a shared service carries the HOME tenant (the host
// municipality whose identity file declares it) and the shared service id.
// That actor sees and does nothing by itself: http/scope.h expands it into
// one actor per served tenant, acting there as that tenant's service id;
// the access log records Via() with each of their reads, so the border
// crossed always shows. Nothing else crosses tenants.
//
// Thread-safety: immutable after construction; share freely.
#ifndef STAFETT_HTTP_SHARED_SERVICES_H_
#define STAFETT_HTTP_SHARED_SERVICES_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "engine/case.h"
#include "http/identity_config.h"

namespace stafett::http {

class SharedServices {
 public:
  SharedServices() = default;
  explicit SharedServices(const std::vector<IdentityConfig>& configs);

  // Declares that `service` of `home_tenant` serves `serves`.
  void Add(const std::string& home_tenant, const std::string& service,
           std::vector<ServedTenant> serves);

  // Whether `actor` (a team role) acts for a declared shared service.
  bool IsShared(const engine::Actor& actor) const;

  // The actors a shared-service actor acts as, one per served tenant in
  // declaration order (same role and person). Empty when `actor` is not a
  // shared-service actor.
  std::vector<engine::Actor> Expand(const engine::Actor& actor) const;

  // "<home tenant>/<shared service>" of a shared-service actor.
  static std::string Via(const engine::Actor& home) {
    return home.tenant + "/" + home.service;
  }

  bool empty() const { return table_.empty(); }

 private:
  std::map<std::pair<std::string, std::string>, std::vector<ServedTenant>>
      table_;
};

}  // namespace stafett::http

#endif  // STAFETT_HTTP_SHARED_SERVICES_H_
