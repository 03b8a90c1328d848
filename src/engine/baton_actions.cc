// The baton region's actions: the stafettholder's two-phase handover (offer,
// then accept or decline) and losing the baton with consent.
#include "core/json_writer.h"
#include "engine/actions.h"
#include "engine/engine.h"
#include "engine/rules.h"

namespace stafett::engine {

namespace {

// Domain §5.2: alert when an offer has had no answer for 5 working days.
constexpr int kBatonAnswerWorkingDays = 5;

std::string HandoverJson(const std::string& from, const std::string& to) {
  JsonWriter j;
  j.BeginObject().Field("from", from).Field("to", to).EndObject();
  return j.Take();
}

std::string LevelText(int level) {
  return "Saken er på nivå " + std::to_string(level);
}

Status RequireOfferee(const Work& w) {
  const Snapshot& s = w.snap();
  if (w.actor.service == s.baton_offered_to) return Status::Ok();
  return Status::NotAllowed(
      "Stafettpinnen er tilbudt " + Quoted(s.baton_offered_to) + "; bare " +
      Quoted(s.baton_offered_to) + " kan svare på tilbudet.");
}

// Records an offer of the baton to `to` (by an offer_baton command, or by
// the outcome named in `outcome`): journal, notice, answer deadline.
void MakeOffer(Work& w, const std::string& to, const std::string& outcome,
               const std::string& text) {
  Snapshot& s = w.snap();
  std::string replaced = s.baton_offered_to;
  s.baton_offered_to = to;
  s.baton = BatonState::kOffered;
  JsonWriter j;
  j.BeginObject().Field("from", s.baton_holder).Field("to", to);
  if (!replaced.empty()) j.Field("replaces_offer_to", replaced);
  if (!outcome.empty()) j.Field("by_outcome", outcome);
  j.EndObject();
  AddJournal(w, "baton_offered", text, j.Take());
  // Counted on the tenant's calendar (its closures skipped).
  const TimePoint answer_by =
      ComputeDue(w.now, DeadlineSpec::WorkingDays(kBatonAnswerWorkingDays,
                                                  w.routine.settings.calendar));
  AddNotifyAbout(w, "baton_offered", to, "baton", answer_by);
  AddSetDeadline(w, "baton", answer_by);
}

}  // namespace

std::string PickedHolder(const std::vector<const routine::FieldSpec*>& specs,
                         const Fields& fields) {
  for (const auto* f : specs) {
    if (f->role != routine::FieldRole::kBatonHolder) continue;
    auto it = fields.find(f->name);
    if (it == fields.end()) continue;
    if (const auto* v = std::get_if<std::string>(&it->second)) return *v;
  }
  return {};
}

void PickBaton(Work& w, const std::string& to, const std::string& outcome) {
  const Snapshot& s = w.snap();
  if (to == s.baton_holder || to == s.baton_offered_to) return;
  MakeOffer(w, to, outcome, {});
  w.baton_picked = true;
}

Status OfferBaton(Work& w) {
  Snapshot& s = w.snap();
  STAFETT_RETURN_IF_ERROR(RequireSight(s, w.actor, w.now));
  std::string responsible = ResponsibleFor(w.step(), s);
  if (s.baton_holder.empty()) {
    if (w.actor.service != s.reporter_service &&
        w.actor.service != responsible) {
      return Status::NotAllowed(
          "Ingen har stafettpinnen ennå; bare den ansvarlige tjenesten (" +
          Quoted(responsible) + ") eller tjenesten som meldte bekymringen (" +
          Quoted(s.reporter_service) + ") kan tilby den.");
    }
  } else if (w.actor.service != s.baton_holder) {
    return Status::NotAllowed("Bare stafettholderen (" +
                              Quoted(s.baton_holder) +
                              ") kan tilby stafettpinnen videre.");
  }
  const std::string& to = w.cmd.to_service;
  if (to.empty()) {
    return Status::Invalid(
        "Oppgi hvilken tjeneste som skal få tilbud om stafettpinnen.",
        "to_service");
  }
  if (!w.routine.FindService(to)) {
    return Status::Invalid(Quoted(to) + " er ikke en tjeneste i rutinen.",
                           "to_service");
  }
  if (to == s.baton_holder) {
    return Status::Invalid(Quoted(to) + " har allerede stafettpinnen.",
                           "to_service");
  }
  if (to == s.baton_offered_to) {
    return Status::Invalid(Quoted(to) +
                               " har allerede fått tilbud om "
                               "stafettpinnen og ikke svart ennå.",
                           "to_service");
  }
  if (s.level > 0) {
    STAFETT_RETURN_IF_ERROR(RequireConsent(s, {to}, w.now, LevelText(s.level)));
  }
  MakeOffer(w, to, {}, w.cmd.text);
  return Status::Ok();
}

Status AcceptBaton(Work& w) {
  Snapshot& s = w.snap();
  STAFETT_RETURN_IF_ERROR(RequireOfferee(w));
  if (s.level > 0) {
    STAFETT_RETURN_IF_ERROR(
        RequireConsent(s, {w.actor.service}, w.now, LevelText(s.level)));
  }
  std::string from = s.baton_holder;
  s.baton_holder = w.actor.service;
  s.baton_offered_to.clear();
  s.baton = BatonState::kHeld;
  AddJournal(w, "baton_accepted", w.cmd.text,
             HandoverJson(from, s.baton_holder));
  AddClearDeadline(w, "baton");
  // The old holder stayed responsible until now; tell it that it is free.
  if (!from.empty() && from != s.baton_holder) {
    AddNotify(w, "baton_accepted", from);
  }
  return Status::Ok();
}

Status DeclineBaton(Work& w) {
  Snapshot& s = w.snap();
  STAFETT_RETURN_IF_ERROR(RequireOfferee(w));
  s.baton_offered_to.clear();
  s.baton = s.baton_holder.empty() ? BatonState::kNone : BatonState::kHeld;
  AddJournal(w, "baton_declined", w.cmd.text,
             HandoverJson(s.baton_holder, w.actor.service));
  AddClearDeadline(w, "baton");
  // Whoever must now find another holder: the holder, or while there is
  // none, the service responsible for the step.
  AddNotify(
      w, "baton_declined",
      s.baton_holder.empty() ? ResponsibleFor(w.step(), s) : s.baton_holder);
  return Status::Ok();
}

BatonState FollowAccess(Work& w) {
  Snapshot& s = w.snap();
  bool had_offer = !s.baton_offered_to.empty();
  if (had_offer && !CanSee(s, s.baton_offered_to, w.now)) {
    s.baton_offered_to.clear();
  }
  if (!s.baton_holder.empty() && !CanSee(s, s.baton_holder, w.now)) {
    s.baton_holder = s.reporter_service;
    // The offer was the old holder's to make.
    s.baton_offered_to.clear();
  }
  if (had_offer && s.baton_offered_to.empty()) AddClearDeadline(w, "baton");
  if (!s.baton_offered_to.empty()) {
    s.baton = BatonState::kOffered;
  } else {
    s.baton = s.baton_holder.empty() ? BatonState::kNone : BatonState::kHeld;
  }
  s.responsible_service = ResponsibleFor(w.step(), s);
  return s.baton;
}

}  // namespace stafett::engine
