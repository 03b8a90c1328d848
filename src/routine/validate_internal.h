// Shared by the files that implement routine/validate.h; nothing outside
// src/routine includes it.
//
// Thread-safety: pure functions.
#ifndef STAFETT_ROUTINE_VALIDATE_INTERNAL_H_
#define STAFETT_ROUTINE_VALIDATE_INTERNAL_H_

#include <string>
#include <string_view>

#include "routine/diagnostic.h"
#include "routine/model.h"
#include "routine/source_map.h"

namespace stafett::routine::internal {

// Lower snake_case ASCII, starting with a letter: the format of service,
// step, outcome and field ids.
bool IsSnakeId(std::string_view s);

// "'s'", for messages.
std::string Quote(std::string_view s);

// The routine's id, version, tenant and reference_prefix, its settings,
// and its services: id format and duplicates, e-mail addresses, webhook
// URLs and secret_env names (validate_services.cc).
void CheckRoutineHeader(const Routine& r, const SourceMap& where,
                        DiagnosticList* diags);

// The `retention` block: every period at least an hour, idempotency keys
// at most 30 days, the child-welfare period not shorter than the plain one
// (validate_retention.cc).
void CheckRetention(const Routine& r, const SourceMap& where,
                    DiagnosticList* diags);
// retention.archive: exactly one of directory (absolute) and webhook
// (https).
void CheckArchive(const Routine& r, const SourceMap& where,
                  DiagnosticList* diags);

// fmtnotify: the services' shape rules for channels (e-mail addresses,
// https, secret_env) on any channels at `path` (a team's).
void CheckChannelShape(const Channels& c, const std::string& path,
                       const SourceMap& where, DiagnosticList* diags);

}  // namespace stafett::routine::internal

#endif  // STAFETT_ROUTINE_VALIDATE_INTERNAL_H_
