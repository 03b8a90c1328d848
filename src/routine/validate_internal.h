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

// --- fmtcore (issue 12) ---

// Consent points (validate_consent.cc). Errors: `consent: collect` on a
// closed step, or on a step whose responsible is a named service (it could
// not see the case without consent). Warnings: a field named like consent
// (consent_date, samtykke_...) records nothing; a level-0 step leads
// straight into a step that needs consent and no step collects it.
void CheckConsentPoints(const Routine& r, const SourceMap& where,
                        DiagnosticList* diags);

// Field roles and measures (validate_measures.cc). Errors: a role needs its
// type (baton_holder, measure_owner: service; evaluation_date: date;
// measure: text); one field per role per outcome; an outcome with a
// measure or measure_owner records all three (measure, measure_owner,
// evaluation_date; an evaluation_date alone is a next evaluation date);
// measure roles are required; an evaluation date or baton holder cannot
// lead to a closed step. Warnings: fields named measure_responsible,
// evaluation_date, baton_holder or stafettholder without a role do nothing.
void CheckFieldRoles(const Routine& r, const SourceMap& where,
                     DiagnosticList* diags);

// Levels and the baton along the graph (validate_levels.cc), warnings only:
// a step entered in the ordinary flow (not from an evaluation, where level
// changes are decided, nor from a step that collects consent) by cases at
// different levels, that moves them to its own level (keep_level: true
// keeps it); and the first `responsible: baton` step on a path on which no
// outcome has a field with role baton_holder, where the reporter is
// responsible until a holder accepts.
void CheckLevelsAndBaton(const Routine& r, const SourceMap& where,
                         DiagnosticList* diags);

// True when every outcome's `to`, `initial` and `abuse_step` name a step.
bool AllStepsResolve(const Routine& r);

// fmtnotify: the services' shape rules for channels (e-mail addresses,
// https, secret_env) on any channels at `path` (a team's).
void CheckChannelShape(const Channels& c, const std::string& path,
                       const SourceMap& where, DiagnosticList* diags);

}  // namespace stafett::routine::internal

#endif  // STAFETT_ROUTINE_VALIDATE_INTERNAL_H_
