#include "routine/stored.h"

#include "core/sha256.h"
#include "routine/reader.h"
#include "routine/source_map.h"

namespace stafett::routine {

LoadResult LoadStoredRoutineText(std::string_view text,
                                 const std::string& name) {
  auto r = std::make_shared<Routine>();
  r->source_name = name;
  r->source_text = std::string(text);
  r->hash = Sha256Hex(text);
  SourceMap where;
  DiagnosticList diags(name);
  LoadResult out;
  // Only the shape: ValidateRoutine held when the version was stored.
  ReadRoutine(text, r.get(), &where, &diags);
  out.diagnostics = diags.Take();
  if (out.diagnostics.empty()) out.routine = std::move(r);
  return out;
}

VersionCache& VersionCache::Process() {
  static auto* cache = new VersionCache();  // never destroyed: used at exit
  return *cache;
}

std::shared_ptr<const Routine> VersionCache::Find(
    const std::string& hash) const {
  std::lock_guard lock(mu_);
  auto it = by_hash_.find(hash);
  return it == by_hash_.end() ? nullptr : it->second;
}

void VersionCache::Put(std::shared_ptr<const Routine> r) {
  std::lock_guard lock(mu_);
  by_hash_.emplace(r->hash, std::move(r));
}

std::shared_ptr<const Routine> VersionCache::FromSource(
    const std::string& hash, std::string_view source, const std::string& name) {
  if (auto found = Find(hash)) return found;
  // Outside the lock: two threads may parse the same version; the second
  // insert is a no-op and both get an equal value.
  LoadResult loaded = LoadStoredRoutineText(source, name);
  if (!loaded.ok() || loaded.routine->hash != hash) return nullptr;
  std::lock_guard lock(mu_);
  auto [it, inserted] = by_hash_.emplace(hash, loaded.routine);
  return it->second;
}

}  // namespace stafett::routine
