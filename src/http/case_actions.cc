#include "http/case_actions.h"

#include <algorithm>
#include <optional>

#include "engine/engine.h"
#include "engine/fields.h"
#include "engine/rules.h"
#include "http/lang_json.h"

namespace stafett::http {
namespace {

using engine::CommandType;

bool IsTeam(engine::Role r) {
  return r == engine::Role::kWorker || r == engine::Role::kCoordinator ||
         r == engine::Role::kUnitLeader;
}

bool NeedsConsentForFields(
    const std::vector<const routine::FieldSpec*>& specs) {
  for (const auto* f : specs) {
    if (f->type == routine::FieldType::kServices && f->required) return true;
  }
  return false;
}

std::vector<std::string> AllServices(const routine::Routine& routine) {
  std::vector<std::string> out;
  for (const auto& s : routine.services) out.push_back(s.id);
  return out;
}

// The services effective consent covers now (empty without one).
std::vector<std::string> ConsentScope(const engine::Snapshot& snap,
                                      TimePoint now) {
  if (!engine::ConsentEffective(snap, now) || !snap.consent) return {};
  return snap.consent->services;
}

BlockedAction Blocked(CommandType type, BlockReason reason,
                      std::string outcome = {}) {
  BlockedAction b;
  b.type = type;
  b.reason = reason;
  b.outcome = std::move(outcome);
  return b;
}

// Why `actor` may not choose outcomes in `step` (nullopt: it may).
std::optional<BlockedAction> OutcomeOwner(const engine::Snapshot& snap,
                                          const routine::Step& step,
                                          const engine::Actor& actor) {
  const std::string responsible = engine::ResponsibleFor(step, snap);
  if (actor.service == responsible) return std::nullopt;
  BlockedAction b =
      Blocked(CommandType::kOutcome,
              step.responsible.kind == routine::Responsible::Kind::kBatonHolder
                  ? BlockReason::kBatonNotHeld
                  : BlockReason::kNotResponsible);
  b.responsible = responsible;
  return b;
}

void AddOutcomes(const engine::Snapshot& snap, const routine::Routine& routine,
                 const engine::Actor& actor, TimePoint now, CaseActions& out) {
  const routine::Step& step = *routine.FindStep(snap.step);
  const auto owner = OutcomeOwner(snap, step, actor);
  const bool consent = engine::ConsentEffective(snap, now);
  for (const auto& o : step.outcomes) {
    const routine::Step* to = routine.FindStep(o.to);
    if (to == nullptr) continue;
    if (owner) {
      BlockedAction b = *owner;
      b.outcome = o.name;
      out.blocked.push_back(std::move(b));
      continue;
    }
    auto missing =
        engine::NotCovered(snap, engine::ServicesEntering(*to, snap), now);
    auto specs = engine::SpecsFor(step, &o);
    if (missing.empty() && !consent && NeedsConsentForFields(specs)) {
      // Naming participating services needs a consent; none is in force.
      BlockedAction b =
          Blocked(CommandType::kOutcome, BlockReason::kConsentMissing, o.name);
      out.blocked.push_back(std::move(b));
      continue;
    }
    if (!missing.empty()) {
      BlockedAction b =
          Blocked(CommandType::kOutcome, BlockReason::kConsentMissing, o.name);
      b.missing_services = std::move(missing);
      out.blocked.push_back(std::move(b));
      continue;
    }
    CaseAction a;
    a.type = CommandType::kOutcome;
    a.outcome = o.name;
    a.to = o.to;
    a.definition = &o;
    a.requires_fields = std::move(specs);
    a.services = ConsentScope(snap, now);
    out.actions.push_back(std::move(a));
  }
  // The abuse shortcut: anyone who sees a level-0 case, no consent.
  if (snap.level == 0 && routine.FindStep(routine.abuse_step) != nullptr) {
    CaseAction a;
    a.type = CommandType::kOutcome;
    a.outcome = std::string(engine::kSuspectedAbuse);
    a.to = routine.abuse_step;
    out.actions.push_back(std::move(a));
  }
}

void AddConsent(const engine::Snapshot& snap, const routine::Routine& routine,
                const engine::Actor& actor, CaseActions& out) {
  const routine::Step& step = *routine.FindStep(snap.step);
  if (!engine::IsCaseWorker(snap, step, actor.service)) {
    BlockedAction b =
        Blocked(CommandType::kConsent, BlockReason::kNotResponsible);
    b.responsible = engine::ResponsibleFor(step, snap);
    out.blocked.push_back(std::move(b));
  } else {
    CaseAction a;
    a.type = CommandType::kConsent;
    a.services = AllServices(routine);
    out.actions.push_back(std::move(a));
  }
  if (snap.sharing == engine::Sharing::kConsented) {
    CaseAction a;
    a.type = CommandType::kWithdrawConsent;
    out.actions.push_back(std::move(a));
  }
}

void AddBaton(const engine::Snapshot& snap, const routine::Routine& routine,
              const engine::Actor& actor, TimePoint now, CaseActions& out) {
  const routine::Step& step = *routine.FindStep(snap.step);
  const std::string responsible = engine::ResponsibleFor(step, snap);
  const bool may_offer = snap.baton_holder.empty()
                             ? (actor.service == snap.reporter_service ||
                                actor.service == responsible)
                             : actor.service == snap.baton_holder;
  if (!may_offer) {
    BlockedAction b =
        Blocked(CommandType::kOfferBaton, BlockReason::kBatonNotHeld);
    b.responsible = snap.baton_holder.empty() ? responsible : snap.baton_holder;
    out.blocked.push_back(std::move(b));
  } else {
    std::vector<std::string> candidates;
    for (const auto& s : routine.services) {
      // Not to whoever has it or is offered it, and not to oneself.
      if (s.id == snap.baton_holder || s.id == snap.baton_offered_to ||
          s.id == actor.service) {
        continue;
      }
      candidates.push_back(s.id);
    }
    std::vector<std::string> allowed = candidates;
    if (snap.level > 0) {
      auto uncovered = engine::NotCovered(snap, candidates, now);
      std::erase_if(allowed, [&](const std::string& s) {
        return std::find(uncovered.begin(), uncovered.end(), s) !=
               uncovered.end();
      });
      if (allowed.empty()) {
        BlockedAction b =
            Blocked(CommandType::kOfferBaton, BlockReason::kConsentMissing);
        b.missing_services = std::move(uncovered);
        out.blocked.push_back(std::move(b));
      }
    }
    if (!allowed.empty()) {
      CaseAction a;
      a.type = CommandType::kOfferBaton;
      a.services = std::move(allowed);
      out.actions.push_back(std::move(a));
    }
  }
  if (snap.baton == engine::BatonState::kOffered &&
      actor.service == snap.baton_offered_to) {
    auto missing = snap.level > 0
                       ? engine::NotCovered(snap, {actor.service}, now)
                       : std::vector<std::string>{};
    if (missing.empty()) {
      out.actions.push_back(CaseAction{CommandType::kAcceptBaton});
    } else {
      BlockedAction b =
          Blocked(CommandType::kAcceptBaton, BlockReason::kConsentMissing);
      b.missing_services = std::move(missing);
      out.blocked.push_back(std::move(b));
    }
    out.actions.push_back(CaseAction{CommandType::kDeclineBaton});
  }
}

void AddClose(const engine::Snapshot& snap, const routine::Routine& routine,
              const engine::Actor& actor, CaseActions& out) {
  const routine::Step& step = *routine.FindStep(snap.step);
  const std::string responsible = engine::ResponsibleFor(step, snap);
  if (actor.service == responsible || actor.service == snap.reporter_service) {
    out.actions.push_back(CaseAction{CommandType::kClose});
  } else {
    BlockedAction b =
        Blocked(CommandType::kClose, BlockReason::kNotResponsible);
    b.responsible = responsible;
    out.blocked.push_back(std::move(b));
  }
}

// --- messages --------------------------------------------------------------

std::string Names(const std::vector<std::string>& ids,
                  const routine::Routine& routine, const char* lang,
                  const char* and_word) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0)
      out += i + 1 == ids.size() ? std::string(" ") + and_word + " " : ", ";
    out += ServiceDisplayName(routine, ids[i], lang);
  }
  return out;
}

