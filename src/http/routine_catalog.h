// RoutineCatalog: the current routine versions `stafett serve` serves, by
// tenant, plus the older versions that existing cases are pinned to.
//
// A case names the routine version it started on by content hash. After a
// new version is published the catalog still finds the old one: Pinned()
// falls back to the source text stored with every version
// (store::CaseStore::RoutineSource), loads it leniently with the rules of
// its own time (routine/stored.h) and keeps it in the process's one
// routine::VersionCache, which the reports share.
//
// Which versions are current comes from the database (store/
// routine_versions.h: the highest version number per routine); `serve`
// calls Replace() at start-up and whenever a replica notices a publish
// (app/serve_routines.h). Tests may Add() routines directly.
//
// Thread-safety: all methods are safe from many threads (a shared mutex;
// routines are immutable and handed out as shared_ptr<const Routine>). The
// SourceLookup is called without the lock held.
#ifndef STAFETT_HTTP_ROUTINE_CATALOG_H_
#define STAFETT_HTTP_ROUTINE_CATALOG_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "routine/model.h"

namespace stafett::http {

class RoutineCatalog {
 public:
  // Source text of a stored routine version by hash (nullopt if unknown).
  using SourceLookup =
      std::function<std::optional<std::string>(const std::string& hash)>;

  explicit RoutineCatalog(SourceLookup lookup = {});

  // Makes `routine` the current version of (tenant, id). kInvalidArgument
  // if the tenant already has a different current routine with that id
  // (two files defining one routine): start-up refuses that.
  Status Add(std::shared_ptr<const routine::Routine> routine);

  // Makes exactly `current` the current versions (one per tenant and id;
  // a later duplicate wins). Versions that stop being current stay
  // reachable through Pinned().
  void Replace(
      const std::vector<std::shared_ptr<const routine::Routine>>& current);

  // The tenant's current routines, sorted by id.
  std::vector<std::shared_ptr<const routine::Routine>> ForTenant(
      const std::string& tenant) const;
  // Every tenant with a current routine, sorted.
  std::vector<std::string> Tenants() const;
  // The current version of (tenant, id), or null.
  std::shared_ptr<const routine::Routine> Current(const std::string& tenant,
                                                  const std::string& id) const;
  // The version with `hash` in `tenant`: a loaded one, or one rebuilt from
  // its stored source. Null when neither exists or the stored source no
  // longer loads.
  std::shared_ptr<const routine::Routine> Pinned(const std::string& tenant,
                                                 const std::string& hash) const;

 private:
  SourceLookup lookup_;
  mutable std::shared_mutex mu_;
  // (tenant, id) -> current
  std::map<std::pair<std::string, std::string>,
           std::shared_ptr<const routine::Routine>>
      current_;
};

}  // namespace stafett::http

#endif  // STAFETT_HTTP_ROUTINE_CATALOG_H_
