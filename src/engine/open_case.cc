// OpenCase: a concern is logged. The case starts anonymous, without a baton
// holder, on the routine's initial step, with the actor's service as the
// reporter.
#include "core/json_writer.h"
#include "engine/actions.h"
#include "engine/engine.h"
#include "engine/rules.h"
#include "engine/work.h"

namespace stafett::engine {

namespace {

std::string OpenedJson(const NewCase& input, const routine::Routine& routine) {
  JsonWriter j;
  j.BeginObject();
  j.Field("age_band", input.age_band);
  j.Key("categories").BeginArray();
  for (const auto& c : input.categories) j.String(c);
  j.EndArray();
  j.Field("routine", routine.id);
  j.Field("routine_version", routine.version);
  j.EndObject();
  return j.Take();
}

}  // namespace

Result<Decision> OpenCase(const routine::Routine& routine, const NewCase& input,
                          const Actor& actor, TimePoint now) {
  if (actor.role == Role::kAuditor) {
    return Status(Code::kPermissionDenied,
                  "Rollen 'auditor' kan bare lese og kan ikke melde "
                  "bekymring.");
  }
  if (routine.FindService(actor.service) == nullptr) {
    return Status(Code::kPermissionDenied,
                  "Tjenesten " + Quoted(actor.service) +
                      " er ikke med i rutinen " + Quoted(routine.id) +
                      " og kan ikke melde bekymring der.");
  }
  const routine::Step* initial = routine.FindStep(routine.initial);
  if (initial == nullptr || initial->kind == routine::StepKind::kClosed) {
    return Status(Code::kInternal, "Rutinen " + Quoted(routine.id) +
                                       " har ikke et gyldig startsteg.");
  }
  if (input.case_id.empty() || input.reference.empty()) {
    return Status(Code::kInternal, "Saken mangler id eller referanse.");
  }
  if (input.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::Invalid(
        "Beskriv bekymringen i feltet 'text' (uten navn eller "
        "fødselsnummer).",
        "text");
  }

  Snapshot s;
  s.case_id = input.case_id;
  s.tenant = actor.tenant;
  s.reference = input.reference;
  s.routine_id = routine.id;
  s.routine_version = routine.version;
  s.routine_hash = routine.hash;
  s.status = CaseStatus::kOpen;
  s.step = initial->id;
  s.level = initial->level;
  s.reporter_service = actor.service;
  s.responsible_service = ResponsibleFor(*initial, s);
  s.age_band = input.age_band;
  s.categories = input.categories;
  s.created_at = now;
  if (initial->level > 0) {
    // A new case is anonymous, so a routine starting above level 0 could
    // never open a case; the loader should have said so.
    STAFETT_RETURN_IF_ERROR(
        RequireConsent(s, {s.responsible_service}, now,
                       "Startsteget " + Quoted(initial->id) + " er på nivå " +
                           std::to_string(initial->level)));
  }

  const Command none;
  Work w(routine, actor, none, now, s);
  AddJournal(w, "case_opened", input.text, OpenedJson(input, routine));
  EnterInitialStep(w, *initial);
  if (w.snap().responsible_service != actor.service) {
    AddNotify(w, "step_assigned", w.snap().responsible_service);
  }
  w.snap().version = 1;
  return std::move(w.out);
}

}  // namespace stafett::engine
