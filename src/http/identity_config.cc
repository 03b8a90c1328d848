#include "http/identity_config.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <yaml-cpp/yaml.h>

#include "routine/yaml_limits.h"

namespace stafett::http {
namespace {

bool IsId(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

class Reader {
 public:
  Reader(const std::string& text, routine::DiagnosticList* diags)
      : text_(text), diags_(diags) {}

  routine::SourcePos Pos(const YAML::Mark& m) const {
    // Column in characters, not bytes (Sami letters are two bytes).
    if (m.pos < 0 || static_cast<std::size_t>(m.pos) > text_.size()) {
      return {m.line + 1, m.column + 1};
    }
    const auto pos = static_cast<std::size_t>(m.pos);
    std::size_t start =
        pos == 0 ? std::string::npos : text_.rfind('\n', pos - 1);
    start = start == std::string::npos ? 0 : start + 1;
    int column = 1;
    for (std::size_t i = start; i < pos; ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
    }
    return {m.line + 1, column};
  }
  void Add(const YAML::Node& n, std::string msg) {
    diags_->Add(Pos(n.Mark()), std::move(msg));
  }
  void Add(routine::SourcePos pos, std::string msg) {
    diags_->Add(pos, std::move(msg));
  }

  // A required (or optional) scalar string under `key` of map `m`.
  std::optional<std::string> Scalar(const YAML::Node& m, const char* key,
                                    bool required) {
    YAML::Node n = m[key];
    if (!n) {
      if (required) Add(m, std::string("«") + key + "» mangler.");
      return std::nullopt;
    }
    if (!n.IsScalar() || n.Scalar().empty()) {
      Add(n, std::string("«") + key + "» må være en tekst.");
      return std::nullopt;
    }
    return n.Scalar();
  }

  void Unknown(const YAML::Node& m, std::initializer_list<const char*> known,
               const char* where) {
    for (auto it = m.begin(); it != m.end(); ++it) {
      const std::string k = it->first.Scalar();
      if (std::none_of(known.begin(), known.end(),
                       [&](const char* x) { return k == x; })) {
        std::string list;
        for (const char* x : known)
          list += std::string(list.empty() ? "" : ", ") + x;
        Add(it->first,
            "Ukjent nøkkel «" + k + "» " + where + ". Gyldige: " + list + ".");
      }
    }
  }

 private:
  const std::string& text_;
  routine::DiagnosticList* diags_;
};

std::string FirstLine(const std::string& s) {
  auto nl = s.find_first_of("\r\n");
  return nl == std::string::npos ? s : s.substr(0, nl);
}

bool ClaimMatches(const Poco::JSON::Object& claims, const ClaimMapping& m) {
  if (!claims.has(m.claim)) return false;
  Poco::Dynamic::Var v = claims.get(m.claim);
  if (v.isString()) return v.extract<std::string>() == m.value;
  if (claims.isArray(m.claim)) {
    Poco::JSON::Array::Ptr arr = claims.getArray(m.claim);
    for (size_t i = 0; i < arr->size(); ++i) {
      Poco::Dynamic::Var e = arr->get(static_cast<unsigned>(i));
      if (e.isString() && e.extract<std::string>() == m.value) return true;
    }
  }
  return false;
}

bool IsSharedId(const IdentityConfig& c, const std::string& service) {
  return std::any_of(
      c.shared_services.begin(), c.shared_services.end(),
      [&](const SharedService& s) { return s.service == service; });
}

// shared_services: [{service: ID, serves: [{tenant: T, service: S}, ...]}]
void ParseSharedServices(
    Reader& r, const YAML::Node& root,
    const std::map<std::string, std::set<std::string>>* known_services,
    IdentityConfig* c) {
  YAML::Node list = root["shared_services"];
  if (!list) return;
  if (!list.IsSequence() || list.size() == 0) {
    r.Add(list,
          "«shared_services» må være en liste med minst én delt tjeneste.");
    return;
  }
  for (const auto& n : list) {
    if (!n.IsMap()) {
      r.Add(n, "En delt tjeneste må ha service og serves.");
      continue;
    }
    r.Unknown(n, {"service", "serves"}, "i en delt tjeneste");
    SharedService shared;
    if (auto v = r.Scalar(n, "service", true)) {
      if (!IsId(*v)) {
        r.Add(n["service"], "«service» må være en tjeneste-id.");
      } else if (IsSharedId(*c, *v)) {
        r.Add(n["service"], "Den delte tjenesten «" + *v +
                                "» er allerede beskrevet i filen.");
      }
      shared.service = *v;
    }
    YAML::Node serves = n["serves"];
    if (!serves) {
      r.Add(n,
            "«serves» mangler: hvilke kommuner tjenesten arbeider for, og "
            "under hvilken tjeneste-id i hver kommunes rutine.");
    } else if (!serves.IsSequence() || serves.size() == 0) {
      r.Add(serves, "«serves» må være en liste med minst én kommune.");
    } else {
      for (const auto& s : serves) {
        if (!s.IsMap()) {
          r.Add(s, "Hver kommune skrives {tenant: KOMMUNE, service: ID}.");
          continue;
        }
        r.Unknown(s, {"tenant", "service"}, "under serves");
        auto tenant = r.Scalar(s, "tenant", true);
        auto service = r.Scalar(s, "service", true);
        if (!tenant || !service) continue;
        ServedTenant st{*tenant, *service};
        if (std::find_if(shared.serves.begin(), shared.serves.end(),
                         [&](const ServedTenant& x) {
                           return x.tenant == *tenant;
                         }) != shared.serves.end()) {
          r.Add(s["tenant"], "Kommunen «" + *tenant +
                                 "» står to ganger for samme delte "
                                 "tjeneste.");
          continue;
        }
        if (known_services) {
          auto it = known_services->find(*tenant);
          if (it == known_services->end()) {
            r.Add(s["tenant"],
                  "Ingen rutine er lastet for kommunen «" + *tenant + "».");
            continue;
          }
          if (!it->second.count(*service)) {
            r.Add(s["service"], "Tjenesten «" + *service +
                                    "» finnes ikke i rutinen til " + *tenant +
                                    ".");
            continue;
          }
        }
        shared.serves.push_back(std::move(st));
      }
    }
    c->shared_services.push_back(std::move(shared));
  }
}

}  // namespace

std::vector<Membership> MapClaims(const IdentityConfig& config,
                                  const Poco::JSON::Object& claims) {
  std::vector<Membership> out;
  for (const auto& m : config.mappings) {
    if (!ClaimMatches(claims, m)) continue;
    Membership mem{m.service, m.role};
    if (std::find(out.begin(), out.end(), mem) == out.end()) out.push_back(mem);
  }
  return out;
}

std::optional<IdentityConfig> ParseIdentityConfig(
    const std::string& text, routine::DiagnosticList* diags,
    const std::map<std::string, std::set<std::string>>* known_services) {
  const std::size_t before = diags->size();
  Reader r(text, diags);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    r.Add(r.Pos(e.mark), "Filen er ikke gyldig YAML: " + e.msg);
    return std::nullopt;
  }
  if (!routine::WithinYamlLimits(root)) {
    r.Add(routine::SourcePos{1, 1}, routine::YamlTooLargeMessage());
    return std::nullopt;
  }
  if (!root.IsMap()) {
    r.Add(routine::SourcePos{1, 1},
          "Filen må være et kart med tenant, issuer, client_id, "
          "client_secret, ask og mappings.");
    return std::nullopt;
  }
  IdentityConfig c;
  r.Unknown(root,
            {"tenant", "issuer", "client_id", "client_secret", "audience",
             "scopes", "ask", "mappings", "shared_services"},
            "i identitetsfilen");
  if (auto v = r.Scalar(root, "tenant", true)) {
    if (!IsId(*v)) {
      r.Add(root["tenant"],
            "«tenant» må være en kommune-id (a-z, 0-9, - _ .).");
    } else if (known_services && !known_services->count(*v)) {
      r.Add(root["tenant"],
            "Ingen rutine er lastet for kommunen «" + *v + "».");
    }
    c.tenant = *v;
  }
  if (auto v = r.Scalar(root, "issuer", true)) {
    const bool loopback_http = v->rfind("http://127.0.0.1", 0) == 0 ||
                               v->rfind("http://localhost", 0) == 0 ||
                               v->rfind("http://[::1]", 0) == 0;
    if (v->rfind("https://", 0) != 0 && !loopback_http) {
      r.Add(root["issuer"],
            "«issuer» må begynne med https:// (http bare på 127.0.0.1).");
    }
    c.issuer = *v;
  }
  if (auto v = r.Scalar(root, "client_id", true)) c.client_id = *v;
  if (auto v = r.Scalar(root, "audience", false)) c.audience = *v;
  if (c.audience.empty()) c.audience = c.client_id;
  if (auto v = r.Scalar(root, "ask", true)) c.ask = *v;

