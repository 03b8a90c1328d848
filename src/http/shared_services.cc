#include "http/shared_services.h"

namespace stafett::http {

SharedServices::SharedServices(const std::vector<IdentityConfig>& configs) {
  for (const auto& c : configs) {
    for (const auto& s : c.shared_services) Add(c.tenant, s.service, s.serves);
  }
}

void SharedServices::Add(const std::string& home_tenant,
                         const std::string& service,
                         std::vector<ServedTenant> serves) {
  table_[{home_tenant, service}] = std::move(serves);
}

bool SharedServices::IsShared(const engine::Actor& actor) const {
  // Only the team acts through a shared service: an auditor or admin of
  // the host municipality stays in the host's reports and routines.
  switch (actor.role) {
    case engine::Role::kWorker:
    case engine::Role::kCoordinator:
    case engine::Role::kUnitLeader:
      break;
    default:
      return false;
  }
  return table_.count({actor.tenant, actor.service}) > 0;
}

std::vector<engine::Actor> SharedServices::Expand(
    const engine::Actor& actor) const {
  std::vector<engine::Actor> out;
  if (!IsShared(actor)) return out;
  for (const auto& s : table_.at({actor.tenant, actor.service})) {
    engine::Actor a = actor;
    a.tenant = s.tenant;
    a.service = s.service;
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace stafett::http
