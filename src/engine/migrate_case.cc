#include "engine/migrate_case.h"

#include "core/json_writer.h"
#include "engine/engine.h"
#include "engine/rules.h"
#include "engine/stored_snapshot.h"
#include "engine/work.h"

namespace stafett::engine {

std::string MigrationRefusal(const Snapshot& snap, const routine::Routine& to,
                             const std::string& to_step, TimePoint now) {
  if (snap.status != CaseStatus::kOpen) return "closed";
  const routine::Step* step = to.FindStep(to_step);
  if (step == nullptr) return "no_target";
  if (step->kind == routine::StepKind::kClosed) return "target_closed";
  if (step->level > 0 && !ConsentEffective(snap, now)) return "no_consent";
  return "";
}

Result<Decision> MigrateCase(const Snapshot& snap, const routine::Routine& to,
                             const std::string& to_step, const Actor& actor,
                             TimePoint now) {
  if (std::string why = MigrationRefusal(snap, to, to_step, now);
      !why.empty()) {
    return Status(Code::kNotAllowed,
                  "Saken kan ikke flyttes til steget «" + to_step +
                      "» i versjon " + std::to_string(to.version) + " (" + why +
                      ").",
                  why);
  }
  const routine::Step& target = *to.FindStep(to_step);
  Command cmd;  // none: a migration is no user command
  Work w(to, actor, cmd, now, snap);
  Snapshot& s = w.snap();
  const std::string from_step = s.step;
  const std::string from_responsible = s.responsible_service;
  s.routine_version = to.version;
  s.routine_hash = to.hash;
  s.version = snap.version + 1;
  const bool moves = to_step != from_step;
  if (moves) {
    w.out.left = StepVisitLeave{s.visit_seq, "routine_migrated", now};
    s.visit_seq += 1;
    s.step = to_step;
    s.step_entered_at = now;
  }
  s.level = target.level;
  s.responsible_service = ResponsibleFor(target, s);
  s.due_at.reset();
  if (target.deadline.has_deadline()) {
    s.due_at = ComputeDue(s.step_entered_at, target.deadline);
    AddSetDeadline(w, "step", *s.due_at);
  } else {
    AddClearDeadline(w, "step");
  }
  if (moves) {
    w.out.entered = StepVisitEnter{s.visit_seq,
                                   target.id,
                                   routine::StepKindName(target.kind),
                                   target.level,
                                   s.responsible_service,
                                   now,
                                   s.due_at};
  }
  JsonWriter j;
  j.BeginObject()
      .Field("from_version", snap.routine_version)
      .Field("to_version", to.version)
      .Field("from_hash", snap.routine_hash)
      .Field("to_hash", to.hash)
      .Field("from_step", from_step)
      .Field("to_step", to_step)
      .Field("responsible", s.responsible_service);
  if (s.due_at) j.Field("due_at", FormatUtc(*s.due_at));
  j.EndObject();
  AddJournal(w, "routine_migrated", {}, j.Take());
  if (s.responsible_service != from_responsible) {
    AddNotify(w, "step_assigned", s.responsible_service);
  }
  if (Status ok = CheckStoredSnapshot(s, to); !ok.ok()) return ok;
  return std::move(w.out);
}

}  // namespace stafett::engine
