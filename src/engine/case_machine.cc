#include "engine/case_machine.h"

#include <stdexcept>

#include <boost/mpl/list.hpp>
#include <boost/statechart/custom_reaction.hpp>
#include <boost/statechart/event.hpp>
#include <boost/statechart/simple_state.hpp>
#include <boost/statechart/state.hpp>
#include <boost/statechart/state_machine.hpp>

#include "engine/actions.h"

namespace stafett::engine {

namespace {

namespace sc = boost::statechart;
namespace mpl = boost::mpl;
using routine::StepKind;

// Restoring: each choice point posts its own event from its constructor and
// answers it by transiting to the state the stored snapshot names.
struct EvRestore : sc::event<EvRestore> {};
struct EvRestorePhase : sc::event<EvRestorePhase> {};
struct EvRestoreSharing : sc::event<EvRestoreSharing> {};
struct EvRestoreBaton : sc::event<EvRestoreBaton> {};

// One event per command; the payload stays in the Work.
struct EvOutcome : sc::event<EvOutcome> {};
struct EvConsent : sc::event<EvConsent> {};
struct EvWithdrawConsent : sc::event<EvWithdrawConsent> {};
struct EvExpireConsent : sc::event<EvExpireConsent> {};
struct EvOfferBaton : sc::event<EvOfferBaton> {};
struct EvAcceptBaton : sc::event<EvAcceptBaton> {};
struct EvDeclineBaton : sc::event<EvDeclineBaton> {};
struct EvNote : sc::event<EvNote> {};
struct EvReportChildWelfare : sc::event<EvReportChildWelfare> {};
struct EvConfirmReport : sc::event<EvConfirmReport> {};
struct EvClose : sc::event<EvClose> {};

// Posted when who may see the case may have changed (sharing changed, or
// the case moved to another level) so that the baton region can follow.
struct EvAccessChanged : sc::event<EvAccessChanged> {};

// Read back after processing (state_cast walks from the leaves outwards).
struct StatusOf {
  virtual ~StatusOf() = default;
  virtual CaseStatus status() const = 0;
};
struct PhaseOf {
  virtual ~PhaseOf() = default;
  virtual StepKind kind() const = 0;
  virtual const std::string& step() const = 0;
};
struct SharingOf {
  virtual ~SharingOf() = default;
  virtual Sharing sharing() const = 0;
};
struct BatonOf {
  virtual ~BatonOf() = default;
  virtual BatonState baton() const = 0;
  virtual const std::string& holder() const = 0;
  virtual const std::string& offered_to() const = 0;
};

const std::string kNobody;

struct Restoring;
struct Open;
struct Closed;

class CaseMachine : public sc::state_machine<CaseMachine, Restoring> {
 public:
  explicit CaseMachine(Work& w) : work_(w) {}
  // States read the Work while they exist; end them before it goes.
  ~CaseMachine() { terminate(); }
  Work& work() const { return work_; }

  // Statechart's hook for an event no active state reacts to: in this
  // machine that is always a command the current state does not accept.
  void unconsumed_event(const sc::event_base&);

 private:
  Work& work_;
};

template <class State>
Work& WorkOf(State& s) {
  return s.outermost_context().work();
}

template <class State>
sc::result Refuse(State& s, Status status) {
  WorkOf(s).Refuse(std::move(status));
  return s.discard_event();
}

// ---------------------------------------------------------------- restoring

struct Restoring : sc::state<Restoring, CaseMachine> {
  using reactions = sc::custom_reaction<EvRestore>;
  explicit Restoring(my_context ctx) : my_base(ctx) { post_event(EvRestore()); }
  sc::result react(const EvRestore&);
};

// --------------------------------------------------------------------- open

struct PhaseRestoring;
struct SharingRestoring;
struct BatonRestoring;

struct Open : sc::simple_state<
                  Open, CaseMachine,
                  mpl::list<PhaseRestoring, SharingRestoring, BatonRestoring>>,
              StatusOf {
  using reactions = mpl::list<
      sc::custom_reaction<EvNote>, sc::custom_reaction<EvReportChildWelfare>,
      sc::custom_reaction<EvConfirmReport>, sc::custom_reaction<EvClose>>;
  CaseStatus status() const override { return CaseStatus::kOpen; }
  sc::result react(const EvNote&);
  sc::result react(const EvReportChildWelfare&);
  sc::result react(const EvConfirmReport&);
  sc::result react(const EvClose&);
};

// -------------------------------------------------------------------- phase

struct PhaseRestoring : sc::state<PhaseRestoring, Open::orthogonal<0>> {
  using reactions = sc::custom_reaction<EvRestorePhase>;
  explicit PhaseRestoring(my_context ctx) : my_base(ctx) {
    post_event(EvRestorePhase());
  }
  sc::result react(const EvRestorePhase&);
};

// One state per step kind; the step id itself is state-local data.
template <StepKind K>
struct Phase : sc::state<Phase<K>, Open::orthogonal<0>>, PhaseOf {
  using Base = sc::state<Phase<K>, Open::orthogonal<0>>;
  using reactions = sc::custom_reaction<EvOutcome>;
  explicit Phase(typename Base::my_context ctx)
      : Base(ctx), step_(WorkOf(*this).snap().step) {}
  StepKind kind() const override { return K; }
  const std::string& step() const override { return step_; }
  sc::result react(const EvOutcome&);

