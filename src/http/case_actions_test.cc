// `actions` and `blocked` (http/case_actions.h) on workflows/bti.yaml:
// table-driven expectations for named case states, and the property that
// matters most: on every state and for every service, each listed action is
// accepted by engine::Apply with well-formed input, each blocked one is
// refused, and report_child_welfare is always there for the team.
#include "http/case_actions.h"

#include <functional>
#include <set>

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "routine/loader.h"

namespace stafett::http {
namespace {

using engine::Actor;
using engine::Command;
using engine::CommandType;
using engine::Role;
using engine::Snapshot;

const TimePoint kNow = FromMillis(1'780'000'000'000);  // 2026-05-28
constexpr char kSchool[] = "demo_skole";
constexpr char kHealth[] = "helsestasjon";

std::shared_ptr<const routine::Routine> Bti() {
  static auto r = [] {
#ifdef STAFETT_SOURCE_DIR
    const std::string path =
        std::string(STAFETT_SOURCE_DIR) + "/workflows/bti.yaml";
#else
    const std::string path = "workflows/bti.yaml";
#endif
    auto loaded = routine::LoadRoutineFile(path);
    EXPECT_TRUE(loaded.ok());
    return loaded.routine;
  }();
  return r;
}

Actor As(const std::string& service, Role role = Role::kWorker) {
  return Actor{"demo", service, role};
}

Command Outcome(const std::string& name, engine::Fields fields = {}) {
  Command c;
  c.type = CommandType::kOutcome;
  c.outcome = name;
  c.fields = std::move(fields);
  return c;
}

Command Of(CommandType type) {
  Command c;
  c.type = type;
  return c;
}

Command Consent(std::vector<std::string> services) {
  Command c = Of(CommandType::kConsent);
  c.given_by = "guardians";
  c.services = std::move(services);
  return c;
}

Command Offer(const std::string& to) {
  Command c = Of(CommandType::kOfferBaton);
  c.to_service = to;
  return c;
}

// A case walked through bti.yaml by a list of (service, command).
struct Walk {
  std::vector<std::pair<std::string, Command>> steps;
};

Snapshot WalkCase(const Walk& walk) {
  const auto& r = *Bti();
  engine::NewCase n;
  n.case_id = "0123456789abcdef0123456789abcdef";
  n.reference = "DEMO-2026-0001";
  n.age_band = "6-12";
  n.categories = {"trivsel"};
  n.text = "Sliten.";
  auto d = engine::OpenCase(r, n, As(kSchool), kNow);
  EXPECT_TRUE(d.ok()) << d.status().message();
  Snapshot s = d->snapshot;
  for (const auto& [service, cmd] : walk.steps) {
    auto next = engine::Apply(s, r, cmd, As(service), kNow);
    EXPECT_TRUE(next.ok()) << engine::CommandTypeName(cmd.type) << " "
                           << cmd.outcome << ": " << next.status().message();
    if (next.ok()) s = next->snapshot;
  }
  return s;
}

const std::vector<std::pair<std::string, Command>> kToDecision = {
    {kSchool, Outcome("describe")},
    {kSchool, Outcome("discuss", {{"observation", std::string("Sliten")}})},
    {kSchool, Outcome("talk_with_family",
                      {{"discussed_with", std::string("ressursteam")}})},
    {kSchool,
     Outcome("decide", {{"conversation_date", std::string("2026-05-27")},
                        {"child_view", std::string("Trives ikke")}})},
};

std::vector<std::pair<std::string, Command>> Then(
    std::vector<std::pair<std::string, Command>> a,
    const std::vector<std::pair<std::string, Command>>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// The named states every test below uses.
std::vector<std::pair<std::string, Walk>> States() {
  return {
      {"opened", {{}}},
      {"described", {{{kSchool, Outcome("describe")}}}},
      {"offered_to_health", {{{kSchool, Offer(kHealth)}}}},
      {"held_by_health",
       {{{kSchool, Offer(kHealth)}, {kHealth, Of(CommandType::kAcceptBaton)}}}},
      {"decision_no_consent", {kToDecision}},
      {"decision_consent_school",
       {Then(kToDecision, {{kSchool, Consent({kSchool})}})}},
      {"decision_consent_both",
       {Then(kToDecision, {{kSchool, Consent({kSchool, kHealth})}})}},
      {"level2_consent_step",
       {Then(kToDecision, {{kSchool, Consent({kSchool, kHealth})},
                           {kSchool, Outcome("level2")}})}},
      // bti's consent step keeps level 0 (consent: collect, issue 12); the
      // level-1 planning step after it is where the scope matters.
      {"level1_offer_uncovered",
       {Then(kToDecision, {{kSchool, Consent({kSchool})},
                           {kSchool, Outcome("level1")},
                           {kSchool, Outcome("consent_given")}})}},
      {"reported", {{{kSchool, Of(CommandType::kReportChildWelfare)}}}},
      {"withdrawn",
       {{{kSchool, Consent({kSchool, kHealth})},
         {kSchool, Of(CommandType::kWithdrawConsent)}}}},
      {"closed",
       {{{kSchool,
          [] {
            Command c = Of(CommandType::kClose);
            c.reason = "Ingen bekymring";
            return c;
          }()}}}},
  };
}

Snapshot StateNamed(const std::string& name) {
  for (const auto& [n, w] : States()) {
    if (n == name) return WalkCase(w);
  }
  ADD_FAILURE() << "no state " << name;
  return {};
}

std::string Key(CommandType t, const std::string& outcome) {
  std::string k = engine::CommandTypeName(t);
  if (!outcome.empty()) k += ":" + outcome;
  return k;
}

std::set<std::string> ActionKeys(const CaseActions& a) {
  std::set<std::string> out;
  for (const auto& x : a.actions) out.insert(Key(x.type, x.outcome));
  return out;
}

std::set<std::string> BlockedKeys(const CaseActions& a) {
  std::set<std::string> out;
  for (const auto& b : a.blocked) {
    out.insert(Key(b.type, b.outcome) + "/" + BlockReasonName(b.reason));
  }
  return out;
}

struct Expectation {
  std::string state;
  std::string service;
  Role role;
  std::set<std::string> actions;
  std::set<std::string> blocked;
};

TEST(CaseActionsTest, TableOfStates) {
  const std::vector<Expectation> table = {
      {"opened",
       kSchool,
       Role::kWorker,
       {"report_child_welfare", "note", "outcome:describe",
        "outcome:suspected_abuse", "consent", "offer_baton", "close"},
       {}},
      // The health service cannot see an anonymous case it has no part in.
      {"opened", kHealth, Role::kWorker, {}, {}},
      {"offered_to_health",
       kHealth,
       Role::kWorker,
       {"report_child_welfare", "note", "outcome:suspected_abuse",
        "accept_baton", "decline_baton"},
       {"outcome:describe/not_responsible", "consent/not_responsible",
        "offer_baton/baton_not_held", "close/not_responsible"}},
      {"offered_to_health",
       kSchool,
       Role::kCoordinator,
       {"report_child_welfare", "note", "outcome:describe",
        "outcome:suspected_abuse", "consent", "offer_baton", "close"},
       {}},
      {"held_by_health",
       kSchool,
       Role::kWorker,
       {"report_child_welfare", "note", "outcome:describe",
        "outcome:suspected_abuse", "consent", "close"},
       {"offer_baton/baton_not_held"}},
      // The routine's own "report" outcome leads to a level-3 step and so
      // needs consent; the report_child_welfare command never does.
      {"decision_no_consent",
       kSchool,
       Role::kUnitLeader,
       {"report_child_welfare", "note", "outcome:close", "outcome:level1",
        "outcome:level2", "outcome:suspected_abuse", "consent", "offer_baton",
        "close"},
       {"outcome:report/consent_missing"}},
      {"decision_consent_school",
       kSchool,
       Role::kWorker,
       {"report_child_welfare", "note", "outcome:close", "outcome:report",
        "outcome:level1", "outcome:level2", "outcome:suspected_abuse",
        "consent", "withdraw_consent", "offer_baton", "close"},
       {}},
      {"level1_offer_uncovered",
       kSchool,
       Role::kWorker,
       {"report_child_welfare", "note", "outcome:plan_ready", "consent",
        "withdraw_consent", "close"},
       {"offer_baton/consent_missing"}},
      // Still level 0 at the consent step: the abuse shortcut is open.
      {"level2_consent_step",
       kSchool,
       Role::kWorker,
       {"report_child_welfare", "note", "outcome:consent_given",
        "outcome:consent_refused", "outcome:suspected_abuse", "consent",
        "withdraw_consent", "offer_baton", "close"},
       {}},
      {"reported",
       kSchool,
       Role::kWorker,
       {"report_child_welfare", "confirm_child_welfare_report", "note",
        "outcome:describe", "outcome:suspected_abuse", "consent", "offer_baton",
        "close"},
       {}},
      {"closed",
       kSchool,
       Role::kWorker,
       {"report_child_welfare", "note"},
       {"outcome/case_closed"}},
      {"opened", kSchool, Role::kAuditor, {}, {"outcome/role_not_allowed"}},
  };
  const auto& r = *Bti();
  for (const auto& e : table) {
    SCOPED_TRACE(e.state + " as " + e.service);
    Snapshot s = StateNamed(e.state);
    CaseActions a = ActionsFor(s, r, Actor{"demo", e.service, e.role}, kNow);
    EXPECT_EQ(ActionKeys(a), e.actions);
    EXPECT_EQ(BlockedKeys(a), e.blocked);
  }
}

TEST(CaseActionsTest, MissingPiecesAreData) {
  const auto& r = *Bti();
  CaseActions a =
      ActionsFor(StateNamed("decision_no_consent"), r, As(kSchool), kNow);
  bool seen = false;
  // bti's consent steps collect consent (issue 12): its own "report"
  // outcome, into a level-3 step, is what still waits for consent here.
  for (const auto& b : a.blocked) {
    if (b.outcome != "report") continue;
    seen = true;
    EXPECT_EQ(b.reason, BlockReason::kConsentMissing);
    EXPECT_EQ(b.missing_services, std::vector<std::string>{kSchool});
  }
  EXPECT_TRUE(seen);

  a = ActionsFor(StateNamed("offered_to_health"), r, As(kHealth), kNow);
  for (const auto& b : a.blocked) {
    if (b.type == CommandType::kOutcome) {
      EXPECT_EQ(b.responsible, kSchool);
    }
  }
  JsonWriter w;
  w.BeginObject();
  WriteActions(w, a, r);
  w.EndObject();
  const std::string json = w.Take();
  EXPECT_NE(json.find(R"("reason":"not_responsible")"), std::string::npos);
  EXPECT_NE(json.find(R"("responsible":"demo_skole")"), std::string::npos);
  EXPECT_NE(json.find("Steget er ansvaret til Demo barneskole."),
            std::string::npos)
      << json;
  EXPECT_NE(
      json.find(
          R"("en":"This step is the responsibility of Demo barneskole.")"),
      std::string::npos);
}

TEST(CaseActionsTest, FormsAreBuiltFromRequires) {
  const auto& r = *Bti();
  CaseActions a =
      ActionsFor(StateNamed("level2_consent_step"), r, As(kSchool), kNow);
  JsonWriter w;
  w.BeginObject();
  WriteActions(w, a, r);
  w.EndObject();
  const std::string json = w.Take();
  // The step's services field offers exactly the consent's scope.
  EXPECT_NE(
      json.find(R"({"name":"participants","type":"services","required":true,)"),
      std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("services":["demo_skole","helsestasjon"])"),
            std::string::npos);
  // bti v2 records no consent date in a field: consent is a command.
  EXPECT_EQ(json.find("consent_date"), std::string::npos);

  a = ActionsFor(StateNamed("described"), r, As(kSchool), kNow);
  JsonWriter w2;
  w2.BeginObject();
  WriteActions(w2, a, r);
  w2.EndObject();
  const std::string j2 = w2.Take();
  EXPECT_NE(j2.find(R"({"name":"observation","type":"text","required":true)"),
            std::string::npos)
      << j2;
}

// --- the property ------------------------------------------------------------

engine::FieldValue ValueFor(const routine::FieldSpec& spec,
                            const routine::Routine& r,
                            const std::vector<std::string>& scope) {
  switch (spec.type) {
    case routine::FieldType::kText:
      return std::string("Tekst");
    case routine::FieldType::kDate:
      return std::string("2026-06-15");
    case routine::FieldType::kDateTime:
      return std::string("2026-06-15T10:00:00Z");
    case routine::FieldType::kService:
      // A measure's owner or a baton holder needs consent (issue 12).
      if (spec.role != routine::FieldRole::kNone && !scope.empty()) {
        return scope.front();
      }
      return spec.options.empty() ? r.services.front().id
                                  : spec.options.front();
    case routine::FieldType::kServices:
      return scope.empty() ? std::vector<std::string>{r.services.front().id}
                           : scope;
    case routine::FieldType::kInteger:
      return std::int64_t{1};
    case routine::FieldType::kBoolean:
      return true;
    case routine::FieldType::kChoice:
      return spec.options.front();
  }
  return std::string();
}

Command CommandFor(const CaseAction& a, const routine::Routine& r) {
  Command c = Of(a.type);
  switch (a.type) {
    case CommandType::kOutcome:
      c.outcome = a.outcome;
      for (const auto* spec : a.requires_fields) {
        c.fields[spec->name] = ValueFor(*spec, r, a.services);
      }
      break;
    case CommandType::kConsent:
      c.given_by = "guardians";
      c.services = a.services;
      break;
    case CommandType::kOfferBaton:
      c.to_service = a.services.front();
      break;
    case CommandType::kNote:
      c.text = "Notat";
      break;
    case CommandType::kClose:
      c.reason = "Ferdig";
      break;
    default:
      break;
  }
  return c;
}

Command CommandFor(const BlockedAction& b, const Snapshot& s,
                   const routine::Routine& r) {
  Command c = Of(b.type);
  switch (b.type) {
    case CommandType::kOutcome: {
      c.outcome = b.outcome.empty() ? "describe" : b.outcome;
      const routine::Step* step = r.FindStep(s.step);
      const routine::Outcome* o = step ? step->FindOutcome(c.outcome) : nullptr;
      if (step && o) {
        std::vector<const routine::FieldSpec*> specs;
        for (const auto& f : step->fields) specs.push_back(&f);
        for (const auto& f : o->fields) specs.push_back(&f);
        for (const auto* spec : specs) {
          c.fields[spec->name] = ValueFor(*spec, r, b.missing_services);
        }
      }
      break;
    }
    case CommandType::kConsent:
      c.given_by = "guardians";
      c.services = {kSchool};
      break;
    case CommandType::kOfferBaton:
      c.to_service = b.missing_services.empty() ? std::string("ppt")
                                                : b.missing_services.front();
      break;
    case CommandType::kClose:
      c.reason = "Ferdig";
      break;
    default:
      break;
  }
  return c;
}

TEST(CaseActionsTest, EveryActionIsAcceptedAndEveryBlockedOneRefused) {
  const auto& r = *Bti();
  int checked = 0;
  for (const auto& [name, walk] : States()) {
    const Snapshot s = WalkCase(walk);
    for (const auto& service : r.services) {
      for (Role role : {Role::kWorker, Role::kCoordinator, Role::kUnitLeader}) {
        const Actor actor = As(service.id, role);
        SCOPED_TRACE(name + " as " + service.id);
        CaseActions a = ActionsFor(s, r, actor, kNow);
        const bool sees = engine::CanSee(s, service.id, kNow);
        if (!sees) {
          EXPECT_TRUE(a.actions.empty() && a.blocked.empty());
          continue;
        }
        // The duty to report is never blocked.
        ASSERT_FALSE(a.actions.empty());
        EXPECT_EQ(a.actions.front().type, CommandType::kReportChildWelfare);
        for (const auto& b : a.blocked) {
          EXPECT_NE(b.type, CommandType::kReportChildWelfare);
        }
        for (const auto& x : a.actions) {
          auto d = engine::Apply(s, r, CommandFor(x, r), actor, kNow);
          EXPECT_TRUE(d.ok())
              << Key(x.type, x.outcome) << ": " << d.status().message();
          ++checked;
        }
        for (const auto& b : a.blocked) {
          auto d = engine::Apply(s, r, CommandFor(b, s, r), actor, kNow);
          EXPECT_FALSE(d.ok()) << Key(b.type, b.outcome);
          if (!d.ok()) {
            EXPECT_TRUE(d.status().code() == Code::kNotAllowed ||
                        d.status().code() == Code::kPermissionDenied)
                << Key(b.type, b.outcome) << ": " << d.status().message();
          }
          ++checked;
        }
        // And what the engine lists as allowed outcomes is listed here.
        std::set<std::string> outcomes;
        for (const auto& x : a.actions) {
          if (x.type == CommandType::kOutcome) outcomes.insert(x.outcome);
        }
        std::set<std::string> engine_outcomes;
        for (const auto& o : engine::Allowed(s, r, actor, kNow)) {
          engine_outcomes.insert(o.outcome);
        }
        EXPECT_EQ(outcomes, engine_outcomes);
      }
    }
  }
  EXPECT_GT(checked, 100);
}

}  // namespace
}  // namespace stafett::http
