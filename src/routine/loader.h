// Loading routine files (YAML, yaml-cpp) into validated Routines.
//
// Every problem is reported as a Diagnostic with the file's line and column
// (1-based), so `stafett routine check` can print FILE:LINE:COLUMN: message.
// A routine is returned only when there are no diagnostics: unknown keys,
// unknown references, unreachable steps, dead ends, bad deadlines, missing
// outcomes and duplicate ids are all errors (routine/reader.h for the file's
// shape, routine/validate.h for its meaning). The file format is documented
// in workflows/README.md.
//
// The routine's hash is the SHA-256 of the file's bytes, and the bytes are
// kept in source_text, so a case pinned to (id, version, hash) can always be
// rebuilt from the stored version.
//
// Thread-safety: functions are reentrant; results are independent values.
#ifndef STAFETT_ROUTINE_LOADER_H_
#define STAFETT_ROUTINE_LOADER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "routine/diagnostic.h"
#include "routine/model.h"

namespace stafett::routine {

struct LoadResult {
  std::shared_ptr<const Routine> routine;  // null when there are diagnostics
  std::vector<Diagnostic> diagnostics;
  // fmtcore (issue 12): what `routine check` warns about; never stops the
  // routine loading (e.g. a field that looks meaningful but does nothing).
  std::vector<Diagnostic> warnings;
  bool ok() const { return routine != nullptr; }
};

// `name` is used in diagnostics and kept as the routine's source_name.
LoadResult LoadRoutineText(std::string_view text, const std::string& name);
// Reads the file; an unreadable file is one diagnostic at 0:0.
LoadResult LoadRoutineFile(const std::string& path);
// Loads each file, then checks them as a set (routine/validate.h,
// ValidateRoutineSet): the same (id, version) twice, one tenant with two
// routine ids, or one reference_prefix for two tenants is an error on the
// later file, whose result then carries no routine. Results are in the
// order of `paths`.
std::vector<LoadResult> LoadRoutineFiles(const std::vector<std::string>& paths);
// LoadRoutineFiles on every *.yaml / *.yml directly in `dir`, sorted by
// name. A missing or unreadable directory gives one result with one
// diagnostic.
std::vector<LoadResult> LoadRoutineDir(const std::string& dir);

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_LOADER_H_
