#include "engine/test_routines.h"

#include <map>

#include <gtest/gtest.h>

namespace stafett::engine::testing {

namespace {

using routine::FieldSpec;
using routine::FieldType;
using routine::Outcome;
using routine::Responsible;
using routine::Routine;
using routine::Step;
using routine::StepKind;

routine::Text Nb(std::string s) {
  return routine::Text{{{"nb", std::move(s)}}};
}

Responsible Reporter() { return Responsible{Responsible::Kind::kReporter, ""}; }
Responsible Baton() { return Responsible{Responsible::Kind::kBatonHolder, ""}; }
Responsible ServiceR(std::string id) {
  return Responsible{Responsible::Kind::kService, std::move(id)};
}

DeadlineSpec Days(int d) {
  return DeadlineSpec::Calendar(IsoDuration{0, 0, 0, d});
}

Step MakeStep(std::string id, StepKind kind, int level, Responsible r,
              DeadlineSpec deadline, std::vector<Outcome> outcomes,
              std::vector<FieldSpec> fields = {}) {
  Step s;
  s.id = std::move(id);
  s.kind = kind;
  s.level = level;
  s.title = Nb(s.id);
  s.responsible = std::move(r);
  s.deadline = deadline;
  s.outcomes = std::move(outcomes);
  s.fields = std::move(fields);
  return s;
}

Outcome To(std::string name, std::string to,
           std::vector<FieldSpec> fields = {}) {
  Outcome o;
  o.name = std::move(name);
  o.to = std::move(to);
  o.label = Nb(o.name);
  o.fields = std::move(fields);
  return o;
}

routine::Service Svc(std::string id, routine::ServiceKind kind) {
  routine::Service s;
  s.id = std::move(id);
  s.name = s.id;
  s.kind = kind;
  return s;
}

void AddServices(Routine& r) {
  r.services = {Svc(kSchool, routine::ServiceKind::kSchool),
                Svc(kHealth, routine::ServiceKind::kHealth),
                Svc(kPpt, routine::ServiceKind::kPpt),
                Svc(kChildWelfare, routine::ServiceKind::kChildWelfare),
                Svc(kNav, routine::ServiceKind::kNav)};
}

}  // namespace

FieldSpec Spec(std::string name, FieldType type, bool required,
               std::vector<std::string> options) {
  FieldSpec f;
  f.name = std::move(name);
  f.type = type;
  f.required = required;
  f.options = std::move(options);
  f.label = Nb(f.name);
  return f;
}

Routine BtiRoutine() {
  Routine r;
  r.id = "test-bti";
  r.version = 1;
  r.tenant = "test";
  r.title = Nb("Test-BTI");
  r.reference_prefix = "TST";
  AddServices(r);
  r.initial = "undring";
  r.abuse_step = "meldt";
  DeadlineSpec none;
  r.steps = {
      MakeStep(
          "undring", StepKind::kConcern, 0, Reporter(), Days(14),
          {To("konkretiser", "observasjon"), To("ingen_grunn", "avsluttet")}),
      MakeStep(
          "observasjon", StepKind::kObservation, 0, Reporter(), Days(14),
          {To("drofte", "drofting", {Spec("observert_dato", FieldType::kDate)}),
           To("avslutt", "avsluttet")}),
      MakeStep("drofting", StepKind::kTeamMeeting, 0, ServiceR(kPpt),
               DeadlineSpec::WorkingDays(10),
               {To("samtale", "vurdering",
                   {Spec("samtale_dato", FieldType::kDate),
                    Spec("barnets_stemme", FieldType::kText, false)})}),
      MakeStep("vurdering", StepKind::kEvaluation, 0, Reporter(), Days(7),
               {To("niva1", "plan1"), To("niva2", "nettverk"),
                To("avslutt", "avsluttet")}),
      MakeStep("plan1", StepKind::kAction, 1, Baton(), Days(14),
               {To("evaluer", "evaluering")},
               {Spec("evaluering_dato", FieldType::kDate)}),
      MakeStep("evaluering", StepKind::kEvaluation, 1, Baton(),
               DeadlineSpec::Calendar(IsoDuration{0, 0, 6, 0}),
               {To("fortsett", "plan1"), To("opp", "nettverk"),
                To("avslutt", "avsluttet")},
               {Spec("barnets_stemme", FieldType::kBoolean)}),
      MakeStep("nettverk", StepKind::kTeamMeeting, 2, Baton(), Days(21),
               {To("evaluer", "evaluering",
                   {Spec("deltakere", FieldType::kServices)}),
                To("ned", "plan1"), To("opp", "tverrfaglig"),
                To("avslutt", "avsluttet")}),
      MakeStep(
          "tverrfaglig", StepKind::kTeamMeeting, 3, ServiceR(kHealth), Days(21),
          {To("ip", "ip_overfort",
              {Spec("koordinator", FieldType::kService),
               Spec("antall_tiltak", FieldType::kInteger, false),
               Spec("form", FieldType::kChoice, false, {"ip", "koordinator"})}),
           To("ned", "nettverk")}),
      MakeStep("meldt", StepKind::kAction, 3, Reporter(), Days(1),
               {To("videre", "tverrfaglig"), To("avslutt", "avsluttet")}),
      MakeStep("avsluttet", StepKind::kClosed, 0, Reporter(), none, {}),
      MakeStep("ip_overfort", StepKind::kClosed, 3, Reporter(), none, {}),
  };
  r.hash = "hash-test-bti-1";
  r.source_name = "test_routines.cc";
  return r;
}

Routine RoutineWithFields(std::vector<FieldSpec> fields) {
  Routine r;
  r.id = "test-fields";
  r.version = 1;
  r.tenant = "test";
  r.title = Nb("Felt");
  r.reference_prefix = "FLT";
  AddServices(r);
  r.initial = "skjema";
  r.abuse_step = "slutt";
  r.steps = {
      MakeStep("skjema", StepKind::kConcern, 0, Reporter(), Days(14),
               {To("send", "slutt", std::move(fields))}),
      MakeStep("slutt", StepKind::kClosed, 0, Reporter(), DeadlineSpec{}, {}),
  };
  r.hash = "hash-test-fields-1";
  return r;
}

TimePoint T0() { return At("2026-03-02T09:00:00Z"); }

TimePoint At(std::string_view iso) {
  auto t = ParseTimestamp(iso);
  EXPECT_TRUE(t.ok()) << iso;
  return t.ok() ? *t : TimePoint{};
}

Actor As(const std::string& service, Role role) {
  return Actor{"test", service, role};
}

Command OutcomeCmd(std::string outcome, Fields fields) {
  Command c;
  c.type = CommandType::kOutcome;
  c.outcome = std::move(outcome);
  c.fields = std::move(fields);
  return c;
}

Command ConsentCmd(std::vector<std::string> services, std::string valid_until,
                   std::string given_by) {
  Command c;
  c.type = CommandType::kConsent;
  c.services = std::move(services);
  c.valid_until = std::move(valid_until);
  c.given_by = std::move(given_by);
  return c;
}

Command WithdrawCmd() {
  Command c;
  c.type = CommandType::kWithdrawConsent;
  return c;
}

Command ExpireCmd() {
  Command c;
  c.type = CommandType::kExpireConsent;
  return c;
}

Command OfferCmd(std::string to_service) {
  Command c;
  c.type = CommandType::kOfferBaton;
  c.to_service = std::move(to_service);
  return c;
}

Command AcceptCmd() {
  Command c;
  c.type = CommandType::kAcceptBaton;
  return c;
}

Command DeclineCmd() {
  Command c;
  c.type = CommandType::kDeclineBaton;
  return c;
}

Command NoteCmd(std::string text) {
  Command c;
  c.type = CommandType::kNote;
  c.text = std::move(text);
  return c;
}

Command ReportCmd() {
  Command c;
  c.type = CommandType::kReportChildWelfare;
  return c;
}

Command CloseCmd(std::string reason) {
  Command c;
  c.type = CommandType::kClose;
  c.reason = std::move(reason);
  return c;
}

Snapshot Opened(const Routine& routine, const std::string& reporter,
                TimePoint now) {
  NewCase input{"c0ffee00c0ffee00c0ffee00c0ffee00",
                "TST-2026-0001",
                "6-12",
                {"trivsel"},
                "Eleven virker trist og trekker seg unna."};
  auto d = OpenCase(routine, input, As(reporter), now);
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.ok() ? d->snapshot : Snapshot{};
}

Snapshot Must(const Routine& routine, const Snapshot& snap, const Command& cmd,
              const std::string& service, TimePoint now) {
  auto d = Apply(snap, routine, cmd, As(service), now);
  EXPECT_TRUE(d.ok()) << CommandTypeName(cmd.type) << " " << cmd.outcome
                      << " by " << service << " at " << snap.step << ": "
                      << d.status().ToString();
  return d.ok() ? d->snapshot : snap;
}

Snapshot BtiCaseAt(const Routine& r, const std::string& step) {
  Snapshot s = Opened(r);
  if (step == "undring") return s;
  s = Must(r, s, OutcomeCmd("konkretiser"), kSchool);
  if (step == "observasjon") return s;
  s = Must(
      r, s,
      OutcomeCmd("drofte", {{"observert_dato", std::string("2026-03-01")}}),
      kSchool);
  if (step == "drofting") return s;
  s = Must(r, s,
           OutcomeCmd("samtale", {{"samtale_dato", std::string("2026-03-02")}}),
           kPpt);
  if (step == "vurdering") return s;
  if (step == "meldt")
    return Must(r, s, OutcomeCmd("suspected_abuse"), kSchool);
  s = Must(r, s, ConsentCmd({kSchool, kHealth, kPpt}), kSchool);
  s = Must(r, s, OfferCmd(kSchool), kSchool);
  s = Must(r, s, AcceptCmd(), kSchool);
  s = Must(r, s, OutcomeCmd("niva1"), kSchool);
  if (step == "plan1") return s;
  s = Must(
      r, s,
      OutcomeCmd("evaluer", {{"evaluering_dato", std::string("2026-04-15")}}),
      kSchool);
  if (step == "evaluering") return s;
  s = Must(r, s, OutcomeCmd("opp", {{"barnets_stemme", true}}), kSchool);
  if (step == "nettverk") return s;
  s = Must(r, s, OutcomeCmd("opp"), kSchool);
  if (step == "tverrfaglig") return s;
  ADD_FAILURE() << "BtiCaseAt: no way to " << step;
  return s;
}

FieldValue ValidValue(const FieldSpec& spec) {
  switch (spec.type) {
    case FieldType::kText:
      return std::string("Barnet sier det trives bedre.");
    case FieldType::kDate:
      return std::string("2026-03-20");
    case FieldType::kDateTime:
      return std::string("2026-03-20T12:00:00+01:00");
    case FieldType::kService:
      return kSchool;
    case FieldType::kServices:
      return std::vector<std::string>{kSchool, kHealth};
    case FieldType::kInteger:
      return std::int64_t{3};
    case FieldType::kBoolean:
      return true;
    case FieldType::kChoice:
      return spec.options.empty() ? std::string() : spec.options.front();
  }
  return std::string();
}

Fields ValidFields(const Step& step, const Outcome& outcome) {
  Fields f;
  for (const auto& s : step.fields) {
    if (s.required) f[s.name] = ValidValue(s);
  }
  for (const auto& s : outcome.fields) {
    if (s.required) f[s.name] = ValidValue(s);
  }
  return f;
}

}  // namespace stafett::engine::testing