LangText MessageOf(const BlockedAction& b, const routine::Routine& routine) {
  LangText m;
  switch (b.reason) {
    case BlockReason::kConsentMissing:
      if (b.missing_services.empty()) {
        m = {"Krever samtykke fra foresatte.", "Krev samtykke frå føresette.",
             "Gáibida ovddasteaddjiid miehtama.",
             "Needs consent from the guardians."};
      } else {
        m = {"Krever samtykke fra foresatte som omfatter " +
                 Names(b.missing_services, routine, "nb", "og") + ".",
             "Krev samtykke frå føresette som omfattar " +
                 Names(b.missing_services, routine, "nn", "og") + ".",
             "Gáibida ovddasteaddjiid miehtama mii guoská " +
                 Names(b.missing_services, routine, "se", "ja") + ".",
             "Needs consent from the guardians covering " +
                 Names(b.missing_services, routine, "en", "and") + "."};
      }
      break;
    case BlockReason::kNotResponsible:
      m = {"Steget er ansvaret til " +
               ServiceDisplayName(routine, b.responsible, "nb") + ".",
           "Steget er ansvaret til " +
               ServiceDisplayName(routine, b.responsible, "nn") + ".",
           "Lávki lea " + ServiceDisplayName(routine, b.responsible, "se") +
               " ovddasvástádus.",
           "This step is the responsibility of " +
               ServiceDisplayName(routine, b.responsible, "en") + "."};
      break;
    case BlockReason::kBatonNotHeld:
      m = {"Bare den som har stafettpinnen (" +
               ServiceDisplayName(routine, b.responsible, "nb") +
               "), kan gjøre dette.",
           "Berre den som har stafettpinnen (" +
               ServiceDisplayName(routine, b.responsible, "nn") +
               "), kan gjere dette.",
           "Dušše stafeahttasoabbi doalli (" +
               ServiceDisplayName(routine, b.responsible, "se") +
               ") sáhttá dahkat dán.",
           "Only the baton holder (" +
               ServiceDisplayName(routine, b.responsible, "en") +
               ") can do this."};
      break;
    case BlockReason::kRoleNotAllowed:
      m = {"Rollen din kan ikke endre saker.",
           "Rolla di kan ikkje endre saker.",
           "Du rolla ii sáhte rievdadit áššiid.",
           "Your role cannot change cases."};
      break;
    case BlockReason::kCaseClosed:
      m = {"Saken er avsluttet.", "Saka er avslutta.", "Ášši lea loahpahuvvon.",
           "The case is closed."};
      break;
  }
  return m;
}

