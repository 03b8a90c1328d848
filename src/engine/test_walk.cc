#include "engine/test_walk.h"

#include <algorithm>
#include <deque>
#include <set>

#include "engine/rules.h"

namespace stafett::engine::testing {

namespace {

using routine::FieldSpec;
using routine::FieldType;
using routine::Routine;
using routine::Step;

std::vector<std::string> ServiceIds(const Routine& r) {
  std::vector<std::string> ids;
  for (const auto& s : r.services) ids.push_back(s.id);
  return ids;
}

Actor ActorOf(const Snapshot& s, const std::string& service,
              Role role = Role::kWorker) {
  return Actor{s.tenant, service, role};
}

std::string DateAfter(TimePoint now, int days) {
  return FormatDate(OsloDate(now + std::chrono::days{days}));
}

FieldValue ValueFor(const Routine& r, const Snapshot& s, const FieldSpec& f) {
  switch (f.type) {
    case FieldType::kText:
      return std::string("Tekst");
    case FieldType::kDate:
      return std::string("2026-05-04");
    case FieldType::kDateTime:
      return std::string("2026-05-04T10:00:00+02:00");
    case FieldType::kService:
      return r.services.front().id;
    case FieldType::kServices:
      // Name the services consent covers, so the outcome can be taken.
      if (s.consent && !s.consent->services.empty()) return s.consent->services;
      return std::vector<std::string>{s.reporter_service};
    case FieldType::kInteger:
      return std::int64_t{2};
    case FieldType::kBoolean:
      return true;
    case FieldType::kChoice:
      return f.options.empty() ? std::string() : f.options.front();
  }
  return std::string();
}

Command Cmd(CommandType t) {
  Command c;
  c.type = t;
  return c;
}

std::string Key(const Snapshot& s) {
  std::string k = CaseStatusName(s.status);
  k += "|" + s.step + "|" + SharingName(s.sharing) + "|" +
       BatonStateName(s.baton) + "|" + s.baton_holder + ">" +
       s.baton_offered_to + "|" + s.responsible_service + "|";
  if (s.consent) {
    for (const auto& c : s.consent->services) k += c + ",";
  }
  return k;
}

}  // namespace

std::vector<Move> CandidateMoves(const Routine& r, const Snapshot& s,
                                 TimePoint now) {
  std::vector<Move> moves;
  auto services = ServiceIds(r);
  const Step* step = r.FindStep(s.step);
  if (step != nullptr) {
    for (const auto& o : step->outcomes) {
      Command c = Cmd(CommandType::kOutcome);
      c.outcome = o.name;
      for (const auto* list : {&step->fields, &o.fields}) {
        for (const auto& f : *list) c.fields[f.name] = ValueFor(r, s, f);
      }
      for (const auto& svc : services) moves.push_back({c, ActorOf(s, svc)});
    }
  }
  Command abuse = Cmd(CommandType::kOutcome);
  abuse.outcome = "suspected_abuse";
  moves.push_back({abuse, ActorOf(s, s.reporter_service)});
  moves.push_back({abuse, ActorOf(s, s.responsible_service)});

  std::vector<std::vector<std::string>> scopes = {services,
                                                  {s.reporter_service}};
  if (services.size() > 2) scopes.push_back({services[1], services[2]});
  for (const auto& scope : scopes) {
    Command c = Cmd(CommandType::kConsent);
    c.given_by = "guardians";
    c.services = scope;
    c.valid_until = DateAfter(now, 180);
    moves.push_back({c, ActorOf(s, s.reporter_service)});
    moves.push_back({c, ActorOf(s, s.responsible_service)});
  }
  // One that runs out soon, so that expiry happens along the way.
  Command brief = Cmd(CommandType::kConsent);
  brief.given_by = "young_person";
  brief.services = services;
  brief.valid_until = DateAfter(now, 3);
  moves.push_back({brief, ActorOf(s, s.reporter_service)});
  moves.push_back(
      {Cmd(CommandType::kWithdrawConsent), ActorOf(s, s.reporter_service)});
  moves.push_back(
      {Cmd(CommandType::kExpireConsent), ActorOf(s, "", Role::kAdmin)});

  for (const auto& to : services) {
    Command c = Cmd(CommandType::kOfferBaton);
    c.to_service = to;
    moves.push_back({c, ActorOf(s, s.reporter_service)});
    if (!s.baton_holder.empty())
      moves.push_back({c, ActorOf(s, s.baton_holder)});
  }
  for (auto t : {CommandType::kAcceptBaton, CommandType::kDeclineBaton}) {
    if (!s.baton_offered_to.empty()) {
      moves.push_back({Cmd(t), ActorOf(s, s.baton_offered_to)});
    }
    moves.push_back({Cmd(t), ActorOf(s, s.reporter_service)});
  }
  Command note = Cmd(CommandType::kNote);
  note.text = "Notat";
  moves.push_back({note, ActorOf(s, s.reporter_service)});
  moves.push_back({Cmd(CommandType::kReportChildWelfare),
                   ActorOf(s, services.back(), Role::kAuditor)});
  moves.push_back({Cmd(CommandType::kConfirmChildWelfareReport),
                   ActorOf(s, s.reporter_service)});
  Command close = Cmd(CommandType::kClose);
  close.reason = "Avklart";
  moves.push_back({close, ActorOf(s, s.reporter_service)});
  moves.push_back({close, ActorOf(s, s.responsible_service)});
  return moves;
}

// The outcomes Allowed() offers the responsible service and the reporter,
// filled in as a form would be.
std::vector<Move> AllowedMoves(const Routine& r, const Snapshot& s,
                               TimePoint now) {
  std::vector<Move> moves;
  std::set<std::string> actors = {s.responsible_service, s.reporter_service};
  for (const auto& service : actors) {
    Actor a = ActorOf(s, service);
    for (const auto& o : Allowed(s, r, a, now)) {
      Command c = Cmd(CommandType::kOutcome);
      c.outcome = o.outcome;
      for (const auto* f : o.requires_fields) {
        c.fields[f->name] = ValueFor(r, s, *f);
      }
      moves.push_back({c, a});
      // Twice as likely to go on as to close, so walks reach deep steps.
      const Step* to = r.FindStep(o.to);
      if (to && to->kind != routine::StepKind::kClosed) moves.push_back({c, a});
    }
  }
  return moves;
}

Move GarbageMove(const Routine& r, const Snapshot& s, std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % n); };
  auto services = ServiceIds(r);
  services.push_back("bup");  // not in any routine
  Actor a = ActorOf(s, services[pick(services.size())]);
  Command c;
  switch (pick(6)) {
    case 0:
      c = Cmd(CommandType::kOutcome);
      c.outcome = pick(2) ? "finnes_ikke" : "";
      break;
    case 1: {
      c = Cmd(CommandType::kOutcome);
      const Step* step = r.FindStep(s.step);
      if (step && !step->outcomes.empty()) {
        c.outcome = step->outcomes[pick(step->outcomes.size())].name;
      }
      FieldValue values[] = {std::string(""), std::int64_t{7}, false,
                             std::vector<std::string>{"bup"},
                             std::string("2026-02-30")};
      c.fields[pick(2) ? "navn" : "dato"] = values[pick(5)];
      break;
    }
    case 2:
      c = Cmd(CommandType::kConsent);
      c.given_by = pick(2) ? "guardians" : "Ola";
      c.services = {services[pick(services.size())]};
      c.valid_until = pick(2) ? "2020-01-01" : "";
      break;
    case 3:
      c = Cmd(CommandType::kOfferBaton);
      c.to_service = services[pick(services.size())];
      break;
    case 4:
      c = Cmd(CommandType::kNote);
      c.text = pick(2) ? " " : "x";
      break;
    default:
      c = Cmd(CommandType::kClose);
      c.reason = pick(2) ? "" : "Ferdig";
      a.role = pick(2) ? Role::kAuditor : Role::kWorker;
  }
  return {c, a};
}

