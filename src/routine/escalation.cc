#include "routine/escalation.h"

namespace stafett::routine {

std::vector<EscalationStage> EscalationStages(const Settings& s) {
  if (!s.escalation.empty()) return s.escalation;
  EscalationStage e;
  e.after = DeadlineSpec::Calendar(s.escalation_grace);
  e.to = {std::string(kLeaderRecipient)};
  return {e};
}

TimePoint EscalationAt(TimePoint due, const EscalationStage& e) {
  return e.after.has_deadline() ? ComputeDue(due, e.after) : due;
}

std::string EscalationAfterText(const EscalationStage& e) {
  return e.after.ToString();
}

const Team* Routine::FindTeam(std::string_view team_id) const {
  for (const Team& t : teams) {
    if (t.id == team_id) return &t;
  }
  return nullptr;
}

}  // namespace stafett::routine
