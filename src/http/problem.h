// Problem details (RFC 9457) and the ONE table that maps a core Code to an
// HTTP status. Every error the API sends is built here, so that a client
// sees one shape everywhere:
//
//   {"type": "urn:stafett:problem:not_allowed", "title": "...",
//    "status": 409, "detail": "...", "code": "not_allowed",
//    "field": "fields.dato",      // only when the problem is about one input
//    "request_id": "..."}         // only when known
//
// `title` is a short Norwegian (bokmål) summary of the code; `detail` is the
// Status message (already bokmål, written for the person at the keyboard).
// The content type is application/problem+json.
//
// Thread-safety: pure functions.
#ifndef STAFETT_HTTP_PROBLEM_H_
#define STAFETT_HTTP_PROBLEM_H_

#include <functional>
#include <string>
#include <string_view>

#include "core/json_writer.h"
#include "core/status.h"

namespace stafett::http {

inline constexpr std::string_view kProblemContentType =
    "application/problem+json";

// The HTTP status for `code`. kOk maps to 200. This is the only place the
// mapping lives.
int HttpStatusFor(Code code);

// A short bokmål title for `code`, e.g. "Ikke tillatt nå".
const char* ProblemTitle(Code code);

// "urn:stafett:problem:<CodeName>".
std::string ProblemType(Code code);

// The problem+json body for a non-ok `status`. `request_id` may be empty.
std::string ProblemJson(const Status& status, std::string_view request_id);
// The same with extra members, written by `extra` into the open object
// (e.g. a 412's "current_version").
std::string ProblemJson(const Status& status, std::string_view request_id,
                        const std::function<void(JsonWriter&)>& extra);

// 405 has no domain Code (it is about HTTP itself, not the case): the body
// for a method that the path does not support. `allow` is the Allow header
// value, e.g. "GET, POST".
std::string MethodNotAllowedJson(std::string_view method,
                                 std::string_view allow,
                                 std::string_view request_id);

}  // namespace stafett::http

#endif  // STAFETT_HTTP_PROBLEM_H_