// A service or services field may list the services it allows (options).
bool Permitted(const routine::FieldSpec& spec, const std::string& service) {
  return spec.options.empty() ||
         std::find(spec.options.begin(), spec.options.end(), service) !=
             spec.options.end();
}

void WriteSpec(JsonWriter& w, const routine::FieldSpec& spec,
               const routine::Routine& routine,
               const std::vector<std::string>& consent_scope) {
  w.BeginObject()
      .Field("name", spec.name)
      .Field("type", routine::FieldTypeName(spec.type))
      .Field("required", spec.required);
  w.Key("label");
  if (spec.label.by_lang.empty()) {
    routine::Text t;
    t.by_lang["nb"] = spec.name;
    WriteLang(w, t);
  } else {
    WriteLang(w, spec.label);
  }
  if (spec.type == routine::FieldType::kChoice) {
    w.Key("choices").BeginArray();
    for (const auto& o : spec.options) w.String(o);
    w.EndArray();
  } else if (spec.type == routine::FieldType::kService) {
    // The field's own list when the routine gives one, else every service.
    w.Key("services").BeginArray();
    for (const auto& s : routine.services) {
      if (Permitted(spec, s.id)) w.String(s.id);
    }
    w.EndArray();
  } else if (spec.type == routine::FieldType::kServices) {
    // Naming participants needs consent covering each of them.
    w.Key("services").BeginArray();
    for (const auto& s : consent_scope) {
      if (Permitted(spec, s)) w.String(s);
    }
    w.EndArray();
  }
  w.EndObject();
}

void WriteStrings(JsonWriter& w, std::string_view key,
                  const std::vector<std::string>& v) {
  w.Key(key).BeginArray();
  for (const auto& s : v) w.String(s);
  w.EndArray();
}

}  // namespace