bool ClosedStepReachable(const Routine& r, const std::string& from) {
  std::set<std::string> seen{from};
  std::deque<std::string> queue{from};
  while (!queue.empty()) {
    const Step* s = r.FindStep(queue.front());
    queue.pop_front();
    if (s == nullptr) continue;
    if (s->kind == routine::StepKind::kClosed) return true;
    std::vector<std::string> next;
    for (const auto& o : s->outcomes) next.push_back(o.to);
    if (s->level == 0) next.push_back(r.abuse_step);
    for (const auto& n : next) {
      if (seen.insert(n).second) queue.push_back(n);
    }
  }
  return false;
}

::testing::AssertionResult IsLegal(const Routine& r, const Snapshot& s) {
  auto fail = [&](const std::string& why) {
    return ::testing::AssertionFailure() << Key(s) << ": " << why;
  };
  const Step* step = r.FindStep(s.step);
  if (step == nullptr) return fail("unknown step");
  if (s.level != step->level &&
      !(step->KeepsLevel() && step->kind != routine::StepKind::kClosed)) {
    return fail("level is not the step's");
  }
  bool closed_step = step->kind == routine::StepKind::kClosed;
  if (s.status == CaseStatus::kOpen) {
    if (closed_step) return fail("open on a closed step");
    if (!s.closed_reason.empty()) return fail("open with a closed reason");
    if (s.responsible_service != ResponsibleFor(*step, s)) {
      return fail("responsible is not the resolved one");
    }
    if (!ClosedStepReachable(r, s.step)) return fail("no way to close");
  } else if (s.closed_reason.empty()) {
    return fail("closed without a reason");
  }
  if (s.version < 1 || s.visit_seq < 1) return fail("version or visit_seq < 1");
  if (s.reporter_service.empty()) return fail("no reporter");

  if (s.sharing != Sharing::kAnonymous) {
    if (!s.consent) return fail("consent state without consent");
    if (s.consent->services.empty()) return fail("empty consent scope");
    for (const auto& svc : s.consent->services) {
      if (!r.FindService(svc)) return fail("unknown service in scope");
    }
    if (!ParseDate(s.consent->valid_until).ok()) return fail("bad valid_until");
    if (s.consent->given_by != "guardians" &&
        s.consent->given_by != "young_person") {
      return fail("given_by is not a role");
    }
  }
  bool holder = !s.baton_holder.empty();
  bool offer = !s.baton_offered_to.empty();
  switch (s.baton) {
    case BatonState::kNone:
      if (holder || offer) return fail("baton none with holder or offeree");
      break;
    case BatonState::kHeld:
      if (!holder || offer)
        return fail("baton held without holder, or offered");
      break;
    case BatonState::kOffered:
      if (!offer) return fail("baton offered to nobody");
      if (s.baton_holder == s.baton_offered_to)
        return fail("offered to holder");
      break;
  }
  for (const auto* svc : {&s.baton_holder, &s.baton_offered_to}) {
    if (svc->empty()) continue;
    if (!r.FindService(*svc)) return fail("unknown baton service");
    // As stored: a consent that ran out at midnight counts until the
    // expiry command has been processed.
    if (s.status == CaseStatus::kOpen &&
        !CanSeeAssuming(s, *svc, s.sharing == Sharing::kConsented)) {
      return fail("baton with " + *svc + ", who cannot see the case");
    }
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult IsWellFormed(const Routine& r,
                                        const Snapshot& before,
                                        const Decision& d, const Actor& actor,
                                        TimePoint now) {
  auto fail = [&](const std::string& why) {
    return ::testing::AssertionFailure() << why;
  };
  const Snapshot& s = d.snapshot;
  if (s.version != before.version + 1) return fail("version not old + 1");
  if (s.case_id != before.case_id ||
      s.reporter_service != before.reporter_service ||
      s.created_at != before.created_at ||
      s.routine_hash != before.routine_hash) {
    return fail("identity changed");
  }
  if (before.status == CaseStatus::kClosed && s.status != CaseStatus::kClosed) {
    return fail("reopened");
  }
  if (d.journal.empty()) return fail("no journal entry");
  for (const auto& e : d.journal) {
    if (e.at != now || e.actor_service != actor.service ||
        e.actor_role != actor.role) {
      return fail("journal entry without actor or time");
    }
    if (!r.FindStep(e.step)) return fail("journal entry at unknown step");
    if (e.detail_json.empty() || e.detail_json.front() != '{') {
      return fail("detail_json is not an object");
    }
  }
  if (d.entered) {
    if (d.entered->seq != s.visit_seq || d.entered->step != s.step) {
      return fail("entered visit does not match the snapshot");
    }
    if (!d.left || d.left->seq != before.visit_seq) {
      return fail("entered without leaving");
    }
  } else if (s.visit_seq != before.visit_seq || s.step != before.step) {
    return fail("step changed without a visit");
  }
  for (const auto& e : d.effects) {
    if (e.kind == Effect::Kind::kNotify) {
      if (!r.FindService(e.service)) return fail("notify to unknown service");
    } else if (e.deadline_kind != "step" && e.deadline_kind != "consent" &&
               e.deadline_kind != "baton" && e.deadline_kind != "report") {
      return fail("unknown deadline kind " + e.deadline_kind);
    }
  }
  return ::testing::AssertionSuccess();
}

WalkStats RandomWalks(const Routine& r, std::uint32_t seed, int walks,
                      int steps) {
  std::mt19937 rng(seed);
  WalkStats stats;
  // Stop at the first failure of these walks, not of the test so far.
  const bool failed_before = ::testing::Test::HasFailure();
  for (int w = 0; w < walks; ++w) {
    TimePoint now = *ParseTimestamp("2026-01-05T08:00:00Z") +
                    std::chrono::hours{rng() % (24 * 365)};
    const auto& reporter = r.services[rng() % r.services.size()].id;
    NewCase input{"0123456789abcdef0123456789abcdef",
                  "TST-2026-0001",
                  "13-15",
                  {},
                  "Bekymring"};
    auto opened = OpenCase(r, input, Actor{"t", reporter, Role::kWorker}, now);
    if (!opened.ok()) {
      ADD_FAILURE() << "open: " << opened.status().ToString();
      return stats;
    }
    Snapshot s = opened->snapshot;
    EXPECT_TRUE(IsLegal(r, s));
    stats.steps.insert(s.step);
    int after_close = 0;
    for (int i = 0; i < steps; ++i) {
      if (s.status == CaseStatus::kClosed && ++after_close > 5) break;
      now += std::chrono::minutes{rng() % (60 * 24 * 5)};
      Move m;
      unsigned dice = rng() % 10;
      std::vector<Move> guided;
      if (dice < 4) guided = AllowedMoves(r, s, now);
      if (s.sharing == Sharing::kConsented && !ConsentEffective(s, now) &&
          rng() % 2 == 0) {
        // The background worker notices a lapsed consent.
        m = {Cmd(CommandType::kExpireConsent), ActorOf(s, "", Role::kAdmin)};
      } else if (!guided.empty()) {
        // A client that offers what Allowed() lists drives cases deep.
        m = guided[rng() % guided.size()];
      } else if (dice < 8) {
        auto moves = CandidateMoves(r, s, now);
        m = moves[rng() % moves.size()];
      } else {
        m = GarbageMove(r, s, rng);
      }
      auto d = Apply(s, r, m.cmd, m.actor, now);
      if (!d.ok()) {
        EXPECT_NE(d.status().code(), Code::kInternal)
            << "seed " << seed << " walk " << w << " step " << i << ": "
            << d.status().ToString();
        EXPECT_NE(m.cmd.type, CommandType::kReportChildWelfare)
            << d.status().ToString();
        EXPECT_FALSE(d.status().message().empty());
        stats.refusal_codes.insert(CodeName(d.status().code()));
        continue;
      }
      ++stats.accepted;
      stats.commands.insert(CommandTypeName(m.cmd.type));
      EXPECT_TRUE(IsWellFormed(r, s, *d, m.actor, now))
          << CommandTypeName(m.cmd.type) << " " << m.cmd.outcome << " at "
          << s.step << " (seed " << seed << " walk " << w << " step " << i
          << ")";
      EXPECT_TRUE(IsLegal(r, d->snapshot))
          << CommandTypeName(m.cmd.type) << " " << m.cmd.outcome << " by "
          << m.actor.service << " from " << Key(s) << " (seed " << seed
          << " walk " << w << " step " << i << ")";
      s = d->snapshot;
      stats.steps.insert(s.step);
      if (!failed_before && ::testing::Test::HasFailure()) return stats;
    }
  }
  return stats;
}

}  // namespace stafett::engine::testing
