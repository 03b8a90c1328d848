#include "store/cases/test_decisions.h"

#include <chrono>

#include "core/sha256.h"

namespace stafett::store::testing {

namespace {
constexpr auto kDay = std::chrono::hours(24);
}

routine::Routine TestRoutine(const std::string& tenant) {
  routine::Routine r;
  r.id = "bti";
  r.version = 3;
  r.tenant = tenant;
  r.reference_prefix = "NES";
  r.source_name = "workflows/" + tenant + ".yaml";
  r.source_text = "id: bti\nversion: 3\ntenant: " + tenant + "\n";
  r.hash = Sha256Hex(r.source_text);
  return r;
}

engine::Decision OpenDecision(const std::string& tenant,
                              const std::string& case_id,
                              const std::string& reference, TimePoint now) {
  const routine::Routine r = TestRoutine(tenant);
  engine::Decision d;
  engine::Snapshot& s = d.snapshot;
  s.case_id = case_id;
  s.tenant = tenant;
  s.reference = reference;
  s.routine_id = r.id;
  s.routine_version = r.version;
  s.routine_hash = r.hash;
  s.version = 1;
  s.step = "concern";
  s.level = 0;
  s.reporter_service = "school-a";
  s.responsible_service = "school-a";
  s.baton = engine::BatonState::kHeld;
  s.baton_holder = "school-a";
  s.age_band = "6-12";
  s.categories = {"attendance", "wellbeing"};
  s.created_at = now;
  s.step_entered_at = now;
  s.due_at = now + 14 * kDay;
  s.visit_seq = 1;

  engine::JournalEntry opened;
  opened.kind = "case_opened";
  opened.step = "concern";
  opened.actor_service = "school-a";
  opened.at = now;
  opened.text = "Uro for eleven: \"fravær\"\nog søvn";
  opened.detail_json = R"({"age_band":"6-12"})";
  engine::JournalEntry entered = opened;
  entered.kind = "step_entered";
  entered.text = "";
  entered.detail_json = "{}";
  d.journal = {opened, entered};

  d.entered = engine::StepVisitEnter{1,          "concern", "concern", 0,
                                     "school-a", now,       s.due_at};
  engine::Effect deadline;
  deadline.kind = engine::Effect::Kind::kSetDeadline;
  deadline.deadline_kind = "step";
  deadline.due_at = *s.due_at;
  engine::Effect notify;
  notify.kind = engine::Effect::Kind::kNotify;
  notify.event = "step_assigned";
  notify.service = "school-a";
  d.effects = {deadline, notify};
  return d;
}

engine::Decision MoveDecision(const engine::Snapshot& current,
                              const std::string& step, int level,
                              const std::string& service, TimePoint now) {
  engine::Decision d;
  engine::Snapshot& s = d.snapshot;
  s = current;
  s.version = current.version + 1;
  s.step = step;
  s.level = level;
  s.responsible_service = service;
  s.step_entered_at = now;
  s.due_at = now + 7 * kDay;
  s.visit_seq = current.visit_seq + 1;

  engine::JournalEntry outcome;
  outcome.kind = "outcome";
  outcome.step = current.step;
  outcome.level = current.level;
  outcome.actor_service = current.responsible_service;
  outcome.actor_role = engine::Role::kCoordinator;
  outcome.at = now;
  outcome.detail_json = R"({"outcome":"next"})";
  engine::JournalEntry entered;
  entered.kind = "step_entered";
  entered.step = step;
  entered.level = level;
  entered.actor_service = current.responsible_service;
  entered.actor_role = engine::Role::kCoordinator;
  entered.at = now;
  entered.detail_json = "{}";
  d.journal = {outcome, entered};

  d.left = engine::StepVisitLeave{current.visit_seq, "next", now};
  d.entered = engine::StepVisitEnter{s.visit_seq, step, "observation", level,
                                     service,     now,  s.due_at};
  engine::Effect deadline;
  deadline.kind = engine::Effect::Kind::kSetDeadline;
  deadline.deadline_kind = "step";
  deadline.due_at = *s.due_at;
  engine::Effect clear;
  clear.kind = engine::Effect::Kind::kClearDeadline;
  clear.deadline_kind = "baton";
  engine::Effect notify;
  notify.kind = engine::Effect::Kind::kNotify;
  notify.event = "step_assigned";
  notify.service = service;
  d.effects = {deadline, clear, notify};
  return d;
}

engine::Decision NoteDecision(const engine::Snapshot& current,
                              const std::string& text, TimePoint now) {
  engine::Decision d;
  d.snapshot = current;
  d.snapshot.version = current.version + 1;
  engine::JournalEntry note;
  note.kind = "note";
  note.step = current.step;
  note.level = current.level;
  note.actor_service = current.responsible_service;
  note.at = now;
  note.text = text;
  note.detail_json = "{}";
  d.journal = {note};
  return d;
}

}  // namespace stafett::store::testing