  std::string step_;
};
using Concern = Phase<StepKind::kConcern>;
using Observation = Phase<StepKind::kObservation>;
using TeamMeeting = Phase<StepKind::kTeamMeeting>;
using Action = Phase<StepKind::kAction>;
using Evaluation = Phase<StepKind::kEvaluation>;

// ------------------------------------------------------------------ sharing

struct SharingRestoring : sc::state<SharingRestoring, Open::orthogonal<1>> {
  using reactions = sc::custom_reaction<EvRestoreSharing>;
  explicit SharingRestoring(my_context ctx) : my_base(ctx) {
    post_event(EvRestoreSharing());
  }
  sc::result react(const EvRestoreSharing&);
};

struct Anonymous : sc::simple_state<Anonymous, Open::orthogonal<1>>, SharingOf {
  using reactions = sc::custom_reaction<EvConsent>;
  Sharing sharing() const override { return Sharing::kAnonymous; }
  sc::result react(const EvConsent&);
};

// Carries the consent in force: its scope of services and its expiry.
struct Consented : sc::state<Consented, Open::orthogonal<1>>, SharingOf {
  using reactions = mpl::list<sc::custom_reaction<EvConsent>,
                              sc::custom_reaction<EvWithdrawConsent>,
                              sc::custom_reaction<EvExpireConsent>>;
  explicit Consented(my_context ctx)
      : my_base(ctx), consent_(*WorkOf(*this).snap().consent) {}
  Sharing sharing() const override { return Sharing::kConsented; }
  const Consent& consent() const { return consent_; }
  sc::result react(const EvConsent&);
  sc::result react(const EvWithdrawConsent&);
  sc::result react(const EvExpireConsent&);

  Consent consent_;
};

// A consent was given and is no longer in force (withdrawn or expired; the
// journal says which). Consent can be given again.
struct Withdrawn : sc::simple_state<Withdrawn, Open::orthogonal<1>>, SharingOf {
  using reactions = sc::custom_reaction<EvConsent>;
  Sharing sharing() const override { return Sharing::kWithdrawn; }
  sc::result react(const EvConsent&);
};

// -------------------------------------------------------------------- baton

struct BatonRestoring : sc::state<BatonRestoring, Open::orthogonal<2>> {
  using reactions = sc::custom_reaction<EvRestoreBaton>;
  explicit BatonRestoring(my_context ctx) : my_base(ctx) {
    post_event(EvRestoreBaton());
  }
  sc::result react(const EvRestoreBaton&);
};

struct BatonNone : sc::simple_state<BatonNone, Open::orthogonal<2>>, BatonOf {
  using reactions = mpl::list<sc::custom_reaction<EvOfferBaton>,
                              sc::custom_reaction<EvAccessChanged>>;
  BatonState baton() const override { return BatonState::kNone; }
  const std::string& holder() const override { return kNobody; }
  const std::string& offered_to() const override { return kNobody; }
  sc::result react(const EvOfferBaton&);
  sc::result react(const EvAccessChanged&);
};

struct BatonHeld : sc::state<BatonHeld, Open::orthogonal<2>>, BatonOf {
  using reactions = mpl::list<sc::custom_reaction<EvOfferBaton>,
                              sc::custom_reaction<EvAccessChanged>>;
  explicit BatonHeld(my_context ctx)
      : my_base(ctx), holder_(WorkOf(*this).snap().baton_holder) {}
  BatonState baton() const override { return BatonState::kHeld; }
  const std::string& holder() const override { return holder_; }
  const std::string& offered_to() const override { return kNobody; }
  sc::result react(const EvOfferBaton&);
  sc::result react(const EvAccessChanged&);

