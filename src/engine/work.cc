#include "engine/work.h"

#include <stdexcept>
#include <utility>

namespace stafett::engine {

Work::Work(const routine::Routine& routine, const Actor& actor,
           const Command& cmd, TimePoint now, const Snapshot& before)
    : routine(routine), actor(actor), cmd(cmd), now(now), before(before) {
  out.snapshot = before;
}

const routine::Step& Work::step() const {
  const routine::Step* s = routine.FindStep(out.snapshot.step);
  // Apply checks the stored step before restoring, and actions only move to
  // steps the routine names, so this is a bug, not a domain outcome.
  if (s == nullptr)
    throw std::logic_error("step not in routine: " + out.snapshot.step);
  return *s;
}

void Work::Refuse(Status s) {
  if (error.ok()) error = std::move(s);
}

void AddJournal(Work& w, std::string kind, std::string text,
                std::string detail_json) {
  JournalEntry e;
  e.kind = std::move(kind);
  e.step = w.snap().step;
  e.level = w.snap().level;
  e.actor_service = w.actor.service;
  e.actor_role = w.actor.role;
  e.actor_person = w.actor.person_id;
  e.at = w.now;
  e.text = std::move(text);
  e.detail_json = std::move(detail_json);
  w.out.journal.push_back(std::move(e));
}

void AddNotify(Work& w, std::string event, std::string service) {
  Effect e;
  e.kind = Effect::Kind::kNotify;
  e.event = std::move(event);
  e.service = std::move(service);
  w.out.effects.push_back(std::move(e));
}

void AddNotifyAbout(Work& w, std::string event, std::string service,
                    std::string deadline_kind, TimePoint due) {
  AddNotify(w, std::move(event), std::move(service));
  w.out.effects.back().deadline_kind = std::move(deadline_kind);
  w.out.effects.back().due_at = due;
}

void AddSetDeadline(Work& w, std::string deadline_kind, TimePoint due) {
  Effect e;
  e.kind = Effect::Kind::kSetDeadline;
  e.deadline_kind = std::move(deadline_kind);
  e.due_at = due;
  w.out.effects.push_back(std::move(e));
}

void AddClearDeadline(Work& w, std::string deadline_kind) {
  Effect e;
  e.kind = Effect::Kind::kClearDeadline;
  e.deadline_kind = std::move(deadline_kind);
  w.out.effects.push_back(std::move(e));
}

TimePoint EndOfOsloDay(std::chrono::year_month_day date) {
  return OsloStartOfDay(std::chrono::year_month_day{
      std::chrono::sys_days{date} + std::chrono::days{1}});
}

}  // namespace stafett::engine
