// Strict readers for JSON request bodies: the one parse every route that
// takes a JSON body goes through (ParseJsonObject); for the flat bodies of
// the web routes (/auth/dev/login, /api/v1/pii/check, sessions/revoke), an
// object with known string keys; and the one safe way to read a JSON
// integer.
// Not JSON is kBadRequest (400); valid JSON of the wrong shape, an unknown
// key or an over-long value is kInvalidArgument (422, naming the field
// where there is one), as docs/api.md "Errors" says.
//
// Thread-safety: pure functions.
#ifndef STAFETT_HTTP_BODY_JSON_H_
#define STAFETT_HTTP_BODY_JSON_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include "core/status.h"

namespace stafett::http {

// The body as a JSON object. kBadRequest when it is not JSON or nests
// deeper than `max_depth` (the message never quotes the body);
// kInvalidArgument when it is valid JSON but not an object: an array, or a
// lone scalar ("42", "\"x\"", null, which Poco's parser refuses like
// broken JSON).
Result<Poco::JSON::Object::Ptr> ParseJsonObject(std::string_view body,
                                                std::size_t max_depth);

// The body as a JSON object (ParseJsonObject, depth 4) whose keys are all
// in `known`.
Result<Poco::JSON::Object::Ptr> ParseFlatObject(
    std::string_view body, std::initializer_list<const char*> known);

// The string member `key`: nullopt when absent (kInvalidArgument when
// `required`), kInvalidArgument when not a string, longer than `max_bytes`,
// or holding a NUL.
Result<std::optional<std::string>> StringMember(
    const Poco::JSON::Object::Ptr& obj, const std::string& key, bool required,
    std::size_t max_bytes);

// A JSON integer as int64: nullopt for anything else (a boolean, a float,
// a string) and for an integer beyond int64, which Poco keeps as UInt64 and
// would throw on converting.
std::optional<std::int64_t> JsonInt64(const Poco::Dynamic::Var& value);

}  // namespace stafett::http

#endif  // STAFETT_HTTP_BODY_JSON_H_