  std::string holder_;
};

// The holder (possibly nobody) stays responsible until the offeree accepts.
struct BatonOffered : sc::state<BatonOffered, Open::orthogonal<2>>, BatonOf {
  using reactions = mpl::list<sc::custom_reaction<EvOfferBaton>,
                              sc::custom_reaction<EvAcceptBaton>,
                              sc::custom_reaction<EvDeclineBaton>,
                              sc::custom_reaction<EvAccessChanged>>;
  explicit BatonOffered(my_context ctx)
      : my_base(ctx),
        holder_(WorkOf(*this).snap().baton_holder),
        offered_to_(WorkOf(*this).snap().baton_offered_to) {}
  BatonState baton() const override { return BatonState::kOffered; }
  const std::string& holder() const override { return holder_; }
  const std::string& offered_to() const override { return offered_to_; }
  sc::result react(const EvOfferBaton&);
  sc::result react(const EvAcceptBaton&);
  sc::result react(const EvDeclineBaton&);
  sc::result react(const EvAccessChanged&);

  std::string holder_;
  std::string offered_to_;
};

// ------------------------------------------------------------------- closed

struct Closed : sc::state<Closed, CaseMachine>, StatusOf {
  using reactions = mpl::list<sc::custom_reaction<EvNote>,
                              sc::custom_reaction<EvReportChildWelfare>,
                              sc::custom_reaction<EvConfirmReport>>;
  explicit Closed(my_context ctx)
      : my_base(ctx), reason_(WorkOf(*this).snap().closed_reason) {}
  CaseStatus status() const override { return CaseStatus::kClosed; }
  const std::string& reason() const { return reason_; }
  sc::result react(const EvNote&);
  sc::result react(const EvReportChildWelfare&);
  sc::result react(const EvConfirmReport&);

