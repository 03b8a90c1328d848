// Apply and Allowed: the entry points that run one command through the
// statechart, and what a client may offer its user now.
#include "engine/engine.h"

#include <exception>

#include "engine/case_machine.h"
#include "engine/fields.h"
#include "engine/roles.h"
#include "engine/rules.h"
#include "engine/stored_snapshot.h"
#include "engine/work.h"

namespace stafett::engine {

namespace {

// Work common to every accepted command, whatever the state.
void Finish(Work& w) {
  Snapshot& s = w.snap();
  s.version = w.before.version + 1;
  if (s.status != CaseStatus::kOpen) return;
  s.responsible_service = ResponsibleFor(w.step(), s);
  // Tell a service when a step becomes its work, unless it did that itself.
  if (s.responsible_service != w.before.responsible_service &&
      s.responsible_service != w.actor.service) {
    AddNotify(w, "step_assigned", s.responsible_service);
  }
}

// An outcome that needs a `services` field cannot be taken without
// effective consent, whatever the services named.
bool NeedsConsentForFields(
    const std::vector<const routine::FieldSpec*>& specs) {
  for (const auto* f : specs) {
    if (f->type == routine::FieldType::kServices && f->required) return true;
  }
  return false;
}

}  // namespace

Result<Decision> Apply(const Snapshot& snap, const routine::Routine& routine,
                       const Command& cmd, const Actor& actor, TimePoint now) {
  STAFETT_RETURN_IF_ERROR(CheckPinned(snap, routine));
  STAFETT_RETURN_IF_ERROR(CheckStoredSnapshot(snap, routine));
  if (actor.role == Role::kAuditor &&
      cmd.type != CommandType::kReportChildWelfare) {
    return Status(Code::kPermissionDenied,
                  "Rollen 'auditor' kan bare lese. Bare melding til "
                  "barnevernet kan registreres av alle roller.");
  }
  // roles.h: a coordinator may give some commands on behalf of an absent
  // service; the machine then runs them as that service.
  Result<std::optional<std::string>> behalf =
      OnBehalfOf(snap, routine, cmd, actor, now);
  if (!behalf.ok()) return behalf.status();
  Actor as = actor;
  if (*behalf) as.service = **behalf;
  // Statechart destroys the machine's states before an exception leaves
  // process_event; the Work is then dropped, so nothing half-done escapes.
  try {
    Work w(routine, as, cmd, now, snap);
    STAFETT_RETURN_IF_ERROR(RunCaseMachine(w));
    Finish(w);
    if (*behalf) MarkOnBehalf(w.out, actor, **behalf);
    return std::move(w.out);
  } catch (const std::exception& e) {
    return Status(Code::kInternal,
                  std::string("Intern feil i saksmotoren: ") + e.what());
  }
}

std::vector<AllowedOutcome> Allowed(const Snapshot& snap,
                                    const routine::Routine& routine,
                                    const Actor& actor, TimePoint now) {
  std::vector<AllowedOutcome> out;
  if (snap.status != CaseStatus::kOpen || actor.role == Role::kAuditor) {
    return out;
  }
  if (!CheckPinned(snap, routine).ok() ||
      !CheckStoredSnapshot(snap, routine).ok() ||
      !CanSee(snap, actor.service, now)) {
    return out;
  }
  const routine::Step& step = *routine.FindStep(snap.step);
  if (actor.service == ResponsibleFor(step, snap)) {
    bool consent = ConsentEffective(snap, now);
    for (const auto& o : step.outcomes) {
      const routine::Step* to = routine.FindStep(o.to);
      if (to == nullptr) continue;
      if (!NotCovered(snap, ServicesEntering(*to, snap), now).empty()) {
        continue;
      }
      auto specs = SpecsFor(step, &o);
      if (!consent && NeedsConsentForFields(specs)) continue;
      out.push_back(AllowedOutcome{o.name, o.to, std::move(specs)});
    }
  }
  if (snap.level == 0 && routine.FindStep(routine.abuse_step) != nullptr) {
    out.push_back(
        AllowedOutcome{std::string(kSuspectedAbuse), routine.abuse_step, {}});
  }
  return out;
}

}  // namespace stafett::engine