const char* BlockReasonName(BlockReason r) {
  switch (r) {
    case BlockReason::kConsentMissing:
      return "consent_missing";
    case BlockReason::kNotResponsible:
      return "not_responsible";
    case BlockReason::kBatonNotHeld:
      return "baton_not_held";
    case BlockReason::kRoleNotAllowed:
      return "role_not_allowed";
    case BlockReason::kCaseClosed:
      return "case_closed";
  }
  return "not_responsible";
}

CaseActions ActionsFor(const engine::Snapshot& snap,
                       const routine::Routine& routine,
                       const engine::Actor& actor, TimePoint now) {
  CaseActions out;
  if (snap.routine_hash != routine.hash ||
      routine.FindStep(snap.step) == nullptr) {
    return out;
  }
  if (!engine::CanSee(snap, actor.service, now)) return out;
  if (!IsTeam(actor.role)) {
    out.blocked.push_back(
        Blocked(CommandType::kOutcome, BlockReason::kRoleNotAllowed));
    return out;
  }
  // The duty to report comes first, and nothing can block it.
  out.actions.push_back(CaseAction{CommandType::kReportChildWelfare});
  if (snap.child_welfare_reported_at && !snap.child_welfare_confirmed_at) {
    out.actions.push_back(CaseAction{CommandType::kConfirmChildWelfareReport});
  }
  out.actions.push_back(CaseAction{CommandType::kNote});
  if (snap.status != engine::CaseStatus::kOpen) {
    out.blocked.push_back(
        Blocked(CommandType::kOutcome, BlockReason::kCaseClosed));
    return out;
  }
  AddOutcomes(snap, routine, actor, now, out);
  AddConsent(snap, routine, actor, out);
  AddBaton(snap, routine, actor, now, out);
  AddClose(snap, routine, actor, out);
  return out;
}

void WriteActions(JsonWriter& w, const CaseActions& a,
                  const routine::Routine& routine) {
  w.Key("actions").BeginArray();
  for (const auto& x : a.actions) {
    w.BeginObject().Field("type", engine::CommandTypeName(x.type));
    switch (x.type) {
      case CommandType::kOutcome: {
        w.Field("outcome", x.outcome).Field("to", x.to);
        w.Key("label");
        if (x.definition != nullptr && !x.definition->label.by_lang.empty()) {
          WriteLang(w, x.definition->label);
        } else if (x.outcome == engine::kSuspectedAbuse) {
          WriteLang(w, LangText{"Mistanke om vold eller overgrep",
                                "Mistanke om vald eller overgrep",
                                "Eahpádus veahkaválddi dahje illastemiid",
                                "Suspected violence or abuse"});
        } else {
          routine::Text t;
          t.by_lang["nb"] = x.outcome;
          WriteLang(w, t);
        }
        if (const routine::Step* to = routine.FindStep(x.to)) {
          w.Key("to_title");
          WriteLang(w, to->title);
          w.Field("to_level", to->level);
        }
        w.Key("requires").BeginArray();
        for (const auto* spec : x.requires_fields) {
          WriteSpec(w, *spec, routine, x.services);
        }
        w.EndArray();
        break;
      }
      case CommandType::kConsent:
        w.Key("given_by")
            .BeginArray()
            .String("guardians")
            .String("young_person");
        w.EndArray();
        WriteStrings(w, "services", x.services);
        break;
      case CommandType::kOfferBaton:
        WriteStrings(w, "services", x.services);
        break;
      case CommandType::kClose:
        w.Field("requires_reason", true);
        break;
      case CommandType::kNote:
        w.Field("requires_text", true);
        break;
      default:
        break;
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("blocked").BeginArray();
  for (const auto& b : a.blocked) {
    w.BeginObject().Field("type", engine::CommandTypeName(b.type));
    if (!b.outcome.empty()) w.Field("outcome", b.outcome);
    w.Field("reason", BlockReasonName(b.reason));
    w.Key("missing").BeginObject();
    if (b.reason == BlockReason::kConsentMissing) {
      WriteStrings(w, "services", b.missing_services);
    }
    w.EndObject();
    if (!b.responsible.empty()) w.Field("responsible", b.responsible);
    w.Key("message");
    WriteLang(w, MessageOf(b, routine));
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace stafett::http
