#include "http/body_json.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

namespace stafett::http {

namespace {

// Whether `body` is one valid JSON scalar (number, string, true, false,
// null) and nothing else: parsed inside brackets, it is an array of one.
bool IsLoneScalar(std::string_view body, std::size_t max_depth) {
  try {
    Poco::JSON::Parser parser;
    parser.setDepth(max_depth + 1);
    Poco::Dynamic::Var v = parser.parse("[" + std::string(body) + "]");
    if (v.type() != typeid(Poco::JSON::Array::Ptr)) return false;
    auto a = v.extract<Poco::JSON::Array::Ptr>();
    if (a.isNull() || a->size() != 1) return false;
    const Poco::Dynamic::Var& only = a->get(0);
    return only.type() != typeid(Poco::JSON::Object::Ptr) &&
           only.type() != typeid(Poco::JSON::Array::Ptr);
  } catch (const Poco::Exception&) {
    return false;
  }
}

}  // namespace

Result<Poco::JSON::Object::Ptr> ParseJsonObject(std::string_view body,
                                                std::size_t max_depth) {
  Poco::Dynamic::Var root;
  try {
    Poco::JSON::Parser parser;
    parser.setDepth(max_depth);
    root = parser.parse(std::string(body));
  } catch (const Poco::Exception&) {
    // Valid JSON of the wrong shape is 422 like an array, not 400.
    if (IsLoneScalar(body, max_depth)) {
      return Status::Invalid("Innholdet må være et JSON-objekt ({...}).");
    }
    // Never echo the parser's message: it quotes raw (possibly non-UTF-8)
    // bytes of the body.
    return Status(Code::kBadRequest,
                  "Innholdet er ikke gyldig JSON. Send et JSON-objekt "
                  "(Content-Type: application/json).");
  }
  if (root.type() != typeid(Poco::JSON::Object::Ptr)) {
    return Status::Invalid("Innholdet må være et JSON-objekt ({...}).");
  }
  auto obj = root.extract<Poco::JSON::Object::Ptr>();
  if (obj.isNull()) return Status::Invalid("Innholdet må være et JSON-objekt.");
  return obj;
}

Result<Poco::JSON::Object::Ptr> ParseFlatObject(
    std::string_view body, std::initializer_list<const char*> known) {
  auto parsed = ParseJsonObject(body, 4);
  if (!parsed.ok()) return parsed.status();
  Poco::JSON::Object::Ptr obj = *parsed;
  for (const auto& name : obj->getNames()) {
    bool ok = false;
    for (const char* k : known) ok = ok || name == k;
    if (!ok) {
      std::string list;
      for (const char* k : known)
        list += (list.empty() ? "" : ", ") + std::string(k);
      // The unknown key is not echoed: it is arbitrary client text.
      return Status::Invalid(
          "Innholdet har et ukjent felt. Gyldige felt: " + list + ".", "body");
    }
  }
  return obj;
}

Result<std::optional<std::string>> StringMember(
    const Poco::JSON::Object::Ptr& obj, const std::string& key, bool required,
    std::size_t max_bytes) {
  if (!obj->has(key) || obj->get(key).isEmpty()) {
    if (required) {
      return Status::Invalid("Feltet «" + key + "» mangler.", key);
    }
    return std::optional<std::string>();
  }
  const Poco::Dynamic::Var& v = obj->get(key);
  if (!v.isString()) {
    return Status::Invalid("Feltet «" + key + "» må være tekst.", key);
  }
  std::string s = v.extract<std::string>();
  if (s.size() > max_bytes) {
    return Status::Invalid("Feltet «" + key + "» er for langt (høyst " +
                               std::to_string(max_bytes) + " byte).",
                           key);
  }
  if (s.find('\0') != std::string::npos) {
    return Status::Invalid("Feltet «" + key + "» inneholder et ugyldig tegn.",
                           key);
  }
  return std::optional<std::string>(std::move(s));
}

std::optional<std::int64_t> JsonInt64(const Poco::Dynamic::Var& value) {
  if (!value.isInteger() || value.isBoolean()) return std::nullopt;
  if (value.type() == typeid(Poco::UInt64) &&
      value.extract<Poco::UInt64>() > static_cast<Poco::UInt64>(INT64_MAX)) {
    return std::nullopt;
  }
  return value.convert<std::int64_t>();
}

}  // namespace stafett::http
