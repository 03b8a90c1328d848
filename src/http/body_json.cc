#include "http/body_json.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

namespace stafett::http {

Result<Poco::JSON::Object::Ptr> ParseFlatObject(
    std::string_view body, std::initializer_list<const char*> known) {
  Poco::Dynamic::Var root;
  try {
    Poco::JSON::Parser parser;
    parser.setDepth(4);
    root = parser.parse(std::string(body));
  } catch (const Poco::Exception&) {
    // Never echo the parser's message: it may quote the body.
    return Status(Code::kBadRequest,
                  "Innholdet er ikke gyldig JSON. Send et JSON-objekt "
                  "(Content-Type: application/json).");
  }
  if (root.type() != typeid(Poco::JSON::Object::Ptr)) {
    return Status::Invalid("Innholdet må være et JSON-objekt ({...}).");
  }
  auto obj = root.extract<Poco::JSON::Object::Ptr>();
  if (obj.isNull()) return Status::Invalid("Innholdet må være et JSON-objekt.");
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
