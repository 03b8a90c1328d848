// libFuzzer harness: the routine loader and validator (src/routine).
//
// Input: the bytes of a routine file. LoadRoutineText reads the YAML
// (yaml-cpp), checks its shape and meaning and returns diagnostics or a
// Routine. Whatever the bytes, it must return (no crash, no exception, no
// sanitizer report); a valid routine must also render, since the API and
// `stafett routine show` render every routine they load.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "routine/loader.h"
#include "routine/render.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  stafett::routine::LoadResult r =
      stafett::routine::LoadRoutineText(text, "fuzz.yaml");
  if (r.ok() != r.diagnostics.empty()) std::abort();  // the loader's contract
  if (r.ok()) {
    (void)stafett::routine::RenderJson(*r.routine, "nb");
    (void)stafett::routine::RenderDot(*r.routine, "se");
    (void)stafett::routine::RenderMermaid(*r.routine, "en");
  }
  return 0;
}
