// libFuzzer harness: the API's request decoders (src/http/json_codec.h).
//
// Input: a request body. Both DecodeNewCase (POST /api/v1/cases) and
// DecodeCommand (POST /api/v1/cases/{id}/commands) see it. A decoder must
// answer a value or a Status, never throw: an exception would be a 500 at
// the edge. What is decoded goes through FreeTextOf and the PII guard, as
// case_routes.cc does.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/pii_guard.h"
#include "http/json_codec.h"

using namespace stafett;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);

  Result<http::NewCaseRequest> nc = http::DecodeNewCase(body);
  if (nc.ok()) {
    if (nc->categories.size() > http::kMaxListItems) std::abort();
    if (nc->text.size() > http::kMaxTextBytes) std::abort();
    for (const auto& [field, text] : http::FreeTextOf(*nc)) {
      (void)CheckFreeText(text, field);
    }
  } else if (nc.status().ok()) {
    std::abort();  // a failure must carry a non-ok Status
  }

  Result<engine::Command> cmd = http::DecodeCommand(body);
  if (cmd.ok()) {
    for (const auto& [field, text] : http::FreeTextOf(*cmd)) {
      (void)CheckFreeText(text, field);
    }
  } else if (cmd.status().ok()) {
    std::abort();
  }
  return 0;
}
