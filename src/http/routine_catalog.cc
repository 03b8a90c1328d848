#include "http/routine_catalog.h"

#include <mutex>

#include "routine/stored.h"

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
  routine::VersionCache::Process().Put(routine);
  current_[key] = std::move(routine);
  return Status::Ok();
}

void RoutineCatalog::Replace(
    const std::vector<std::shared_ptr<const routine::Routine>>& current) {
  std::map<std::pair<std::string, std::string>,
           std::shared_ptr<const routine::Routine>>
      next;
  for (const auto& r : current) {
    routine::VersionCache::Process().Put(r);
    next[{r->tenant, r->id}] = r;
  }
  std::unique_lock lock(mu_);
  current_.swap(next);
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
  auto& cache = routine::VersionCache::Process();
  auto found = cache.Find(hash);
  if (!found && lookup_) {
    // Loading happens outside any lock; two threads may both load the
    // same old version, which is harmless.
    std::optional<std::string> source = lookup_(hash);
    if (source)
      found = cache.FromSource(hash, *source, "routine_versions/" + hash);
  }
  return found && found->tenant == tenant ? found : nullptr;
}

}  // namespace stafett::http
