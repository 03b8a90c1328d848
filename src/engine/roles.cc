#include "engine/roles.h"

#include "core/json_writer.h"
#include "engine/engine.h"
#include "engine/rules.h"

namespace stafett::engine {

const char* PowerName(Power p) {
  switch (p) {
    case Power::kActOnOwnWork:
      return "act_on_own_work";
    case Power::kWholeUnitWorklist:
      return "whole_unit_worklist";
    case Power::kReceiveEscalations:
      return "receive_escalations";
    case Power::kReassignBaton:
      return "reassign_baton";
    case Power::kCloseOnBehalf:
      return "close_on_behalf";
  }
  return "?";
}

bool RoleMay(Role role, Power power) {
  switch (role) {
    case Role::kWorker:
      return power == Power::kActOnOwnWork;
    case Role::kUnitLeader:
      return power == Power::kActOnOwnWork ||
             power == Power::kWholeUnitWorklist ||
             power == Power::kReceiveEscalations;
    case Role::kCoordinator:
      return true;
    case Role::kAuditor:
    case Role::kAdmin:
      return false;
  }
  return false;
}

bool HasWorkOn(const Snapshot& snap, const std::string& service) {
  if (service.empty()) return false;
  return service == snap.reporter_service ||
         service == snap.responsible_service || service == snap.baton_holder ||
         service == snap.baton_offered_to;
}

bool OnWorklist(const Snapshot& snap, const Actor& actor, TimePoint now) {
  if (!RoleMay(actor.role, Power::kActOnOwnWork)) return false;
  if (!CanSee(snap, actor.service, now)) return false;
  return RoleMay(actor.role, Power::kWholeUnitWorklist) ||
         HasWorkOn(snap, actor.service);
}

Result<std::optional<std::string>> OnBehalfOf(const Snapshot& snap,
                                              const routine::Routine& routine,
                                              const Command& cmd,
                                              const Actor& actor,
                                              TimePoint now) {
  const bool offer = cmd.type == CommandType::kOfferBaton &&
                     RoleMay(actor.role, Power::kReassignBaton);
  const bool close = cmd.type == CommandType::kClose &&
                     RoleMay(actor.role, Power::kCloseOnBehalf);
  if (!offer && !close) return std::optional<std::string>{};
  if (snap.status != CaseStatus::kOpen) return std::optional<std::string>{};
  const routine::Step* step = routine.FindStep(snap.step);
  if (step == nullptr) return std::optional<std::string>{};
  // The coordinator's own service must see the case: the role never widens
  // sight (a coordinator outside consent cannot move a child's case).
  STAFETT_RETURN_IF_ERROR(RequireSight(snap, actor, now));
  const std::string responsible = ResponsibleFor(*step, snap);
  if (offer) {
    // The holder offers; while nobody holds it, the responsible service.
    const std::string& owner =
        snap.baton_holder.empty() ? responsible : snap.baton_holder;
    if (actor.service == owner ||
        (snap.baton_holder.empty() && actor.service == snap.reporter_service)) {
      return std::optional<std::string>{};
    }
    return std::optional<std::string>{owner};
  }
  if (actor.service == responsible || actor.service == snap.reporter_service) {
    return std::optional<std::string>{};
  }
  return std::optional<std::string>{responsible};
}

namespace {

std::string WithOnBehalf(const std::string& detail_json,
                         const std::string& service) {
  // detail_json is always a JSON object written by JsonWriter ("{}" when
  // empty).
  std::string field = "\"on_behalf_of\":" + JsonQuote(service);
  if (detail_json.size() < 2 || detail_json.back() != '}') {
    return "{" + field + "}";
  }
  std::string out = detail_json.substr(0, detail_json.size() - 1);
  if (out.find_first_not_of(" \t\n{") != std::string::npos) out += ",";
  return out + field + "}";
}

}  // namespace

void MarkOnBehalf(Decision& d, const Actor& actor,
                  const std::string& for_service) {
  for (auto& e : d.journal) {
    if (e.actor_service != for_service) continue;
    e.actor_service = actor.service;
    e.detail_json = WithOnBehalf(e.detail_json, for_service);
  }
}

}  // namespace stafett::engine
