#include "http/routine_catalog.h"

#include <mutex>

#include "routine/loader.h"

namespace stafett::http {

RoutineCatalog::RoutineCatalog(SourceLookup lookup)
    : lookup_(std::move(lookup)) {}

Status RoutineCatalog::Add(std::shared_ptr<const routine::Routine> routine) {
  std::unique_lock lock(mu_);
  auto key = std::make_pair(routine->tenant, routine->id);
  auto it = current_.find(key);
  if (it != current_.end() && it->second->hash != routine->hash) {
    return Status::Invalid("Rutinen «" + routine->id + "» for «" +
                               routine->tenant + "» er definert to ganger (" +
                               it->second->source_name + " og " +
                               routine->source_name + ").",
                           "routines");
  }
  by_hash_[routine->hash] = routine;
  current_[key] = std::move(routine);
  return Status::Ok();
}

std::vector<std::shared_ptr<const routine::Routine>> RoutineCatalog::ForTenant(
    const std::string& tenant) const {
  std::shared_lock lock(mu_);
  std::vector<std::shared_ptr<const routine::Routine>> out;
  for (auto it = current_.lower_bound({tenant, ""});
       it != current_.end() && it->first.first == tenant; ++it) {
    out.push_back(it->second);
  }
  return out;
}

std::vector<std::string> RoutineCatalog::Tenants() const {
  std::shared_lock lock(mu_);
  std::vector<std::string> out;
  for (const auto& [key, routine] : current_) {
    if (out.empty() || out.back() != key.first) out.push_back(key.first);
  }
  return out;
}

std::shared_ptr<const routine::Routine> RoutineCatalog::Current(
    const std::string& tenant, const std::string& id) const {
  std::shared_lock lock(mu_);
  auto it = current_.find({tenant, id});
  return it == current_.end() ? nullptr : it->second;
}

std::shared_ptr<const routine::Routine> RoutineCatalog::Pinned(
    const std::string& tenant, const std::string& hash) const {
  {
    std::shared_lock lock(mu_);
    auto it = by_hash_.find(hash);
    if (it != by_hash_.end()) {
      return it->second->tenant == tenant ? it->second : nullptr;
    }
  }
  if (!lookup_) return nullptr;
  // Loading happens outside the lock; two threads may both load the same
  // old version, which is harmless (the second insert is a no-op).
  std::optional<std::string> source = lookup_(hash);
  if (!source) return nullptr;
  routine::LoadResult loaded =
      routine::LoadRoutineText(*source, "routine_versions/" + hash);
  if (!loaded.ok() || loaded.routine->hash != hash) return nullptr;
  std::unique_lock lock(mu_);
  auto [it, inserted] = by_hash_.emplace(hash, loaded.routine);
  return it->second->tenant == tenant ? it->second : nullptr;
}

}  // namespace stafett::http
