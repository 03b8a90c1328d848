// The phase region's actions (outcomes, closing) and the two that every
// state accepts (notes, child-welfare reports).
#include <stdexcept>

#include "core/json_writer.h"
#include "engine/actions.h"
#include "engine/fields.h"
#include "engine/rules.h"

namespace stafett::engine {

namespace {

using routine::Step;
using routine::StepKind;

bool Blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

void LeaveStep(Work& w, std::string outcome) {
  w.out.left = StepVisitLeave{w.snap().visit_seq, std::move(outcome), w.now};
}

// `from` is null when the case is being opened.
void EnterStep(Work& w, const Step& to, const Step* from,
               const std::string& outcome) {
  Snapshot& s = w.snap();
  int from_level = s.level;
  s.step = to.id;
  s.level = LevelEntering(to, s);  // a step may keep the case's level
  s.step_entered_at = w.now;
  s.responsible_service = ResponsibleFor(to, s);
  s.visit_seq += 1;
  s.due_at.reset();
  // A closed step has no deadline; closing clears every deadline at once.
  if (to.kind != StepKind::kClosed) {
    if (w.due_override) {
      // A measure's evaluation date replaces the step's fixed deadline.
      s.due_at = *w.due_override;
      AddSetDeadline(w, "step", *s.due_at);
    } else if (to.deadline.has_deadline()) {
      s.due_at = ComputeDue(w.now, to.deadline);
      AddSetDeadline(w, "step", *s.due_at);
    } else if (from != nullptr) {
      AddClearDeadline(w, "step");
    }
  }
  w.out.entered = StepVisitEnter{s.visit_seq,
                                 to.id,
                                 StepKindName(to.kind),
                                 s.level,
                                 s.responsible_service,
                                 w.now,
                                 s.due_at};
  JsonWriter j;
  j.BeginObject();
  j.Field("kind", StepKindName(to.kind));
  j.Field("responsible", s.responsible_service);
  if (s.due_at) j.Field("due_at", FormatUtc(*s.due_at));
  if (w.due_override && to.kind != StepKind::kClosed) {
    j.Field("due_from", "measure");
  }
  // Documented, never silent: who answers for a baton step nobody holds.
  if (to.responsible.kind == routine::Responsible::Kind::kBatonHolder &&
      s.baton_holder.empty() && to.kind != StepKind::kClosed) {
    j.Field("responsible_as", "reporter_until_baton_accepted");
  }
  if (from != nullptr) {
    j.Field("from_step", from->id);
    j.Field("outcome", outcome);
    j.Field("from_level", from_level);
  }
  j.Field("to_level", s.level);
  j.EndObject();
  AddJournal(w, "step_entered", {}, j.Take());
}

void CloseCase(Work& w, const std::string& reason, const std::string& text) {
  w.snap().closed_reason = reason;
  w.snap().due_at.reset();
  JsonWriter j;
  j.BeginObject().Field("reason", reason).EndObject();
  AddJournal(w, "closed", text, j.Take());
  // The "report" deadline stays: closing a case does not end the duty to
  // confirm a child-welfare report the same day.
  AddClearDeadline(w, "step");
  AddClearDeadline(w, "consent");
  AddClearDeadline(w, "baton");
}

void JournalOutcome(Work& w, const std::string& outcome, const Step& to,
                    const Fields& fields) {
  JsonWriter j;
  j.BeginObject();
  j.Field("outcome", outcome);
  j.Field("to", to.id);
  j.Key("fields");
  WriteFields(j, fields);
  j.EndObject();
  AddJournal(w, "outcome", w.cmd.text, j.Take());
}

// Enters `to` from the current step; closes the case if `to` is a closed step.
void Move(Work& w, const Step& from, const Step& to,
          const std::string& outcome) {
  LeaveStep(w, outcome);
  EnterStep(w, to, &from, outcome);
  if (to.kind == StepKind::kClosed) CloseCase(w, outcome, {});
}

std::string OutcomeNames(const Step& step, int level) {
  std::vector<std::string> names;
  for (const auto& o : step.outcomes) names.push_back(o.name);
  if (level == 0) names.emplace_back(kSuspectedAbuse);
  return JoinNames(names);
}

const Step& FindTarget(const routine::Routine& routine, const std::string& id) {
  const Step* to = routine.FindStep(id);
  // The loader rejects outcomes to unknown steps, so this is a bug.
  if (to == nullptr)
    throw std::logic_error("outcome leads to unknown step " + id);
  return *to;
}

Result<const Step*> TakeAbuseShortcut(Work& w, const Step& from) {
  if (w.snap().level != 0) {
    return Status::NotAllowed(
        "Snarveien ved mistanke om vold eller overgrep (suspected_abuse) "
        "gjelder bare på nivå 0, og saken er på nivå " +
        std::to_string(w.snap().level) +
        ". Meld til barnevernet med report_child_welfare.");
  }
  STAFETT_RETURN_IF_ERROR(ValidateFields(w.routine, {}, w.cmd.fields));
  const Step& to = FindTarget(w.routine, w.routine.abuse_step);
  // Deliberately no consent check and no responsibility check: the guardians
  // are not to be contacted first, and whoever suspects abuse must act.
  JournalOutcome(w, std::string(kSuspectedAbuse), to, w.cmd.fields);
  RecordChildWelfareReport(w);
  Move(w, from, to, std::string(kSuspectedAbuse));
  return &to;
}

}  // namespace

Result<const Step*> TakeOutcome(Work& w) {
  const Step& from = w.step();
  const Snapshot& s = w.snap();
  STAFETT_RETURN_IF_ERROR(RequireSight(s, w.actor, w.now));
  if (w.cmd.outcome == kSuspectedAbuse) return TakeAbuseShortcut(w, from);

  const routine::Outcome* outcome = from.FindOutcome(w.cmd.outcome);
  if (outcome == nullptr) {
    return Status::Invalid(
        "Utfallet " + Quoted(w.cmd.outcome) + " finnes ikke i steget " +
            Quoted(from.id) + ". Mulige utfall: " + OutcomeNames(from, s.level),
        "outcome");
  }
  std::string responsible = ResponsibleFor(from, s);
  if (w.actor.service != responsible) {
    std::string who =
        from.responsible.kind == routine::Responsible::Kind::kBatonHolder
            ? " (stafettholderen)"
            : "";
    return Status::NotAllowed("Bare " + Quoted(responsible) + who +
                              " kan velge utfall i steget " + Quoted(from.id) +
                              " nå.");
  }
  auto specs = SpecsFor(from, outcome);
  STAFETT_RETURN_IF_ERROR(ValidateFields(w.routine, specs, w.cmd.fields));

  const Step& to = FindTarget(w.routine, outcome->to);
  std::vector<std::string> named = NamedServices(specs, w.cmd.fields);
  if (!named.empty()) {
    STAFETT_RETURN_IF_ERROR(RequireConsent(
        s, named, w.now, "Utfallet navngir deltakende tjenester"));
  }
  if (auto involved = ServicesEntering(to, s); !involved.empty()) {
    STAFETT_RETURN_IF_ERROR(RequireConsent(
        s, involved, w.now,
        "Steget " + Quoted(to.id) + " er på nivå " + std::to_string(to.level)));
  }
  // fmtcore (issue 12): a measure agreed and a baton holder picked.
  auto measure = MeasureOf(w, specs, to);
  if (!measure.ok()) return measure.status();
  const std::string holder = PickedHolder(specs, w.cmd.fields);
  const bool stays_open = to.kind != StepKind::kClosed;
  if (!holder.empty() && stays_open && LevelEntering(to, s) > 0) {
    STAFETT_RETURN_IF_ERROR(
        RequireConsent(s, {holder}, w.now,
                       "Utfallet gir stafettpinnen til " + Quoted(holder) +
                           ", og steget " + Quoted(to.id) + " er på nivå " +
                           std::to_string(LevelEntering(to, s))));
  }
  if (*measure && stays_open) w.due_override = (*measure)->due;
  JournalOutcome(w, outcome->name, to, w.cmd.fields);
  Move(w, from, to, outcome->name);
  if (*measure && stays_open) RecordMeasure(w, **measure, outcome->name);
  if (!holder.empty() && stays_open) PickBaton(w, holder, outcome->name);
  return &to;
}

void EnterInitialStep(Work& w, const Step& initial) {
  EnterStep(w, initial, nullptr, {});
}

Status CloseByCommand(Work& w) {
  const Snapshot& s = w.snap();
  STAFETT_RETURN_IF_ERROR(RequireSight(s, w.actor, w.now));
  std::string responsible = ResponsibleFor(w.step(), s);
  if (w.actor.service != responsible && w.actor.service != s.reporter_service) {
    return Status::NotAllowed(
        "Bare den ansvarlige tjenesten (" + Quoted(responsible) +
        ") eller tjenesten som meldte bekymringen (" +
        Quoted(s.reporter_service) + ") kan avslutte saken.");
  }
  if (Blank(w.cmd.reason)) {
    return Status::Invalid("Skriv hvorfor saken avsluttes.", "reason");
  }
  LeaveStep(w, "close");
  CloseCase(w, w.cmd.reason, w.cmd.text);
  return Status::Ok();
}

Status RecordNote(Work& w) {
  STAFETT_RETURN_IF_ERROR(RequireSight(w.snap(), w.actor, w.now));
  if (Blank(w.cmd.text)) {
    return Status::Invalid("Notatet er tomt. Skriv teksten i feltet 'text'.",
                           "text");
  }
  AddJournal(w, "note", w.cmd.text);
  return Status::Ok();
}

void RecordChildWelfareReport(Work& w) {
  w.snap().child_welfare_reported_at = w.now;
  w.snap().child_welfare_confirmed_at.reset();
  TimePoint due = EndOfOsloDay(OsloDate(w.now));
  JsonWriter j;
  j.BeginObject().Field("confirm_by", FormatUtc(due)).EndObject();
  // The report itself goes to child welfare outside Stafett; only the fact
  // and the time are stored, so any text given with the command is dropped.
  AddJournal(w, "child_welfare_reported", {}, j.Take());
  AddSetDeadline(w, "report", due);
}

Status ConfirmChildWelfareReport(Work& w) {
  Snapshot& s = w.snap();
  if (!s.child_welfare_reported_at || s.child_welfare_confirmed_at) {
    return Status::NotAllowed(
        "Det er ingen melding til barnevernet som venter på bekreftelse.");
  }
  STAFETT_RETURN_IF_ERROR(RequireSight(s, w.actor, w.now));
  s.child_welfare_confirmed_at = w.now;
  const bool same_day =
      OsloDate(*s.child_welfare_reported_at) == OsloDate(w.now);
  JsonWriter j;
  j.BeginObject()
      .Field("reported_at", FormatUtc(*s.child_welfare_reported_at))
      .Field("same_day", same_day)
      .EndObject();
  AddJournal(w, "child_welfare_report_confirmed", {}, j.Take());
  AddClearDeadline(w, "report");
  return Status::Ok();
}

}  // namespace stafett::engine
