// Moving a routine's open cases to another stored version: `stafett
// routine migrate` and POST /api/v1/routines/{id}/migrations
// (docs/routine-lifecycle.md).
//
// A run:
//   1. lists the routine's open cases (one indexed query) and plans each:
//      already on the target version ("already"), or its step's target in
//      the new version: `map[step]` when given, else the same step id;
//      engine::MigrationRefusal says why a case cannot move;
//   2. refuses the whole run, before anything moves, when any case has no
//      target (or another refusal) — the report lists them;
//   3. unless dry_run, moves each case in ITS OWN transaction through
//      CaseStore::ExecuteCommand (version-checked update, journal hash
//      chain, deadlines and notices as for any command), re-planning it on
//      the freshly loaded row.
// Idempotent and resumable: a case already on the target version is
// skipped, so a run killed midway (or a second runner on another replica)
// just finishes the rest; two runners never move one case twice, because
// the second one's transaction sees the first one's version.
//
// Errors: kNotFound when the target version is not stored; database
// failures throw. Thread-safety: reentrant.
#ifndef STAFETT_STORE_ROUTINES_ROUTINE_MIGRATE_H_
#define STAFETT_STORE_ROUTINES_ROUTINE_MIGRATE_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "engine/case.h"
#include "store/cases/case_store.h"

namespace stafett::store {

struct CaseMigrationRequest {
  std::string tenant;
  std::string routine_id;
  int to_version = 0;
  std::map<std::string, std::string> map;  // old step -> new step
  bool dry_run = false;
  engine::Actor actor;  // who the journal names (the admin, or the CLI)
  // Called after each case that was moved or skipped: (done, total).
  std::function<void(int, int)> progress;
};

struct CaseMigrationRow {
  std::string reference;
  int from_version = 0;
  std::string from_step;
  std::string to_step;  // "" when there is none
  // "" (moves), "already" (on the target version), "migrated" (moved by
  // this run), or a refusal: "no_target", "target_closed", "no_consent".
  std::string outcome;
};

struct CaseMigrationStep {
  int from_version = 0;
  std::string from_step;
  std::string to_step;  // "" when none
  int cases = 0;
};

struct CaseMigrationReport {
  bool dry_run = false;
  int to = 0;
  std::string to_hash;
  int total = 0;
  int migrated = 0;  // moved by this run (0 on a dry run)
  int already = 0;
  int refused = 0;
  std::vector<CaseMigrationStep> by_step;  // of cases not yet migrated
  std::vector<CaseMigrationRow> cases;     // each open case, by reference
  bool refused_run() const { return refused > 0; }
};

Result<CaseMigrationReport> MigrateOpenCases(
    CaseStore& store, const CaseMigrationRequest& request, const Clock& clock);

}  // namespace stafett::store

#endif  // STAFETT_STORE_ROUTINES_ROUTINE_MIGRATE_H_
