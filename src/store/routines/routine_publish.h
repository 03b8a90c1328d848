// What publishing a routine text would do, before it is done: the checks
// of POST /api/v1/routines/check and `stafett routine publish --dry-run`,
// and the publish itself. Shared by the HTTP route and the CLI so both
// refuse and explain alike.
//
// A text is publishable when it loads with today's rules (routine/loader.h)
// and none of these refusals holds (`refusal_code`):
//   - "tenant_mismatch": it is another tenant's routine than the caller's;
//   - "version_exists": the version number is stored with other content
//     ("raise version"); the same content again is fine (idempotent);
//   - "version_not_newer": a lower number than the current version (a
//     change needs a number above the current one);
//   - "prefix_taken": another tenant's current routine uses the same
//     reference_prefix (case references would collide).
// The diff is against the current stored version (routine/diff.h), and
// `by_step` counts the routine's open cases, whatever version they are
// pinned to, by the step they stand on; `changes` says whether that step
// is removed or changed in the new version relative to the current one.
//
// Thread-safety: reentrant (uses the database's pool). Database failures
// throw.
#ifndef STAFETT_STORE_ROUTINES_ROUTINE_PUBLISH_H_
#define STAFETT_STORE_ROUTINES_ROUTINE_PUBLISH_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "routine/diagnostic.h"
#include "routine/diff.h"
#include "routine/model.h"
#include "store/routines/routine_versions.h"
#include "store/sql/database.h"

namespace stafett::store {

struct StepCases {
  std::string step;
  int open_cases = 0;
  bool changes = false;
};

struct PublishCheck {
  std::vector<routine::Diagnostic> diagnostics;
  std::shared_ptr<const routine::Routine> routine;  // null with diagnostics
  std::shared_ptr<const routine::Routine> against;  // current, or null
  std::optional<routine::RoutineDiff> diff;         // when routine
  int open_cases = 0;
  std::vector<StepCases> by_step;  // sorted by step id
  std::string refusal_code;        // "" when none
  std::string refusal_detail;
  // The same content is already stored: publishing changes nothing.
  bool already_published = false;

  bool publishable() const {
    return routine != nullptr && refusal_code.empty();
  }
};

// `tenant`: the caller's; "" accepts any tenant (the CLI).
PublishCheck CheckPublish(Database& db, std::string_view text,
                          const std::string& name, const std::string& tenant);

// Publishes a checked text (check.publishable()). kVersionExists can still
// come back when another publish of that number won the race.
Published Publish(Database& db, const PublishCheck& check, TimePoint now);

}  // namespace stafett::store

#endif  // STAFETT_STORE_ROUTINES_ROUTINE_PUBLISH_H_
