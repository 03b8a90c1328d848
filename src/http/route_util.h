// Helpers shared by the case routes (internal to src/http): idempotency
// keys, request fingerprints, stored answers, access reasons, the access
// log of a read and the PII check over many fields.
//
// Thread-safety: pure functions.
#ifndef STAFETT_HTTP_ROUTE_UTIL_H_
#define STAFETT_HTTP_ROUTE_UTIL_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "engine/case.h"
#include "http/exchange.h"
#include "store/cases/case_store.h"
#include "store/cases/records.h"

namespace stafett::http {

// The Idempotency-Key header: "" when absent. kInvalidArgument (field
// "Idempotency-Key") unless 1..200 printable ASCII characters.
Result<std::string> IdempotencyKey(const Request& req);

// What makes two requests "the same" for an idempotency key: method, path,
// acting service and body (SHA-256 hex).
std::string Fingerprint(const Request& req);

// A stored answer (status, body, "Name: value" header lines) as a Response.
// A replayed answer carries "Idempotent-Replayed: true".
Response FromStored(const store::StoredResponse& stored, bool replayed);

// Well-formed UTF-8 without NUL bytes. Header and query values arrive as
// raw bytes; PostgreSQL refuses anything else in text.
bool IsValidUtf8(std::string_view s);

// The why of a read: the X-Access-Reason header, else ?reason=, else "".
// At most 500 bytes and no identifiers (PII guard): kInvalidArgument or
// kPiiFound naming the header or parameter otherwise.
Result<std::string> AccessReason(const Request& req);

// Records that `actor` read (or exported) `case_id` ("" for a worklist):
// service, role, person, time, action and reason, and with `via` the
// shared service it read through (store/access/access_via.h). Every read of
// a case goes through here, so no route forgets the person or the via.
// Throws what the store throws.
void RecordCaseRead(store::CaseStore& store, const engine::Actor& actor,
                    const std::string& case_id, std::string action,
                    const std::string& reason, TimePoint now,
                    const std::string& via);

// Runs the PII guard over each (field, text); the first finding wins.
Status CheckAllFreeText(
    const std::vector<std::pair<std::string, std::string>>& texts);

// A problem Response for `status` in this request.
inline Response Problem(const Request& req, const Status& status) {
  return Response::Problem(status, req.request_id);
}

}  // namespace stafett::http

#endif  // STAFETT_HTTP_ROUTE_UTIL_H_
