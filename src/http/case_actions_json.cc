// The JSON of `actions` and `blocked` (http/case_actions.h): the forms
// each action needs, and each refusal's reason, missing pieces and sentence
// in nb, nn, se and en, with services named in the language.
#include <algorithm>

#include "engine/rules.h"
#include "http/case_actions.h"
#include "http/lang_json.h"
#include "routine/labels.h"

namespace stafett::http {
namespace {

using engine::CommandType;

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
  // fmtcore (issue 12): what the engine does with the value.
  if (spec.role != routine::FieldRole::kNone) {
    w.Field("role", routine::FieldRoleName(spec.role));
  }
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
  } else if (spec.type == routine::FieldType::kService &&
             spec.role != routine::FieldRole::kNone && !consent_scope.empty()) {
    // fmtcore (issue 12): a measure's owner or the baton holder must be
    // covered by the consent, so offer its scope.
    w.Key("services").BeginArray();
    for (const auto& s : consent_scope) {
      if (Permitted(spec, s)) w.String(s);
    }
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
          // fmtnotify: one label for the API, diagrams and web app.
          WriteLang(w, routine::SuspectedAbuseLabel());
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
