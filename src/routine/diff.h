// What changes between two versions of a routine, step by step: what an
// administrator reviews before publishing (POST /api/v1/routines/check,
// `stafett routine publish --dry-run`) and what tells which open cases are
// touched.
//
// A step is matched by id. A step present in both is "changed" when any of
// these differ, each named once in `what`, in this order: "kind", "level",
// "title", "responsible", "deadline", "fields", "outcomes", "tags".
// Titles compare in every language; fields by name, type, required,
// options and labels; outcomes by name, target, label and their fields.
//
// Thread-safety: pure.
#ifndef STAFETT_ROUTINE_DIFF_H_
#define STAFETT_ROUTINE_DIFF_H_

#include <string>
#include <vector>

#include "routine/model.h"

namespace stafett::routine {

struct StepChange {
  std::string step;
  std::vector<std::string> what;
};

struct RoutineDiff {
  std::vector<std::string> steps_added;         // in `to`'s order
  std::vector<std::string> steps_removed;       // in `from`'s order
  std::vector<StepChange> steps_changed;        // in `to`'s order
  bool Changes(const std::string& step) const;  // removed or changed
};

RoutineDiff DiffRoutines(const Routine& from, const Routine& to);

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_DIFF_H_
