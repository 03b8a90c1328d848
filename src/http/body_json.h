// Small strict readers for the flat JSON bodies of the web routes
// (/auth/dev/login, /api/v1/pii/check): an object with known string keys;
// and the one safe way to read a JSON integer.
// Same rules as json_codec.h: not JSON is kBadRequest; a wrong shape, an
// unknown key or an over-long value is kInvalidArgument naming the field.
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

// The body as a JSON object whose keys are all in `known`.
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
