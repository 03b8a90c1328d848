// Stored routine versions: loading them with the rules of their own time,
// and one process-wide cache of parsed versions by hash.
//
// A version is stored (routine_versions) only after it passed every rule of
// the day it was published. Later releases may tighten validation
// (routine/validate.h); a stored version must keep loading anyway, because
// open and closed cases are pinned to it. So a stored version is loaded
// leniently: the file's shape is read (routine/reader.h, which only ever
// gains keys, never loses them) and the meaning rules of ValidateRoutine are
// NOT run again: they held when the version was stored, and the hash proves
// the text is the same. New versions (publish, start-up files) always get
// the full LoadRoutineText. docs/routine-lifecycle.md explains the choice.
//
// VersionCache: a stored version never changes, so its parsed Routine is
// kept for the life of the process and shared by the HTTP catalogue
// (http/routine_catalog.h) and the reports (store/audit/report.h). Memory is
// bounded by the number of versions ever published (a few per year per
// municipality).
//
// Thread-safety: LoadStoredRoutineText is reentrant; VersionCache is safe
// from many threads (one mutex; loading happens outside it).
#ifndef STAFETT_ROUTINE_STORED_H_
#define STAFETT_ROUTINE_STORED_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "routine/loader.h"

namespace stafett::routine {

// Reads a stored version without re-running the meaning rules. Diagnostics
// only when the text no longer reads at all (not YAML, or a key the reader
// no longer knows): a bug in a release, never the administrator's.
LoadResult LoadStoredRoutineText(std::string_view text,
                                 const std::string& name);

class VersionCache {
 public:
  // The one cache of this process.
  static VersionCache& Process();

  // The parsed version with `hash`, or null when not cached.
  std::shared_ptr<const Routine> Find(const std::string& hash) const;
  // Keeps `r` (a fully validated or stored version) under r->hash.
  void Put(std::shared_ptr<const Routine> r);
  // The cached version, else LoadStoredRoutineText(source) kept under
  // `hash`. Null when the source does not read or its hash differs.
  std::shared_ptr<const Routine> FromSource(const std::string& hash,
                                            std::string_view source,
                                            const std::string& name);

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<const Routine>> by_hash_;
};

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_STORED_H_
