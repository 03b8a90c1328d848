#include "http/json_codec.h"

#include <set>

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "http/body_json.h"

namespace stafett::http {
namespace {

using Poco::Dynamic::Var;
using ObjectPtr = Poco::JSON::Object::Ptr;
using ArrayPtr = Poco::JSON::Array::Ptr;

// Requests are flat; a deep document is an attack or a mistake, and the
// parser's default depth (128) lets recursion run far.
constexpr int kMaxDepth = 16;

bool IsObject(const Var& v) { return v.type() == typeid(ObjectPtr); }
bool IsArray(const Var& v) { return v.type() == typeid(ArrayPtr); }

// The JSON type of a value, in bokmål, for messages.
const char* TypeWord(const Var& v) {
  if (v.isEmpty()) return "null";
  if (v.isString()) return "tekst";
  if (v.isBoolean()) return "sann/usann";
  if (v.isInteger()) return "heltall";
  if (v.isNumeric()) return "desimaltall";
  if (IsArray(v)) return "liste";
  if (IsObject(v)) return "objekt";
  return "ukjent type";
}

Status WrongType(const std::string& field, const char* expected,
                 const Var& got) {
  return Status::Invalid("Feltet «" + field + "» må være " + expected +
                             ", men er " + TypeWord(got) + ".",
                         field);
}

// JSON may carry "\u0000", which PostgreSQL cannot store in text; refuse
// it here rather than fail in the database.
Status CheckNoNul(const std::string& name, const std::string& s) {
  if (s.find('\0') != std::string::npos) {
    return Status::Invalid("Feltet «" + name + "» inneholder et ugyldig tegn.",
                           name);
  }
  return Status::Ok();
}

// Reads typed values out of one object and remembers which keys it looked
// at, so that Finish() can refuse the rest.
class Reader {
 public:
  Reader(ObjectPtr obj, std::string prefix = {})
      : obj_(std::move(obj)), prefix_(std::move(prefix)) {}

  std::string Name(const std::string& key) const { return prefix_ + key; }

  bool Has(const std::string& key) {
    seen_.insert(key);
    return obj_->has(key) && !obj_->get(key).isEmpty();
  }

  Result<std::string> String(const std::string& key, bool required,
                             size_t max_bytes) {
    seen_.insert(key);
    const std::string name = Name(key);
    if (!obj_->has(key) || obj_->get(key).isEmpty()) {
      if (required) return Missing(name);
      return std::string();
    }
    Var v = obj_->get(key);
    if (!v.isString()) return WrongType(name, "tekst", v);
    std::string s = v.extract<std::string>();
    STAFETT_RETURN_IF_ERROR(CheckString(name, s, required, max_bytes));
    return s;
  }

  Result<std::vector<std::string>> StringList(const std::string& key,
                                              bool required, bool non_empty,
                                              size_t max_bytes) {
    seen_.insert(key);
    const std::string name = Name(key);
    std::vector<std::string> out;
    if (!obj_->has(key) || obj_->get(key).isEmpty()) {
      if (required) return Missing(name);
      return out;
    }
    Var v = obj_->get(key);
    if (!IsArray(v)) return WrongType(name, "en liste med tekster", v);
    ArrayPtr arr = v.extract<ArrayPtr>();
    if (arr->size() > kMaxListItems) {
      return Status::Invalid("Feltet «" + name + "» kan ha høyst " +
                                 std::to_string(kMaxListItems) + " verdier.",
                             name);
    }
    if (non_empty && arr->size() == 0) {
      return Status::Invalid("Feltet «" + name + "» kan ikke være tomt.", name);
    }
    for (size_t i = 0; i < arr->size(); ++i) {
      const std::string item = name + "[" + std::to_string(i) + "]";
      Var e = arr->get(static_cast<unsigned>(i));
      if (!e.isString()) return WrongType(item, "tekst", e);
      std::string s = e.extract<std::string>();
      STAFETT_RETURN_IF_ERROR(CheckString(item, s, true, max_bytes));
      out.push_back(std::move(s));
    }
    return out;
  }

  // Refuses keys nobody asked for.
  Status Finish() const {
    for (const auto& key : obj_->getNames()) {
      if (!seen_.count(key)) {
        return Status::Invalid("Ukjent felt «" + Name(key) +
                                   "». Fjern det eller sjekk stavemåten.",
                               Name(key));
      }
    }
    return Status::Ok();
  }

