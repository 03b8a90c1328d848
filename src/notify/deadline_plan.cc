#include "notify/deadline_plan.h"

#include <algorithm>

#include "core/deadline.h"
#include "routine/escalation.h"

namespace stafett::notify {

namespace {

TimePoint Before(TimePoint t, const IsoDuration& d) {
  return SubtractIsoDuration(t, d);
}

void Add(std::vector<Notice>* out, const std::string& service,
         const std::string& audience, const std::string& event) {
  if (service.empty()) return;
  for (const auto& n : *out) {
    if (n.service == service && n.audience == audience) return;
  }
  out->push_back(Notice{service, audience, event});
}

// The service that must act on the baton now: its holder, or while nobody
// holds it, the service responsible for the step.
const std::string& BatonOwner(const engine::Snapshot& c) {
  return c.baton_holder.empty() ? c.responsible_service : c.baton_holder;
}

bool IsEscalation(const Stage& s) { return s.name.rfind("escalated", 0) == 0; }

// Each recipient of an escalation stage: `leader` is the leader of the
// service that owns the deadline; a team hears as itself (its id stands in
// the service column with audience "service"; the delivery worker finds
// the team's channels).
void AddEscalation(std::vector<Notice>* out, const Stage& stage,
                   const std::string& owner) {
  const std::vector<std::string> to =
      stage.to.empty() ? std::vector<std::string>{"leader"} : stage.to;
  for (const std::string& who : to) {
    if (who == routine::kLeaderRecipient) {
      Add(out, owner, "leader", "deadline_escalated");
    } else {
      Add(out, who, "service", "deadline_escalated");
    }
  }
}

Stage Make(int number, std::string name, TimePoint at, bool reminder) {
  Stage s;
  s.number = number;
  s.name = std::move(name);
  s.at = at;
  s.reminder = reminder;
  return s;
}

}  // namespace

std::string EscalationStageName(int index) {
  return index == 0 ? "escalated" : "escalated_" + std::to_string(index + 1);
}

std::vector<Stage> Stages(const std::string& kind, TimePoint due,
                          const routine::Settings& s) {
  if (kind == "step" || kind == "baton") {
    std::vector<Stage> out;
    if (kind == "step") {
      out.push_back(
          Make(1, "approaching", Before(due, s.approaching_lead), true));
    }
    out.push_back(Make(2, "missed", due, false));
    const auto escalation = routine::EscalationStages(s);
    for (std::size_t i = 0; i < escalation.size(); ++i) {
      Stage st = Make(3 + int(i), EscalationStageName(int(i)),
                      routine::EscalationAt(due, escalation[i]), false);
      st.to = escalation[i].to;
      out.push_back(std::move(st));
    }
    return out;
  }
  if (kind == "consent") {
    return {Make(1, "expiring", Before(due, s.consent_reminder), true),
            Make(2, "expired", due, false)};
  }
  if (kind == "report") return {Make(2, "missed", due, false)};
  return {};
}

NextStep PlanNext(const std::string& kind, TimePoint due, TimePoint set_at,
                  int stage, const routine::Settings& settings, TimePoint now) {
  std::vector<Stage> left;
  for (const Stage& s : Stages(kind, due, settings)) {
    if (s.number <= stage) continue;
    if (s.reminder && (s.at < set_at || due <= now)) continue;
    left.push_back(s);
  }
  NextStep out;
  out.stage_after = stage;
  if (left.empty()) return out;
  if (left.front().at <= now) {
    out.fire = left.front();
    out.stage_after = left.front().number;
    if (left.size() > 1) out.next_fire_at = left[1].at;
  } else {
    out.next_fire_at = left.front().at;
  }
  return out;
}

std::vector<Notice> NoticesFor(const std::string& kind, const Stage& stage,
                               const engine::Snapshot& c,
                               const std::string& report_service) {
  std::vector<Notice> out;
  const std::string& name = stage.name;
  if (kind == "step") {
    if (name == "approaching") {
      Add(&out, c.responsible_service, "service", "deadline_approaching");
    } else if (name == "missed") {
      Add(&out, c.responsible_service, "service", "deadline_missed");
    } else if (IsEscalation(stage)) {
      AddEscalation(&out, stage, c.responsible_service);
    }
  } else if (kind == "baton") {
    if (name == "missed") {
      Add(&out, c.baton_offered_to, "service", "baton_not_accepted");
      Add(&out, BatonOwner(c), "service", "baton_not_accepted");
    } else if (IsEscalation(stage)) {
      AddEscalation(&out, stage, BatonOwner(c));
    }
  } else if (kind == "consent") {
    if (name == "expiring") {
      Add(&out, BatonOwner(c), "service", "consent_expiring");
    }
  } else if (kind == "report") {
    if (name == "missed") {
      const std::string& who =
          report_service.empty() ? c.reporter_service : report_service;
      Add(&out, who, "service", "child_welfare_unconfirmed");
      Add(&out, who, "leader", "child_welfare_unconfirmed");
    }
  }
  return out;
}

bool JournalsMissed(const std::string& kind, const Stage& stage) {
  return stage.name == "missed" &&
         (kind == "step" || kind == "baton" || kind == "report");
}

}  // namespace stafett::notify
