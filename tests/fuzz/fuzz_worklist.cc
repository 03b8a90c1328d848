// libFuzzer harness: the worklist query (GET /api/v1/cases?...).
//
// Input: the query string, as raw bytes after "?". It goes the way a request
// goes: Poco::URI decodes it into the query map (server.cc; a
// Poco::SyntaxException there is a 400), ParseWorklistQuery turns the map
// into a store::WorklistFilter or a 4xx Status, and the store decodes the
// cursor (store::DecodeCursor). Nothing may throw anything else, and a
// filter must be within the documented bounds.
//
// ParseWorklistQuery is internal to case_read_routes.cc, so this harness
// compiles that file into itself to reach it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include "http/case_read_routes.cc"  // NOLINT: see above
#include "store/cases/case_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace stafett;
  http::Request req;
  req.method = "GET";
  try {
    Poco::URI uri("/api/v1/cases?" +
                  std::string(reinterpret_cast<const char*>(data), size));
    req.path = uri.getPath();
    for (auto& [k, v] : uri.getQueryParameters()) req.query[k] = v;
  } catch (const Poco::SyntaxException&) {
    return 0;  // the server answers 400
  }
  Result<store::WorklistFilter> f = http::ParseWorklistQuery(req);
  if (!f.ok()) {
    if (f.status().code() != Code::kInvalidArgument) std::abort();
    return 0;
  }
  if (f->limit < 1 || f->limit > 500) std::abort();
  if (f->level && (*f->level < 0 || *f->level > 3)) std::abort();
  if (!f->cursor.empty()) {
    if (auto c = store::DecodeCursor(f->cursor)) {
      auto again =
          store::DecodeCursor(store::EncodeCursor(c->first, c->second));
      if (!again || *again != *c) std::abort();  // the round trip holds
    }
  }
  return 0;
}
