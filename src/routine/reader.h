// Reading a routine file (YAML, via yaml-cpp) into the model.
//
// The reader checks the file's shape: that it is YAML at all, that every
// key is known (a typo comes with the closest known key), that values have
// the right type, that required keys are present, that enumerations (step
// kind, service kind, field type, language) hold known values and that
// durations parse. It records where every key and value was written in a
// SourceMap. Rules about meaning (references, reachability, deadlines by
// step kind, duplicates) run afterwards on the model: routine/validate.h.
//
// yaml-cpp stays inside reader.cc: no yaml-cpp type crosses this header, so
// no other layer ever sees one.
//
// Thread-safety: reentrant.
#ifndef STAFETT_ROUTINE_READER_H_
#define STAFETT_ROUTINE_READER_H_

#include <string_view>

#include "routine/diagnostic.h"
#include "routine/model.h"
#include "routine/source_map.h"

namespace stafett::routine {

// Fills `out` as far as `text` allows; every problem goes to `diags`. Each
// list in the file gives one model element per item, even a malformed one,
// so the SourceMap's indexes match the model's. Returns false when the text
// is not YAML or not a map at all (then `out` is empty).
bool ReadRoutine(std::string_view text, Routine* out, SourceMap* where,
                 DiagnosticList* diags);

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_READER_H_
