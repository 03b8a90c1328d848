#include "engine/fields.h"

#include <algorithm>

#include "engine/rules.h"

namespace stafett::engine {

namespace {

using routine::FieldSpec;
using routine::FieldType;

bool Blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  });
}

std::string KindOf(const FieldValue& v) {
  switch (v.index()) {
    case 0:
      return "tekst";
    case 1:
      return "heltall";
    case 2:
      return "sann/usann";
    case 3:
      return "liste";
  }
  return "?";
}

// What a value of `type` must look like, for messages.
std::string Expected(const FieldSpec& spec) {
  switch (spec.type) {
    case FieldType::kText:
      return "en tekst som ikke er tom";
    case FieldType::kDate:
      return "en dato (ÅÅÅÅ-MM-DD)";
    case FieldType::kDateTime:
      return "et tidspunkt (ÅÅÅÅ-MM-DDTtt:mm:ssZ eller med tidssone)";
    case FieldType::kService:
      return "én tjeneste-id fra rutinen";
    case FieldType::kServices:
      return "en liste med minst én tjeneste-id fra rutinen";
    case FieldType::kInteger:
      return "et heltall";
    case FieldType::kBoolean:
      return "sann eller usann (true/false)";
    case FieldType::kChoice:
      return "ett av valgene " + JoinNames(spec.options);
  }
  return "?";
}

Status Bad(const FieldSpec& spec, const std::string& why) {
  return Status::Invalid("Feltet " + Quoted(spec.name) + " må være " +
                             Expected(spec) + (why.empty() ? "" : ": " + why) +
                             ".",
                         "fields." + spec.name);
}

std::string KnownServices(const routine::Routine& routine) {
  std::vector<std::string> ids;
  for (const auto& s : routine.services) ids.push_back(s.id);
  return JoinNames(ids);
}

Status CheckValue(const routine::Routine& routine, const FieldSpec& spec,
                  const FieldValue& value) {
  const auto* str = std::get_if<std::string>(&value);
  switch (spec.type) {
    case FieldType::kText:
      if (!str) return Bad(spec, "fikk " + KindOf(value));
      if (Blank(*str)) return Bad(spec, "teksten er tom");
      return Status::Ok();
    case FieldType::kDate:
      if (!str) return Bad(spec, "fikk " + KindOf(value));
      if (!ParseDate(*str).ok()) {
        return Bad(spec, Quoted(*str) + " er ikke en gyldig dato");
      }
      return Status::Ok();
    case FieldType::kDateTime:
      if (!str) return Bad(spec, "fikk " + KindOf(value));
      if (!ParseTimestamp(*str).ok()) {
        return Bad(spec, Quoted(*str) + " er ikke et gyldig tidspunkt");
      }
      return Status::Ok();
    case FieldType::kService:
      if (!str) return Bad(spec, "fikk " + KindOf(value));
      if (!routine.FindService(*str)) {
        return Bad(spec, Quoted(*str) + " er ikke en tjeneste i rutinen (" +
                             KnownServices(routine) + ")");
      }
      return Status::Ok();
    case FieldType::kServices: {
      const auto* list = std::get_if<std::vector<std::string>>(&value);
      if (!list) return Bad(spec, "fikk " + KindOf(value));
      if (list->empty()) return Bad(spec, "listen er tom");
      for (const auto& id : *list) {
        if (!routine.FindService(id)) {
          return Bad(spec, Quoted(id) + " er ikke en tjeneste i rutinen (" +
                               KnownServices(routine) + ")");
        }
      }
      return Status::Ok();
    }
    case FieldType::kInteger:
      if (!std::holds_alternative<std::int64_t>(value)) {
        return Bad(spec, "fikk " + KindOf(value));
      }
      return Status::Ok();
    case FieldType::kBoolean:
      if (!std::holds_alternative<bool>(value)) {
        return Bad(spec, "fikk " + KindOf(value));
      }
      return Status::Ok();
    case FieldType::kChoice:
      if (!str) return Bad(spec, "fikk " + KindOf(value));
      if (std::find(spec.options.begin(), spec.options.end(), *str) ==
          spec.options.end()) {
        return Bad(spec, Quoted(*str) + " er ikke et av valgene");
      }
      return Status::Ok();
  }
  return Status::Ok();
}

}  // namespace

std::vector<const FieldSpec*> SpecsFor(const routine::Step& step,
                                       const routine::Outcome* outcome) {
  std::vector<const FieldSpec*> specs;
  for (const auto& f : step.fields) specs.push_back(&f);
  if (outcome) {
    for (const auto& f : outcome->fields) specs.push_back(&f);
  }
  return specs;
}

Status ValidateFields(const routine::Routine& routine,
                      const std::vector<const FieldSpec*>& specs,
                      const Fields& fields) {
  auto find = [&](const std::string& name) -> const FieldSpec* {
    for (const auto* s : specs) {
      if (s->name == name) return s;
    }
    return nullptr;
  };
  // Unknown names first: a misspelt field would otherwise surface as a
  // confusing "required field missing" for its correct spelling.
  for (const auto& [name, value] : fields) {
    if (find(name) == nullptr) {
      std::vector<std::string> names;
      for (const auto* s : specs) names.push_back(s->name);
      return Status::Invalid(
          "Feltet " + Quoted(name) +
              " hører ikke til dette utfallet. Mulige felt: " +
              JoinNames(names) + ".",
          "fields." + name);
    }
  }
  for (const auto* spec : specs) {
    auto it = fields.find(spec->name);
    if (it == fields.end()) {
      if (spec->required) {
        return Status::Invalid("Feltet " + Quoted(spec->name) +
                                   " må fylles ut (" + Expected(*spec) + ").",
                               "fields." + spec->name);
      }
      continue;
    }
    STAFETT_RETURN_IF_ERROR(CheckValue(routine, *spec, it->second));
  }
  return Status::Ok();
}

std::vector<std::string> NamedServices(
    const std::vector<const FieldSpec*>& specs, const Fields& fields) {
  std::vector<std::string> named;
  for (const auto* spec : specs) {
    if (spec->type != FieldType::kServices) continue;
    auto it = fields.find(spec->name);
    if (it == fields.end()) continue;
    if (const auto* list = std::get_if<std::vector<std::string>>(&it->second)) {
      named.insert(named.end(), list->begin(), list->end());
    }
  }
  return named;
}

void WriteFields(JsonWriter& json, const Fields& fields) {
  json.BeginObject();
  for (const auto& [name, value] : fields) {
    json.Key(name);
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::string>) {
            json.String(v);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            json.Int(v);
          } else if constexpr (std::is_same_v<T, bool>) {
            json.Bool(v);
          } else {
            json.BeginArray();
            for (const auto& s : v) json.String(s);
            json.EndArray();
          }
        },
        value);
  }
  json.EndObject();
}

}  // namespace stafett::engine