  YAML::Node secret = root["client_secret"];
  if (!secret) {
    r.Add(root, "«client_secret» mangler (env: VARIABEL eller file: STI).");
  } else if (secret.IsScalar()) {
    r.Add(secret,
          "Hemmeligheten skal ikke stå i filen. Skriv «client_secret: {env: "
          "VARIABEL}» eller «client_secret: {file: /sti}».");
  } else if (!secret.IsMap()) {
    r.Add(secret, "«client_secret» må ha env: eller file:.");
  } else {
    r.Unknown(secret, {"env", "file"}, "under client_secret");
    auto env = r.Scalar(secret, "env", false);
    auto file = r.Scalar(secret, "file", false);
    if (env.has_value() == file.has_value()) {
      r.Add(secret, "«client_secret» må ha nøyaktig én av env: og file:.");
    } else if (env) {
      const char* value = std::getenv(env->c_str());
      if (value == nullptr || *value == '\0') {
        r.Add(secret["env"], "Miljøvariabelen " + *env + " er ikke satt.");
      } else {
        c.client_secret = value;
      }
    } else {
      std::ifstream in(*file);
      std::stringstream ss;
      ss << in.rdbuf();
      c.client_secret = FirstLine(ss.str());
      if (!in || c.client_secret.empty()) {
        r.Add(secret["file"],
              "Filen " + *file + " kan ikke leses eller er tom.");
      }
    }
  }

