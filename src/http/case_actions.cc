// Deriving `actions` and `blocked` from the engine's rules; their JSON and
// sentences are case_actions_json.cc.
#include "http/case_actions.h"

#include <algorithm>
#include <optional>

#include "engine/engine.h"
#include "engine/fields.h"
#include "engine/roles.h"
#include "engine/rules.h"

namespace stafett::http {
namespace {

using engine::CommandType;

// An action that needs nothing but its type.
CaseAction ActionOf(CommandType type) {
  CaseAction a;
  a.type = type;
  return a;
}

bool IsTeam(engine::Role r) {
  return r == engine::Role::kWorker || r == engine::Role::kCoordinator ||
         r == engine::Role::kUnitLeader;
}

bool NeedsConsentForFields(
    const std::vector<const routine::FieldSpec*>& specs) {
  for (const auto* f : specs) {
    if (f->type == routine::FieldType::kServices && f->required) return true;
  }
  return false;
}

std::vector<std::string> AllServices(const routine::Routine& routine) {
  std::vector<std::string> out;
  for (const auto& s : routine.services) out.push_back(s.id);
  return out;
}

// The services effective consent covers now (empty without one).
std::vector<std::string> ConsentScope(const engine::Snapshot& snap,
                                      TimePoint now) {
  if (!engine::ConsentEffective(snap, now) || !snap.consent) return {};
  return snap.consent->services;
}

BlockedAction Blocked(CommandType type, BlockReason reason,
                      std::string outcome = {}) {
  BlockedAction b;
  b.type = type;
  b.reason = reason;
  b.outcome = std::move(outcome);
  return b;
}

// Why `actor` may not choose outcomes in `step` (nullopt: it may).
std::optional<BlockedAction> OutcomeOwner(const engine::Snapshot& snap,
                                          const routine::Step& step,
                                          const engine::Actor& actor) {
  const std::string responsible = engine::ResponsibleFor(step, snap);
  if (actor.service == responsible) return std::nullopt;
  BlockedAction b =
      Blocked(CommandType::kOutcome,
              step.responsible.kind == routine::Responsible::Kind::kBatonHolder
                  ? BlockReason::kBatonNotHeld
                  : BlockReason::kNotResponsible);
  b.responsible = responsible;
  return b;
}

void AddOutcomes(const engine::Snapshot& snap, const routine::Routine& routine,
                 const engine::Actor& actor, TimePoint now, CaseActions& out) {
  const routine::Step& step = *routine.FindStep(snap.step);
  const auto owner = OutcomeOwner(snap, step, actor);
  const bool consent = engine::ConsentEffective(snap, now);
  for (const auto& o : step.outcomes) {
    const routine::Step* to = routine.FindStep(o.to);
    if (to == nullptr) continue;
    if (owner) {
      BlockedAction b = *owner;
      b.outcome = o.name;
      out.blocked.push_back(std::move(b));
      continue;
    }
    auto missing =
        engine::NotCovered(snap, engine::ServicesEntering(*to, snap), now);
    auto specs = engine::SpecsFor(step, &o);
    if (missing.empty() && !consent && NeedsConsentForFields(specs)) {
      // Naming participating services needs a consent; none is in force.
      BlockedAction b =
          Blocked(CommandType::kOutcome, BlockReason::kConsentMissing, o.name);
      out.blocked.push_back(std::move(b));
      continue;
    }
    if (!missing.empty()) {
      BlockedAction b =
          Blocked(CommandType::kOutcome, BlockReason::kConsentMissing, o.name);
      b.missing_services = std::move(missing);
      out.blocked.push_back(std::move(b));
      continue;
    }
    CaseAction a;
    a.type = CommandType::kOutcome;
    a.outcome = o.name;
    a.to = o.to;
    a.definition = &o;
    a.requires_fields = std::move(specs);
    a.services = ConsentScope(snap, now);
    out.actions.push_back(std::move(a));
  }
  // The abuse shortcut: anyone who sees a level-0 case, no consent.
  if (snap.level == 0 && routine.FindStep(routine.abuse_step) != nullptr) {
    CaseAction a;
    a.type = CommandType::kOutcome;
    a.outcome = std::string(engine::kSuspectedAbuse);
    a.to = routine.abuse_step;
    out.actions.push_back(std::move(a));
  }
}

void AddConsent(const engine::Snapshot& snap, const routine::Routine& routine,
                const engine::Actor& actor, CaseActions& out) {
  const routine::Step& step = *routine.FindStep(snap.step);
  if (!engine::IsCaseWorker(snap, step, actor.service)) {
    BlockedAction b =
        Blocked(CommandType::kConsent, BlockReason::kNotResponsible);
    b.responsible = engine::ResponsibleFor(step, snap);
    out.blocked.push_back(std::move(b));
  } else {
    CaseAction a;
    a.type = CommandType::kConsent;
    a.services = AllServices(routine);
    out.actions.push_back(std::move(a));
  }
  if (snap.sharing == engine::Sharing::kConsented) {
    CaseAction a;
    a.type = CommandType::kWithdrawConsent;
    out.actions.push_back(std::move(a));
  }
}

void AddBaton(const engine::Snapshot& snap, const routine::Routine& routine,
              const engine::Actor& actor, TimePoint now, CaseActions& out) {
  const routine::Step& step = *routine.FindStep(snap.step);
  const std::string responsible = engine::ResponsibleFor(step, snap);
  // A coordinator may offer it on the holder's behalf (engine/roles.h).
  const bool may_offer =
      engine::RoleMay(actor.role, engine::Power::kReassignBaton) ||
      (snap.baton_holder.empty() ? (actor.service == snap.reporter_service ||
                                    actor.service == responsible)
                                 : actor.service == snap.baton_holder);
  if (!may_offer) {
    BlockedAction b =
        Blocked(CommandType::kOfferBaton, BlockReason::kBatonNotHeld);
    b.responsible = snap.baton_holder.empty() ? responsible : snap.baton_holder;
    out.blocked.push_back(std::move(b));
  } else {
    std::vector<std::string> candidates;
    for (const auto& s : routine.services) {
      // Not to whoever has it or is offered it, and not to oneself.
      if (s.id == snap.baton_holder || s.id == snap.baton_offered_to ||
          s.id == actor.service) {
        continue;
      }
      candidates.push_back(s.id);
    }
    std::vector<std::string> allowed = candidates;
    if (snap.level > 0) {
      auto uncovered = engine::NotCovered(snap, candidates, now);
      std::erase_if(allowed, [&](const std::string& s) {
        return std::find(uncovered.begin(), uncovered.end(), s) !=
               uncovered.end();
      });
      if (allowed.empty()) {
        BlockedAction b =
            Blocked(CommandType::kOfferBaton, BlockReason::kConsentMissing);
        b.missing_services = std::move(uncovered);
        out.blocked.push_back(std::move(b));
      }
    }
    if (!allowed.empty()) {
      CaseAction a;
      a.type = CommandType::kOfferBaton;
      a.services = std::move(allowed);
      out.actions.push_back(std::move(a));
    }
  }
  if (snap.baton == engine::BatonState::kOffered &&
      actor.service == snap.baton_offered_to) {
    auto missing = snap.level > 0
                       ? engine::NotCovered(snap, {actor.service}, now)
                       : std::vector<std::string>{};
    if (missing.empty()) {
      out.actions.push_back(ActionOf(CommandType::kAcceptBaton));
    } else {
      BlockedAction b =
          Blocked(CommandType::kAcceptBaton, BlockReason::kConsentMissing);
      b.missing_services = std::move(missing);
      out.blocked.push_back(std::move(b));
    }
    out.actions.push_back(ActionOf(CommandType::kDeclineBaton));
  }
}

void AddClose(const engine::Snapshot& snap, const routine::Routine& routine,
              const engine::Actor& actor, CaseActions& out) {
  const routine::Step& step = *routine.FindStep(snap.step);
  const std::string responsible = engine::ResponsibleFor(step, snap);
  if (actor.service == responsible || actor.service == snap.reporter_service ||
      engine::RoleMay(actor.role, engine::Power::kCloseOnBehalf)) {
    out.actions.push_back(ActionOf(CommandType::kClose));
  } else {
    BlockedAction b =
        Blocked(CommandType::kClose, BlockReason::kNotResponsible);
    b.responsible = responsible;
    out.blocked.push_back(std::move(b));
  }
}

}  // namespace

CaseActions ActionsFor(const engine::Snapshot& snap,
                       const routine::Routine& routine,
                       const engine::Actor& actor, TimePoint now) {
  CaseActions out;
  if (snap.routine_hash != routine.hash ||
      routine.FindStep(snap.step) == nullptr) {
    return out;
  }
  if (!engine::CanSee(snap, actor.service, now)) return out;
  if (!IsTeam(actor.role)) {
    out.blocked.push_back(
        Blocked(CommandType::kOutcome, BlockReason::kRoleNotAllowed));
    return out;
  }
  // The duty to report comes first, and nothing can block it.
  out.actions.push_back(ActionOf(CommandType::kReportChildWelfare));
  if (snap.child_welfare_reported_at && !snap.child_welfare_confirmed_at) {
    out.actions.push_back(ActionOf(CommandType::kConfirmChildWelfareReport));
  }
  out.actions.push_back(ActionOf(CommandType::kNote));
  if (snap.status != engine::CaseStatus::kOpen) {
    out.blocked.push_back(
        Blocked(CommandType::kOutcome, BlockReason::kCaseClosed));
    return out;
  }
  AddOutcomes(snap, routine, actor, now, out);
  AddConsent(snap, routine, actor, out);
  AddBaton(snap, routine, actor, now, out);
  AddClose(snap, routine, actor, out);
  return out;
}

}  // namespace stafett::http
