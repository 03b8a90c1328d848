// JSON <-> domain values for the API. Decoding is strict, because Poco's
// getValue<T> is not (it turns "12" into 12):
//
//  - a body that is not JSON at all is kBadRequest (400);
//  - JSON of the wrong shape (not an object, a missing key, a value of the
//    wrong type, an unknown key, an over-long string) is kInvalidArgument
//    (422) naming the field, e.g. "categories[1]" or "fields.dato";
//  - unknown keys are refused rather than ignored: a misspelt key would
//    otherwise silently drop data, and a free-text value hidden in an
//    unknown key would bypass the PII guard.
//
// Decoding checks only shape. Whether a value is allowed (an outcome the
// step has, a service the routine knows) is the engine's call; whether free
// text holds identifiers is the PII guard's (case_routes.cc runs it on
// every string a decoded value carries, see FreeTextOf).
//
// Encoding writes stable key order with core/json_writer.h.
//
// Thread-safety: pure functions.
#ifndef STAFETT_HTTP_JSON_CODEC_H_
#define STAFETT_HTTP_JSON_CODEC_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json_writer.h"
#include "core/status.h"
#include "core/time.h"
#include "engine/case.h"
#include "engine/engine.h"
#include "http/case_actions.h"
#include "routine/model.h"

namespace stafett::http {

// Bounds on decoded values (the body itself is bounded by the server).
inline constexpr size_t kMaxTextBytes = 16 * 1024;  // one free-text value
inline constexpr size_t kMaxShortBytes = 200;       // ids, names, dates
inline constexpr size_t kMaxListItems = 50;         // categories, services

// POST /api/v1/cases
struct NewCaseRequest {
  std::optional<std::string> routine;  // absent: the tenant's only routine
  std::string age_band;
  std::vector<std::string> categories;
  std::string text;
};
Result<NewCaseRequest> DecodeNewCase(std::string_view body);

// POST /api/v1/cases/{id}/commands: one command. "expire_consent" is the
// system's own and is refused as an unknown type.
Result<engine::Command> DecodeCommand(std::string_view body);

// Every free-text value a decoded request carries, with the field name to
// report: ("text", ...), ("categories[0]", ...), ("fields.notat", ...),
// ("reason", ...). Ids and enum values are included too: the PII guard is
// cheap and an identifier has no business in any of them.
std::vector<std::pair<std::string, std::string>> FreeTextOf(
    const NewCaseRequest& req);
std::vector<std::pair<std::string, std::string>> FreeTextOf(
    const engine::Command& cmd);

// The consent's state as shown to clients: "none", "given", "expired" or
// "withdrawn".
std::string ConsentState(const engine::Snapshot& snap, TimePoint now);

// GET /api/v1/cases/{id} (and the body of 201/200 answers): see docs/api.md.
// With `actions`, the case also lists "actions" and "blocked"
// (http/case_actions.h) for the caller.
std::string EncodeCase(const engine::Snapshot& snap,
                       const routine::Routine& routine,
                       const std::vector<engine::AllowedOutcome>& allowed,
                       TimePoint now, const CaseActions* actions = nullptr);

// A field spec as the client needs it to build a form.
void WriteFieldSpec(JsonWriter& w, const routine::FieldSpec& spec);

// The ETag of a case version: "\"3\"".
std::string VersionETag(std::int64_t version);
// Parses an If-Match value: "\"3\"", "3" or W/"3". nullopt if malformed.
std::optional<std::int64_t> ParseIfMatch(std::string_view value);

}  // namespace stafett::http

#endif  // STAFETT_HTTP_JSON_CODEC_H_
