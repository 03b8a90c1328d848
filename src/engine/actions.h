// Internal to the engine: what the statechart's reactions do. The machine
// (case_machine.cc) decides which action an event reaches in which state;
// an action checks the routine and the rules, edits the Work (snapshot,
// journal, visits, effects) and returns the refusal, if any. On refusal the
// machine discards the event and Apply discards the Work.
//
// Actions never change the statechart's configuration themselves: they leave
// in the working snapshot what the target state reads when it is entered.
//
// Thread-safety: one Work per thread.
#ifndef STAFETT_ENGINE_ACTIONS_H_
#define STAFETT_ENGINE_ACTIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "engine/work.h"
#include "routine/model.h"

namespace stafett::engine {

// --- phase region (step_actions.cc) ---

// Takes the outcome w.cmd.outcome from the current step: the routine's own
// or the built-in suspected_abuse. Leaves the step and enters the target;
// returns the target step, or a refusal. The caller enters the phase state of
// the target's kind, or Closed.
Result<const routine::Step*> TakeOutcome(Work& w);
// Records the opening of a case on the routine's initial step (OpenCase).
void EnterInitialStep(Work& w, const routine::Step& initial);
// close(reason) by the responsible service or the reporter.
Status CloseByCommand(Work& w);

// --- any state (step_actions.cc) ---

Status RecordNote(Work& w);
// The duty to report: never refused.
void RecordChildWelfareReport(Work& w);
// Confirms the latest report as sent (by any service that can see the case,
// or the one that reported it); refused when none awaits confirmation.
Status ConfirmChildWelfareReport(Work& w);

// --- sharing region (consent_actions.cc) ---

Status GiveConsent(Work& w);
Status WithdrawConsent(Work& w);
// Refused while the consent is still valid (the worker raced a renewal).
Status ExpireConsent(Work& w);
// After a change of sharing or level: journals access_revoked and notifies
// every service that could see the case before the command and cannot now.
void RevokeLostAccess(Work& w);

// --- baton region (baton_actions.cc) ---

Status OfferBaton(Work& w);
Status AcceptBaton(Work& w);
Status DeclineBaton(Work& w);
// After a change of sharing or level: a holder or offeree that can no longer
// see the case loses the baton (it returns to the reporter; an open offer
// lapses). Returns the baton state the region must be in.
BatonState FollowAccess(Work& w);

// --- fmtcore (issue 12): measures and picking the baton holder ---

// A measure (tiltak) an outcome agrees: fields with roles measure,
// measure_owner and evaluation_date (routine/model.h FieldRole).
struct AgreedMeasure {
  std::string owner;              // service id; "" for a date alone
  std::string evaluation_date;    // YYYY-MM-DD
  std::string description_field;  // the field holding the description
  TimePoint due;                  // the end of the evaluation date (Oslo)
};
// The measure w.cmd.fields agree for an outcome into `to`, if any
// (measure_actions.cc). Refuses an evaluation date before today, and an
// owner other than the reporter that consent does not cover.
Result<std::optional<AgreedMeasure>> MeasureOf(
    const Work& w, const std::vector<const routine::FieldSpec*>& specs,
    const routine::Step& to);
// Journals measure_agreed and tells the owner (measure_assigned); nothing
// for a date without an owner.
void RecordMeasure(Work& w, const AgreedMeasure& m, const std::string& outcome);

// The service a field with role baton_holder names, or "" (baton_actions.cc).
std::string PickedHolder(const std::vector<const routine::FieldSpec*>& specs,
                         const Fields& fields);
// Offers the baton to `to` as an outcome's choice, as offer_baton would
// (journal baton_offered, notice, answer deadline); nothing when `to` holds
// it or has the open offer already. Sets w.baton_picked.
void PickBaton(Work& w, const std::string& to, const std::string& outcome);

}  // namespace stafett::engine

#endif  // STAFETT_ENGINE_ACTIONS_H_
