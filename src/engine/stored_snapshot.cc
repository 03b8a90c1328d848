#include "engine/stored_snapshot.h"

#include "engine/rules.h"

namespace stafett::engine {

Status CheckPinned(const Snapshot& snap, const routine::Routine& routine) {
  if (snap.routine_id == routine.id &&
      snap.routine_version == routine.version &&
      snap.routine_hash == routine.hash) {
    return Status::Ok();
  }
  return Status(Code::kInternal,
                "Saken er knyttet til rutinen " + Quoted(snap.routine_id) +
                    " versjon " + std::to_string(snap.routine_version) +
                    ", men ble lest inn mot " + Quoted(routine.id) +
                    " versjon " + std::to_string(routine.version) + ".");
}

Status CheckStoredSnapshot(const Snapshot& snap,
                           const routine::Routine& routine) {
  auto bad = [&](const std::string& why) {
    return Status(Code::kInternal, "Saken " + Quoted(snap.reference) +
                                       " kan ikke leses inn mot rutinen " +
                                       Quoted(routine.id) + " versjon " +
                                       std::to_string(routine.version) + ": " +
                                       why);
  };
  const routine::Step* step = routine.FindStep(snap.step);
  if (step == nullptr)
    return bad("steget " + Quoted(snap.step) + " finnes ikke");
  // A step that keeps the case's level (issue 12) holds cases at any level.
  const bool keeps = step->KeepsLevel() &&
                     step->kind != routine::StepKind::kClosed &&
                     snap.level >= 0 && snap.level <= 3;
  if (snap.level != step->level && !keeps) {
    return bad("nivået " + std::to_string(snap.level) +
               " er ikke nivået til steget " + Quoted(step->id));
  }
  if (snap.status == CaseStatus::kOpen &&
      step->kind == routine::StepKind::kClosed) {
    return bad("saken er åpen, men står i et avsluttet steg");
  }
  if (snap.status == CaseStatus::kClosed && snap.closed_reason.empty()) {
    return bad("saken er avsluttet uten grunn");
  }
  if (snap.sharing != Sharing::kAnonymous && !snap.consent) {
    return bad("samtykket mangler");
  }
  bool holder = !snap.baton_holder.empty();
  bool offer = !snap.baton_offered_to.empty();
  bool baton_ok = (snap.baton == BatonState::kNone && !holder && !offer) ||
                  (snap.baton == BatonState::kHeld && holder && !offer) ||
                  (snap.baton == BatonState::kOffered && offer);
  if (!baton_ok) return bad("stafettpinnen er i en umulig tilstand");
  if (snap.reporter_service.empty()) return bad("meldende tjeneste mangler");
  return Status::Ok();
}

}  // namespace stafett::engine