  if (YAML::Node scopes = root["scopes"]; scopes) {
    if (!scopes.IsSequence()) {
      r.Add(scopes,
            "«scopes» må være en liste, for eksempel [openid, profile].");
    } else {
      for (const auto& s : scopes) {
        if (!s.IsScalar() || !IsId(s.Scalar())) {
          r.Add(s, "Et scope må være et enkelt ord.");
        } else {
          c.scopes.push_back(s.Scalar());
        }
      }
    }
  }
  if (std::find(c.scopes.begin(), c.scopes.end(), "openid") == c.scopes.end()) {
    c.scopes.insert(c.scopes.begin(), "openid");
  }

  ParseSharedServices(r, root, known_services, &c);

  YAML::Node mappings = root["mappings"];
  if (!mappings) {
    r.Add(root,
          "«mappings» mangler: hvilke grupper eller roller gir hvilken "
          "tjeneste og rolle?");
  } else if (!mappings.IsSequence() || mappings.size() == 0) {
    r.Add(mappings, "«mappings» må være en liste med minst én regel.");
  } else {
    for (const auto& m : mappings) {
      if (!m.IsMap()) {
        r.Add(m, "En regel må ha claim, value, role og service.");
        continue;
      }
      r.Unknown(m, {"claim", "value", "role", "service"}, "i en regel");
      ClaimMapping cm;
      auto claim = r.Scalar(m, "claim", true);
      auto value = r.Scalar(m, "value", true);
      auto role = r.Scalar(m, "role", true);
      auto service = r.Scalar(m, "service", true);
      if (claim) cm.claim = *claim;
      if (value) cm.value = *value;
      if (role) {
        auto parsed = engine::ParseRole(*role);
        if (!parsed) {
          r.Add(m["role"], "Ukjent rolle «" + *role +
                               "». Gyldige: worker, coordinator, unit_leader, "
                               "auditor, admin.");
        } else {
          cm.role = *parsed;
        }
      }
      if (service) {
        cm.service = *service;
        if (!IsId(*service)) {
          r.Add(m["service"], "«service» må være en tjeneste-id.");
        } else if (IsSharedId(c, *service)) {
          // A shared service is checked against each tenant it serves.
        } else if (known_services) {
          auto it = known_services->find(c.tenant);
          if (it != known_services->end() && !it->second.count(*service)) {
            r.Add(m["service"], "Tjenesten «" + *service +
                                    "» finnes ikke i rutinen til " + c.tenant +
                                    ".");
          }
        }
      }
      c.mappings.push_back(std::move(cm));
    }
  }
  if (diags->size() != before) return std::nullopt;
  return c;
}

std::vector<IdentityConfig> LoadIdentityDir(
    const std::string& dir,
    const std::map<std::string, std::set<std::string>>* known_services,
    std::vector<routine::Diagnostic>* diags) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".yaml" || ext == ".yml")) {
      files.push_back(e.path().string());
    }
  }
  if (ec) {
    diags->push_back({dir, 0, 0, "Mappen kan ikke leses: " + ec.message()});
    return {};
  }
  std::sort(files.begin(), files.end());
  std::vector<IdentityConfig> out;
  for (const auto& f : files) {
    std::ifstream in(f);
    std::stringstream ss;
    ss << in.rdbuf();
    routine::DiagnosticList list(f);
    auto c = ParseIdentityConfig(ss.str(), &list, known_services);
    for (auto& d : list.Take()) diags->push_back(std::move(d));
    if (!c) continue;
    c->file = f;
    for (const auto& other : out) {
      if (other.tenant == c->tenant) {
        diags->push_back({f, 1, 1,
                          "Kommunen «" + c->tenant +
                              "» har allerede en "
                              "identitetsfil: " +
                              other.file + "."});
      } else if (other.issuer == c->issuer && other.audience == c->audience) {
        diags->push_back({f, 1, 1,
                          "Samme issuer og audience som " + other.file +
                              ": et token kunne da gjelde begge kommunene. "
                              "Gi hver kommune sin egen app-registrering."});
      }
    }
    out.push_back(std::move(*c));
  }
  return out;
}

}  // namespace stafett::http
