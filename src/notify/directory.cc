#include "notify/directory.h"

#include <cstdlib>

namespace stafett::notify {

std::shared_ptr<const routine::Routine> CurrentRoutine(
    const Directory& d, const std::string& tenant,
    const std::string& routine_id) {
  auto all = d.ForTenant(tenant);
  for (const auto& r : all) {
    if (r->id == routine_id) return r;
  }
  return all.empty() ? nullptr : all.front();
}

std::shared_ptr<const routine::Routine> RoutineWithService(
    const Directory& d, const std::string& tenant, const std::string& service,
    const routine::Service** out) {
  for (const auto& r : d.ForTenant(tenant)) {
    if (const routine::Service* s = r->FindService(service)) {
      *out = s;
      return r;
    }
  }
  *out = nullptr;
  return nullptr;
}

std::shared_ptr<const routine::Routine> RoutineWithTeam(
    const Directory& d, const std::string& tenant, const std::string& team,
    const routine::Team** out) {
  for (const auto& r : d.ForTenant(tenant)) {
    if (const routine::Team* t = r->FindTeam(team)) {
      *out = t;
      return r;
    }
  }
  *out = nullptr;
  return nullptr;
}

void StaticDirectory::Add(std::shared_ptr<const routine::Routine> r) {
  routines_.push_back(std::move(r));
}

std::vector<std::shared_ptr<const routine::Routine>> StaticDirectory::ForTenant(
    const std::string& tenant) const {
  std::vector<std::shared_ptr<const routine::Routine>> out;
  for (const auto& r : routines_) {
    if (r->tenant == tenant) out.push_back(r);
  }
  return out;
}

std::shared_ptr<const routine::Routine> StaticDirectory::Pinned(
    const std::string& tenant, const std::string& hash) const {
  for (const auto& r : routines_) {
    if (r->tenant == tenant && r->hash == hash) return r;
  }
  return nullptr;
}

SecretLookup EnvironmentSecrets() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr || *v == '\0') return std::nullopt;
    return std::string(v);
  };
}

}  // namespace stafett::notify