  std::string reason_;
};

// ---------------------------------------------------------------- reactions

template <class State>
sc::result EnterPhase(State& s, StepKind kind) {
  switch (kind) {
    case StepKind::kConcern:
      return s.template transit<Concern>();
    case StepKind::kObservation:
      return s.template transit<Observation>();
    case StepKind::kTeamMeeting:
      return s.template transit<TeamMeeting>();
    case StepKind::kAction:
      return s.template transit<Action>();
    case StepKind::kEvaluation:
      return s.template transit<Evaluation>();
    case StepKind::kClosed:
      return s.template transit<Closed>();
  }
  throw std::logic_error("unknown step kind");
}

template <class State>
sc::result EnterSharing(State& s, Sharing sharing) {
  switch (sharing) {
    case Sharing::kAnonymous:
      return s.template transit<Anonymous>();
    case Sharing::kConsented:
      return s.template transit<Consented>();
    case Sharing::kWithdrawn:
      return s.template transit<Withdrawn>();
  }
  throw std::logic_error("unknown sharing");
}

template <class State>
sc::result EnterBaton(State& s, BatonState baton) {
  switch (baton) {
    case BatonState::kNone:
      return s.template transit<BatonNone>();
    case BatonState::kHeld:
      return s.template transit<BatonHeld>();
    case BatonState::kOffered:
      return s.template transit<BatonOffered>();
  }
  throw std::logic_error("unknown baton state");
}

// Runs a sharing action; on success the region enters `target` and the
// baton region is told.
template <class State>
sc::result ChangeSharing(State& s, Status (*action)(Work&), Sharing target) {
  if (Status st = action(WorkOf(s)); !st.ok()) return Refuse(s, st);
  s.post_event(EvAccessChanged());
  return EnterSharing(s, target);
}

template <class State>
sc::result ChangeBaton(State& s, Status (*action)(Work&)) {
  if (Status st = action(WorkOf(s)); !st.ok()) return Refuse(s, st);
  return EnterBaton(s, WorkOf(s).snap().baton);
}

template <class State>
sc::result FollowAccessIn(State& s) {
  BatonState next = FollowAccess(WorkOf(s));
  RevokeLostAccess(WorkOf(s));
  return EnterBaton(s, next);
}

sc::result Restoring::react(const EvRestore&) {
  if (WorkOf(*this).snap().status == CaseStatus::kClosed) {
    return transit<Closed>();
  }
  return transit<Open>();
}

sc::result PhaseRestoring::react(const EvRestorePhase&) {
  return EnterPhase(*this, WorkOf(*this).step().kind);
}

sc::result SharingRestoring::react(const EvRestoreSharing&) {
  return EnterSharing(*this, WorkOf(*this).snap().sharing);
}

sc::result BatonRestoring::react(const EvRestoreBaton&) {
  return EnterBaton(*this, WorkOf(*this).snap().baton);
}

template <StepKind K>
sc::result Phase<K>::react(const EvOutcome&) {
  Work& w = WorkOf(*this);
  auto to = TakeOutcome(w);
  if (!to.ok()) return Refuse(*this, to.status());
  // Above level 0 only consent lets a service see the case, so a level
  // change can leave a baton holder or offeree outside (the abuse shortcut
  // takes no consent by design).
  // An outcome that picks the baton holder (issue 12) changes the baton
  // region too; following access re-enters it from the snapshot.
  if ((*to)->kind != StepKind::kClosed &&
      (w.snap().level != w.before.level || w.baton_picked)) {
    this->post_event(EvAccessChanged());
  }
  return EnterPhase(*this, (*to)->kind);
}

sc::result Open::react(const EvNote&) {
  if (Status st = RecordNote(WorkOf(*this)); !st.ok()) return Refuse(*this, st);
  return discard_event();
}

sc::result Open::react(const EvReportChildWelfare&) {
  RecordChildWelfareReport(WorkOf(*this));
  return discard_event();
}

sc::result Open::react(const EvConfirmReport&) {
  if (Status st = ConfirmChildWelfareReport(WorkOf(*this)); !st.ok()) {
    return Refuse(*this, st);
  }
  return discard_event();
}

sc::result Open::react(const EvClose&) {
  if (Status st = CloseByCommand(WorkOf(*this)); !st.ok()) {
    return Refuse(*this, st);
  }
  return transit<Closed>();
}

sc::result Anonymous::react(const EvConsent&) {
  return ChangeSharing(*this, &GiveConsent, Sharing::kConsented);
}

sc::result Consented::react(const EvConsent&) {
  return ChangeSharing(*this, &GiveConsent, Sharing::kConsented);
}

sc::result Consented::react(const EvWithdrawConsent&) {
  return ChangeSharing(*this, &WithdrawConsent, Sharing::kWithdrawn);
}

sc::result Consented::react(const EvExpireConsent&) {
  return ChangeSharing(*this, &ExpireConsent, Sharing::kWithdrawn);
}

sc::result Withdrawn::react(const EvConsent&) {
  return ChangeSharing(*this, &GiveConsent, Sharing::kConsented);
}

sc::result BatonNone::react(const EvOfferBaton&) {
  return ChangeBaton(*this, &OfferBaton);
}
sc::result BatonNone::react(const EvAccessChanged&) {
  return FollowAccessIn(*this);
}

sc::result BatonHeld::react(const EvOfferBaton&) {
  return ChangeBaton(*this, &OfferBaton);
}
sc::result BatonHeld::react(const EvAccessChanged&) {
  return FollowAccessIn(*this);
}

sc::result BatonOffered::react(const EvOfferBaton&) {
  return ChangeBaton(*this, &OfferBaton);
}
sc::result BatonOffered::react(const EvAcceptBaton&) {
  return ChangeBaton(*this, &AcceptBaton);
}
sc::result BatonOffered::react(const EvDeclineBaton&) {
  return ChangeBaton(*this, &DeclineBaton);
}
sc::result BatonOffered::react(const EvAccessChanged&) {
  return FollowAccessIn(*this);
}

sc::result Closed::react(const EvNote&) {
  if (Status st = RecordNote(WorkOf(*this)); !st.ok()) return Refuse(*this, st);
  return discard_event();
}

sc::result Closed::react(const EvReportChildWelfare&) {
  RecordChildWelfareReport(WorkOf(*this));
  return discard_event();
}

sc::result Closed::react(const EvConfirmReport&) {
  if (Status st = ConfirmChildWelfareReport(WorkOf(*this)); !st.ok()) {
    return Refuse(*this, st);
  }
  return discard_event();
}

void CaseMachine::unconsumed_event(const sc::event_base&) {
  if (const Closed* closed = state_downcast<const Closed*>()) {
    work_.Refuse(Status::NotAllowed(
        "Saken er avsluttet (" + closed->reason() +
        "). Bare notater og melding til barnevernet kan registreres."));
    return;
  }
  switch (work_.cmd.type) {
    case CommandType::kWithdrawConsent:
      work_.Refuse(Status::NotAllowed(
          "Saken har ikke noe samtykke i kraft som kan trekkes tilbake."));
      return;
    case CommandType::kExpireConsent:
      work_.Refuse(Status::NotAllowed(
          "Saken har ikke noe samtykke i kraft som kan løpe ut."));
      return;
    case CommandType::kAcceptBaton:
    case CommandType::kDeclineBaton:
      work_.Refuse(Status::NotAllowed(
          "Stafettpinnen er ikke tilbudt noen nå, så det er ikke noe tilbud "
          "å svare på."));
      return;
    default:
      work_.Refuse(Status::NotAllowed(std::string("Kommandoen '") +
                                      CommandTypeName(work_.cmd.type) +
                                      "' er ikke tillatt nå."));
  }
}

void Dispatch(CaseMachine& m, CommandType type) {
  switch (type) {
    case CommandType::kOutcome:
      m.process_event(EvOutcome());
      return;
    case CommandType::kConsent:
      m.process_event(EvConsent());
      return;
    case CommandType::kWithdrawConsent:
      m.process_event(EvWithdrawConsent());
      return;
    case CommandType::kExpireConsent:
      m.process_event(EvExpireConsent());
      return;
    case CommandType::kOfferBaton:
      m.process_event(EvOfferBaton());
      return;
    case CommandType::kAcceptBaton:
      m.process_event(EvAcceptBaton());
      return;
    case CommandType::kDeclineBaton:
      m.process_event(EvDeclineBaton());
      return;
    case CommandType::kNote:
      m.process_event(EvNote());
      return;
    case CommandType::kReportChildWelfare:
      m.process_event(EvReportChildWelfare());
      return;
    case CommandType::kConfirmChildWelfareReport:
      m.process_event(EvConfirmReport());
      return;
    case CommandType::kClose:
      m.process_event(EvClose());
      return;
  }
  throw std::logic_error("unknown command type");
}

// The pointer form of state_cast: the reference form throws and catches
// std::bad_cast for every leaf state that is not a T, which cost about half
// of each command's CPU time (callgrind, docs/performance.md).
template <class T>
const T& StateOf(const CaseMachine& m, const char* what) {
  const T* s = m.state_cast<const T*>();
  if (s == nullptr)
    throw std::logic_error(std::string("machine has no ") + what);
  return *s;
}

// The snapshot's state fields come from the machine's configuration, not
// from what the actions wrote, so that the two can never drift apart.
void ReadBack(const CaseMachine& m, const routine::Routine& routine,
              Snapshot& snap) {
  const auto* status = m.state_cast<const StatusOf*>();
  if (status == nullptr) throw std::logic_error("machine has no state");
  snap.status = status->status();
  if (const auto* closed = m.state_downcast<const Closed*>()) {
    snap.closed_reason = closed->reason();
    return;  // sharing and baton keep their last values as a record
  }
  const auto& phase = StateOf<PhaseOf>(m, "phase");
  const routine::Step* step = routine.FindStep(phase.step());
  if (step == nullptr || step->kind != phase.kind()) {
    throw std::logic_error("phase state does not match step " + phase.step());
  }
  snap.step = phase.step();
  const auto& sharing = StateOf<SharingOf>(m, "sharing");
  snap.sharing = sharing.sharing();
  if (const auto* consented = m.state_downcast<const Consented*>()) {
    snap.consent = consented->consent();
  }
  const auto& baton = StateOf<BatonOf>(m, "baton");
  snap.baton = baton.baton();
  snap.baton_holder = baton.holder();
  snap.baton_offered_to = baton.offered_to();
}

}  // namespace

Status RunCaseMachine(Work& w) {
  CaseMachine machine(w);
  machine.initiate();
  Dispatch(machine, w.cmd.type);
  if (!w.error.ok()) return w.error;
  ReadBack(machine, w.routine, w.snap());
  return Status::Ok();
}

}  // namespace stafett::engine
