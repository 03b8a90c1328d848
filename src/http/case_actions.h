// What the caller may do with a case now, and what not and why: the
// `actions` and `blocked` lists of a case in the API (docs/api.md).
//
// The web app builds its buttons and forms from `actions`, and explains the
// rest from `blocked`, so both must agree with what the engine will accept.
// They are derived from the engine's own rules (engine/rules.h:
// ResponsibleFor, ServicesEntering, NotCovered, IsCaseWorker), never from a
// second copy of them; case_actions_test.cc checks, for every listed action
// on many case states, that engine::Apply accepts it with well-formed input,
// and for every blocked one that Apply refuses it.
//
// Rules that no routine can turn off:
//  - report_child_welfare ("Meld til barnevernet") is always an action for
//    the team (worker, coordinator, unit_leader) that can see the case,
//    whatever the state, consent or baton: it is never blocked.
//  - notes are always possible for whoever sees the case.
// Reason codes (a closed list; docs/api.md): consent_missing,
// not_responsible, baton_not_held, role_not_allowed, case_closed.
//
// Thread-safety: pure functions.
#ifndef STAFETT_HTTP_CASE_ACTIONS_H_
#define STAFETT_HTTP_CASE_ACTIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/json_writer.h"
#include "core/time.h"
#include "engine/case.h"
#include "routine/model.h"

namespace stafett::http {

enum class BlockReason {
  kConsentMissing,  // the step, field or handover needs consent not given
  kNotResponsible,  // another service is responsible for the step
  kBatonNotHeld,    // only the baton holder may do this
  kRoleNotAllowed,  // the caller's role may not act on cases
  kCaseClosed,      // the case is closed
};
const char* BlockReasonName(BlockReason r);  // "consent_missing", ...

struct CaseAction {
  engine::CommandType type = engine::CommandType::kNote;
  // kOutcome: the outcome, its target step and definition (null for the
  // built-in suspected_abuse), and every field to record.
  std::string outcome;
  std::string to;
  const routine::Outcome* definition = nullptr;
  std::vector<const routine::FieldSpec*> requires_fields;
  // kOfferBaton: the services it may go to. kConsent: the services consent
  // may cover. Outcome `services` fields: the consent's scope.
  std::vector<std::string> services;
};

struct BlockedAction {
  engine::CommandType type = engine::CommandType::kOutcome;
  std::string outcome;  // kOutcome; "" = every outcome
  BlockReason reason = BlockReason::kNotResponsible;
  // kConsentMissing: the services consent must cover and does not (empty
  // when a consent is needed at all and there is none).
  std::vector<std::string> missing_services;
  // kNotResponsible / kBatonNotHeld: who may do it instead.
  std::string responsible;
};

struct CaseActions {
  std::vector<CaseAction> actions;
  std::vector<BlockedAction> blocked;
};

// Precondition: `snap` is a case of `routine` (same hash). A service that
// cannot see the case gets nothing.
CaseActions ActionsFor(const engine::Snapshot& snap,
                       const routine::Routine& routine,
                       const engine::Actor& actor, TimePoint now);

// Writes "actions": [...], "blocked": [...] into an open JSON object.
void WriteActions(JsonWriter& w, const CaseActions& a,
                  const routine::Routine& routine);

}  // namespace stafett::http

#endif  // STAFETT_HTTP_CASE_ACTIONS_H_
