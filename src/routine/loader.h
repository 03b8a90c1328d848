// Loading routine files (YAML, yaml-cpp) into validated Routines.
//
// Every problem is reported as a Diagnostic with the file's line and column
// (1-based), so `stafett routine check` can print FILE:LINE:COLUMN: message.
// A routine is returned only when there are no diagnostics: unknown keys,
// unknown references, unreachable steps, dead ends, bad deadlines, missing
// outcomes and duplicate ids are all errors (routine/validate.h).
//
// Thread-safety: functions are reentrant; results are independent values.
#ifndef STAFETT_ROUTINE_LOADER_H_
#define STAFETT_ROUTINE_LOADER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "routine/model.h"

namespace stafett::routine {

struct Diagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
  // "FILE:LINE:COLUMN: message"
  std::string ToString() const;
};

struct LoadResult {
  std::shared_ptr<const Routine> routine;  // null when there are diagnostics
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return routine != nullptr; }
};

// `name` is used in diagnostics and kept as the routine's source_name.
LoadResult LoadRoutineText(std::string_view text, const std::string& name);
// Reads the file; an unreadable file is one diagnostic at 0:0.
LoadResult LoadRoutineFile(const std::string& path);
// Every *.yaml / *.yml directly in `dir`, sorted by name.
std::vector<LoadResult> LoadRoutineDir(const std::string& dir);

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_LOADER_H_
