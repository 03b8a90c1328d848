// The routine versions a database holds (table routine_versions): listing
// them, publishing a new one, and what a replica polls to notice a publish.
//
// Which version is current: for each (tenant, routine id) the stored
// version with the highest `version` number (ties, which only databases
// from before publishing can hold, go to the one stored last). Files in
// workflows/ only ever ADD versions at start-up; a file whose version is
// lower than a published one is stored but does not become current
// (docs/routine-lifecycle.md).
//
// One (tenant, routine, version) has one content: publishing the same
// version with other bytes is refused (kVersionExists), the same bytes
// again is a no-op (kSame). PostgreSQL serialises publishes with a
// transaction-scoped advisory lock, SQLite with BEGIN IMMEDIATE.
//
// Errors: domain outcomes are values; database failures throw
// (soci::soci_error), as everywhere in the store.
// Thread-safety: functions are safe from many threads (pooled sessions).
#ifndef STAFETT_STORE_ROUTINES_ROUTINE_VERSIONS_H_
#define STAFETT_STORE_ROUTINES_ROUTINE_VERSIONS_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/time.h"
#include "routine/model.h"
#include "store/sql/database.h"

namespace stafett::store {

struct StoredVersion {
  std::string hash;
  std::string tenant;
  std::string routine_id;
  int version = 0;
  TimePoint published_at;  // loaded_at: when this database first stored it
  std::string source_name;
};

// Every stored version of the tenant (all tenants when `tenant` is ""),
// ordered by routine id, then newest first (version desc, stored desc).
std::vector<StoredVersion> ListRoutineVersions(Database& db,
                                               const std::string& tenant);

// The stored versions of (tenant, routine_id) numbered `version` (one,
// except in databases from before publishing).
std::vector<StoredVersion> FindRoutineVersion(Database& db,
                                              const std::string& tenant,
                                              const std::string& routine_id,
                                              int version);

// The current version of every (tenant, routine), parsed through the
// process's routine::VersionCache (stored versions load leniently,
// routine/stored.h). A version whose text no longer reads is skipped.
std::vector<std::shared_ptr<const routine::Routine>> CurrentRoutines(
    Database& db);

// A stored version by hash, parsed (cached); null if none or unreadable.
std::shared_ptr<const routine::Routine> StoredRoutine(Database& db,
                                                      const std::string& hash);

// Changes whenever a version is stored: count and newest loaded_at, one
// indexed statement. Replicas poll it (app/serve_routines.h).
std::string RoutineVersionsFingerprint(Database& db);

enum class PublishResult { kCreated, kSame, kVersionExists };
struct Published {
  PublishResult result = PublishResult::kCreated;
  // kCreated/kSame: the stored row of this content; kVersionExists: the
  // row that already holds the version number.
  StoredVersion stored;
};
// Stores `r` (which passed routine::LoadRoutineText) as a new version.
Published PublishRoutineVersion(Database& db, const routine::Routine& r,
                                TimePoint now);

// Open cases of (tenant, routine_id) by (routine_hash, step): one query.
std::map<std::pair<std::string, std::string>, int> OpenCasesByVersionStep(
    Database& db, const std::string& tenant, const std::string& routine_id);

}  // namespace stafett::store

#endif  // STAFETT_STORE_ROUTINES_ROUTINE_VERSIONS_H_
