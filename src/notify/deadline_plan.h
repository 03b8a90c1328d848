// The stages a deadline fires in, when, and to whom (pure; the deadline
// worker applies them, store/work/deadline_store.h writes them).
//
//   kind     stage  name         planned at              notifies (event)
//   step     1      approaching  due - approaching_lead  responsible
//   (deadline_approaching)
//            2      missed       due                     responsible
//            (deadline_missed),
//                                                        + journal
//                                                        deadline_missed
//            3      escalated    due + escalation_grace  responsible's leader
//            (deadline_escalated)
//   baton    2      missed       due (offer unanswered)  offeree and holder, or
//   the
//                                                        responsible without a
//                                                        holder
//                                                        (baton_not_accepted) +
//                                                        journal
//            3      escalated    due + escalation_grace  the holder's /
//            responsible's
//                                                        leader
//                                                        (deadline_escalated)
//   consent  1      expiring     due - consent_reminder  baton holder, else
//   responsible
//                                                        (consent_expiring)
//            2      expired      due (end of valid_until) runs the engine's
//            expire_consent
//   report   2      missed       due (end of the report  the reporting service
//   and its
//                                day)                    leader
//                                (child_welfare_unconfirmed)
//                                                        + journal
//                                                        deadline_missed
// Escalation (fmtnotify): the routine's `escalation` stages replace the one
// stage above: stage 3 ("escalated"), 4 ("escalated_2"), ... each at due +
// its `after` (working days on the routine's calendar), to its recipients:
// `leader` (the deadline owner's leader, audience "leader") and teams
// (the team id as service, audience "service"), all event
// deadline_escalated. Without `escalation`: one stage, escalation_grace,
// to the leader, as in the table.
// Settings come from the case's routine (routine::Settings). Calendar parts
// are counted in Oslo local time (core/deadline.h), like the deadlines.
//
// Rules:
//  - Stages fire in number order, each at most once per due time.
//  - A reminder (approaching, expiring) is skipped when its planned time
//    was already past when the deadline was set (set inside the lead
//    window: the assignment itself told the service), and when the
//    deadline itself has passed by the time it would fire (a worker that
//    was down): a reminder after the fact helps nobody.
//  - Missed and escalation stages always fire, late if need be, in order.
//
// Thread-safety: pure functions.
#ifndef STAFETT_NOTIFY_DEADLINE_PLAN_H_
#define STAFETT_NOTIFY_DEADLINE_PLAN_H_

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "engine/case.h"
#include "routine/model.h"

namespace stafett::notify {

struct Stage {
  int number = 0;
  std::string
      name;      // "approaching", "missed", "escalated", "expiring", "expired"
  TimePoint at;  // planned firing time
  bool reminder = false;
  // An escalation stage's recipients: "leader" or team ids.
  std::vector<std::string> to = {};
};

// "escalated" for the first escalation stage, "escalated_2", ... after it.
std::string EscalationStageName(int index);

// Every stage of a deadline of `kind` ("step", "consent", "baton",
// "report") due at `due`, in order. Empty for an unknown kind.
std::vector<Stage> Stages(const std::string& kind, TimePoint due,
                          const routine::Settings& settings);

// What to do with a claimed deadline row now.
struct NextStep {
  std::optional<Stage> fire;              // the stage that fires now, if any
  int stage_after = 0;                    // the row's stage afterwards
  std::optional<TimePoint> next_fire_at;  // the stage after that
};

// `stage` is the last stage that fired (0: none); `set_at` when the
// deadline was set (the row's updated_at).
NextStep PlanNext(const std::string& kind, TimePoint due, TimePoint set_at,
                  int stage, const routine::Settings& settings, TimePoint now);

// One notification a firing causes.
struct Notice {
  std::string service;
  std::string audience;  // "service" or "leader"
  std::string event;
};

// Who hears about `stage` of a deadline of `kind` on case `c`.
// `report_service` is the service that recorded the latest child-welfare
// report (only for kind "report"; falls back to the reporter). Empty
// services are left out; each (service, audience) appears once.
std::vector<Notice> NoticesFor(const std::string& kind, const Stage& stage,
                               const engine::Snapshot& c,
                               const std::string& report_service);

// True when a firing of `stage` should journal deadline_missed.
bool JournalsMissed(const std::string& kind, const Stage& stage);

}  // namespace stafett::notify

#endif  // STAFETT_NOTIFY_DEADLINE_PLAN_H_
