// libFuzzer harness: the small parsers of request values.
//
// Input: one header or query value, given to each parser:
//  - If-Match (http::ParseIfMatch): a parsed version is >= 0 and survives
//    the round trip through VersionETag;
//  - Idempotency-Key (http::IdempotencyKey): an accepted key is the value
//    itself, 1..200 printable ASCII characters; a refused one is a 4xx;
//  - the worklist cursor (store::DecodeCursor): a decoded cursor survives
//    the round trip through EncodeCursor;
//  - the failed-notifications cursor (ParseCursor in outbox_store.cc,
//    GET /api/v1/notifications?status=failed&cursor=...).
// None may throw: an exception there is a 500 at the edge.
//
// ParseCursor is internal to outbox_store.cc, so this harness compiles that
// file into itself to reach it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/exchange.h"
#include "http/json_codec.h"
#include "http/route_util.h"
#include "store/cases/case_codec.h"
#include "store/work/outbox_store.cc"  // NOLINT: see above

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace stafett;
  std::string value(reinterpret_cast<const char*>(data), size);

  if (auto v = http::ParseIfMatch(value)) {
    if (*v < 0 || http::ParseIfMatch(http::VersionETag(*v)) != *v) {
      std::abort();
    }
  }

  http::Request req;
  req.headers["idempotency-key"] = value;
  Result<std::string> key = http::IdempotencyKey(req);
  if (key.ok()) {
    if (*key != value || key->size() > 200) std::abort();
  } else if (key.status().code() != Code::kInvalidArgument) {
    std::abort();
  }

  if (auto c = store::DecodeCursor(value)) {
    auto again = store::DecodeCursor(store::EncodeCursor(c->first, c->second));
    if (!again || *again != *c) std::abort();
  }

  long long at = 0;
  std::string id;
  (void)store::ParseCursor(value, &at, &id);
  return 0;
}