  const ObjectPtr& object() const { return obj_; }

 private:
  static Status Missing(const std::string& name) {
    return Status::Invalid("Feltet «" + name + "» mangler.", name);
  }
  static Status CheckString(const std::string& name, const std::string& s,
                            bool required, size_t max_bytes) {
    if (required && s.empty()) {
      return Status::Invalid("Feltet «" + name + "» kan ikke være tomt.", name);
    }
    if (s.size() > max_bytes) {
      return Status::Invalid("Feltet «" + name + "» er for langt (høyst " +
                                 std::to_string(max_bytes) + " byte).",
                             name);
    }
    return CheckNoNul(name, s);
  }

  ObjectPtr obj_;
  std::string prefix_;
  std::set<std::string> seen_;
};

// An outcome's recorded values: text, integer, boolean or a list of texts.
// Which of these a field must be is in the routine; the engine checks that.
Result<engine::Fields> DecodeFields(Reader& r) {
  engine::Fields fields;
  if (!r.Has("fields")) return fields;
  Var v = r.object()->get("fields");
  if (!IsObject(v)) return WrongType("fields", "et objekt", v);
  ObjectPtr obj = v.extract<ObjectPtr>();
  if (obj->size() > kMaxListItems) {
    return Status::Invalid("For mange felt i «fields».", "fields");
  }
  for (const auto& key : obj->getNames()) {
    const std::string name = "fields." + key;
    if (key.empty() || key.size() > kMaxShortBytes) {
      return Status::Invalid("Ugyldig feltnavn i «fields».", "fields");
    }
    Var f = obj->get(key);
    if (f.isEmpty()) continue;  // null = not recorded
    if (f.isString()) {
      std::string s = f.extract<std::string>();
      if (s.size() > kMaxTextBytes) {
        return Status::Invalid("Feltet «" + name + "» er for langt.", name);
      }
      STAFETT_RETURN_IF_ERROR(CheckNoNul(name, s));
      fields[key] = std::move(s);
    } else if (f.isBoolean()) {
      fields[key] = f.extract<bool>();
    } else if (f.isInteger()) {
      // Poco keeps values above INT64_MAX as UInt64; refuse them.
      if (f.type() == typeid(Poco::UInt64) &&
          f.extract<Poco::UInt64>() > static_cast<Poco::UInt64>(INT64_MAX)) {
        return Status::Invalid("Feltet «" + name + "» er for stort.", name);
      }
      fields[key] = static_cast<std::int64_t>(f.convert<Poco::Int64>());
    } else if (IsArray(f)) {
      Reader inner(obj, "fields.");
      auto list = inner.StringList(key, true, false, kMaxShortBytes);
      if (!list.ok()) return list.status();
      fields[key] = std::move(list).value();
    } else {
      return WrongType(name, "tekst, heltall, sann/usann eller en liste", f);
    }
  }
  return fields;
}

}  // namespace

Result<NewCaseRequest> DecodeNewCase(std::string_view body) {
  auto parsed = ParseJsonObject(body, kMaxDepth);
  if (!parsed.ok()) return parsed.status();
  Reader r(*parsed);
  NewCaseRequest req;
  if (r.Has("routine")) {
    auto routine = r.String("routine", true, kMaxShortBytes);
    if (!routine.ok()) return routine.status();
    req.routine = *routine;
  }
  auto age = r.String("age_band", true, 16);
  if (!age.ok()) return age.status();
  req.age_band = *age;
  auto cats = r.StringList("categories", true, false, kMaxShortBytes);
  if (!cats.ok()) return cats.status();
  req.categories = *cats;
  auto text = r.String("text", true, kMaxTextBytes);
  if (!text.ok()) return text.status();
  req.text = *text;
  STAFETT_RETURN_IF_ERROR(r.Finish());
  return req;
}

Result<engine::Command> DecodeCommand(std::string_view body) {
  auto parsed = ParseJsonObject(body, kMaxDepth);
  if (!parsed.ok()) return parsed.status();
  Reader r(*parsed);
  auto type_name = r.String("type", true, kMaxShortBytes);
  if (!type_name.ok()) return type_name.status();
  auto type = engine::ParseCommandType(*type_name);
  if (!type || *type == engine::CommandType::kExpireConsent) {
    return Status::Invalid(
        "Ukjent kommando «" + *type_name +
            "». Gyldige: outcome, consent, withdraw_consent, offer_baton, "
            "accept_baton, decline_baton, note, report_child_welfare, "
            "confirm_child_welfare_report, close.",
        "type");
  }
  engine::Command cmd;
  cmd.type = *type;
  // A short free-text comment is allowed with every command; a note needs
  // one.
  auto text =
      r.String("text", cmd.type == engine::CommandType::kNote, kMaxTextBytes);
  if (!text.ok()) return text.status();
  cmd.text = *text;

  switch (cmd.type) {
    case engine::CommandType::kOutcome: {
      auto outcome = r.String("outcome", true, kMaxShortBytes);
      if (!outcome.ok()) return outcome.status();
      cmd.outcome = *outcome;
      auto fields = DecodeFields(r);
      if (!fields.ok()) return fields.status();
      cmd.fields = std::move(fields).value();
      break;
    }
    case engine::CommandType::kConsent: {
      auto given_by = r.String("given_by", true, kMaxShortBytes);
      if (!given_by.ok()) return given_by.status();
      if (*given_by != "guardians" && *given_by != "young_person") {
        return Status::Invalid(
            "«given_by» må være «guardians» (foresatte) eller «young_person» "
            "(ungdom fra 15 år). Skriv aldri navn her.",
            "given_by");
      }
      cmd.given_by = *given_by;
      auto services = r.StringList("services", true, true, kMaxShortBytes);
      if (!services.ok()) return services.status();
      cmd.services = *services;
      // Optional: the engine then uses the routine's consent_validity.
      auto until = r.String("valid_until", false, kMaxShortBytes);
      if (!until.ok()) return until.status();
      if (!until->empty() && !ParseDate(*until).ok()) {
        return Status::Invalid(
            "«valid_until» må være en gyldig dato på formen ÅÅÅÅ-MM-DD.",
            "valid_until");
      }
      cmd.valid_until = *until;
      // fmtcore (issue 12): a renewal names what it removes and confirms.
      auto remove =
          r.StringList("remove_services", false, false, kMaxShortBytes);
      if (!remove.ok()) return remove.status();
      cmd.remove_services = *remove;
      if (r.Has("confirm_remove")) {
        Var confirm = r.object()->get("confirm_remove");
        if (!confirm.isBoolean()) {
          return Status::Invalid("«confirm_remove» må være true eller false.",
                                 "confirm_remove");
        }
        cmd.confirm_remove = confirm.extract<bool>();
      }
      break;
    }
    case engine::CommandType::kOfferBaton: {
      auto to = r.String("to", true, kMaxShortBytes);
      if (!to.ok()) return to.status();
      cmd.to_service = *to;
      break;
    }
    case engine::CommandType::kClose: {
      auto reason = r.String("reason", true, kMaxTextBytes);
      if (!reason.ok()) return reason.status();
      cmd.reason = *reason;
      break;
    }
    default:
      break;  // no further input
  }
  STAFETT_RETURN_IF_ERROR(r.Finish());
  return cmd;
}

std::vector<std::pair<std::string, std::string>> FreeTextOf(
    const NewCaseRequest& req) {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("text", req.text);
  out.emplace_back("age_band", req.age_band);
  for (size_t i = 0; i < req.categories.size(); ++i) {
    out.emplace_back("categories[" + std::to_string(i) + "]",
                     req.categories[i]);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> FreeTextOf(
    const engine::Command& cmd) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!cmd.text.empty()) out.emplace_back("text", cmd.text);
  if (!cmd.reason.empty()) out.emplace_back("reason", cmd.reason);
  if (!cmd.outcome.empty()) out.emplace_back("outcome", cmd.outcome);
  if (!cmd.to_service.empty()) out.emplace_back("to", cmd.to_service);
  for (size_t i = 0; i < cmd.services.size(); ++i) {
    out.emplace_back("services[" + std::to_string(i) + "]", cmd.services[i]);
  }
  for (const auto& [name, value] : cmd.fields) {
    if (const auto* s = std::get_if<std::string>(&value)) {
      out.emplace_back("fields." + name, *s);
    } else if (const auto* list =
                   std::get_if<std::vector<std::string>>(&value)) {
      for (size_t i = 0; i < list->size(); ++i) {
        out.emplace_back("fields." + name + "[" + std::to_string(i) + "]",
                         (*list)[i]);
      }
    }
  }
  return out;
}

}  // namespace stafett::http
