// libFuzzer harness: the PII guard (src/core/pii_guard.h).
//
// Input: free text, any bytes (invalid UTF-8 included: the guard must
// tolerate it). Beyond "no crash", the header's promises are checked on
// every input: findings lie inside the text, are ordered by offset and never
// overlap, and CheckFreeText refuses exactly the texts with findings,
// without echoing them.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/pii_guard.h"

using namespace stafett;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<PiiFinding> found = ScanPii(text);
  std::size_t end = 0;
  for (const PiiFinding& f : found) {
    if (f.length == 0 || f.offset > text.size() ||
        f.length > text.size() - f.offset) {
      std::abort();  // outside the text
    }
    if (f.offset < end) std::abort();  // unordered or overlapping
    end = f.offset + f.length;
    if (f.description.empty()) std::abort();
    (void)PiiKindName(f.kind);
  }
  Status s = CheckFreeText(text, "text");
  if (s.ok() != found.empty()) std::abort();
  if (!s.ok()) {
    if (s.code() != Code::kPiiFound || s.field() != "text") std::abort();
    // The message never echoes what it found.
    for (const PiiFinding& f : found) {
      if (f.length >= 8 && s.message().find(text.substr(f.offset, f.length)) !=
                               std::string::npos) {
        std::abort();
      }
    }
  }
  return 0;
}
