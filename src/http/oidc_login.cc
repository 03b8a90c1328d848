#include "http/oidc_login.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "core/json_writer.h"
#include "core/sha256.h"
#include "http/jwks_key.h"
#include "http/person_id.h"
#include "http/session_auth.h"

namespace stafett::http {
namespace {

constexpr std::int64_t kLoginSeconds = 600;
constexpr std::int64_t kChooseSeconds = 300;
constexpr char kLoginPurpose[] = "stafett-login-v1";
constexpr char kChoosePurpose[] = "stafett-choose-v1";

std::string B64Url(const unsigned char* data, std::size_t n) {
  static const char* kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < n; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buffer >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 63]);
  return out;
}
std::string B64Url(std::string_view s) {
  return B64Url(reinterpret_cast<const unsigned char*>(s.data()), s.size());
}

std::string RandomToken() {
  unsigned char buf[32];
  if (RAND_bytes(buf, sizeof buf) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return B64Url(buf, sizeof buf);
}

// Raw HMAC-SHA256 bytes.
std::string Hmac(std::string_view key, std::string_view data) {
  const std::string hex = HmacSha256Hex(key, data);
  std::string raw;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    raw.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return raw;
}

std::string PkceChallenge(const std::string& verifier) {
  const auto d = Sha256(verifier);
  return B64Url(d.data(), d.size());
}

bool SameSecret(const std::string& a, const std::string& b) {
  return a.size() == b.size() &&
         CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string Enc(const std::string& s) {
  std::string out;
  Poco::URI::encode(s, "!#$&'()*+,/:;=?@[]", out);
  return out;
}

// A page a person reads: one heading and paragraphs per language. No
// scripts or inline styles (the CSP forbids them); the app's stylesheet
// is optional.
struct Text {
  std::string nb, nn, se, en;
};
Response Page(int status, const Text& title, const Text& body,
              const std::string& extra_html = "") {
  std::string html =
      "<!doctype html>\n<html lang=\"nb\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" +
      Escape(title.nb) +
      " – Stafett</title>"
      "<link rel=\"stylesheet\" href=\"/styles/app.css\"></head><body>"
      "<main class=\"page narrow\">"
      "<h1>" +
      Escape(title.nb) +
      "</h1>"
      "<p>" +
      Escape(body.nb) + "</p>" + extra_html + "<section lang=\"nn\"><h2>" +
      Escape(title.nn) + "</h2><p>" + Escape(body.nn) +
      "</p></section>"
      "<section lang=\"se\"><h2>" +
      Escape(title.se) + "</h2><p>" + Escape(body.se) +
      "</p></section>"
      "<section lang=\"en\"><h2>" +
      Escape(title.en) + "</h2><p>" + Escape(body.en) +
      "</p></section>"
      "</main></body></html>\n";
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(html);
  return r;
}

Response SignInFailed(int status, const std::string& why_nb) {
  return Page(
      status,
      {"Innloggingen mislyktes", "Innlogginga mislukkast",
       "Sisaiskáhtten ii lihkostuvvan", "Sign-in failed"},
      {why_nb + " Prøv å logge inn på nytt.", "Prøv å logge inn på nytt.",
       "Geahččal čálihit sisa ođđasit.", "Please try to sign in again."},
      "<p><a href=\"/\">Til forsiden</a></p>");
}

Response Unavailable() {
  return Page(
      503,
      {"Innloggingstjenesten svarer ikke", "Innloggingstenesta svarar ikkje",
       "Sisaiskáhttenbálvalus ii vástit",
       "The sign-in service does not answer"},
      {"Vi får ikke kontakt med kommunens innloggingstjeneste akkurat "
       "nå. Prøv igjen om litt.",
       "Vi får ikkje kontakt med innloggingstenesta til kommunen no. "
       "Prøv igjen om litt.",
       "Mii eat oaččo oktavuođa gieldda sisaiskáhttenbálvalusain dál. "
       "Geahččal fas veaháš maŋŋil.",
       "We cannot reach the municipality's sign-in service right now. "
       "Try again in a moment."});
}

std::string CookieHeader(const std::string& name, const std::string& value,
                         std::int64_t max_age, const char* same_site,
                         bool secure) {
  std::string c = name + "=" + value +
                  "; Path=/; HttpOnly; SameSite=" + same_site +
                  "; Max-Age=" + std::to_string(max_age);
  if (secure) c += "; Secure";
  return c;
}

Poco::JSON::Object::Ptr ParseJson(const std::string& text) {
  try {
    Poco::JSON::Parser p;
    return p.parse(text).extract<Poco::JSON::Object::Ptr>();
  } catch (const std::exception&) {
    return nullptr;
  }
}

std::string Str(const Poco::JSON::Object& o, const std::string& k) {
  if (!o.has(k)) return "";
  Poco::Dynamic::Var v = o.get(k);
  return v.isString() ? v.extract<std::string>() : "";
}

std::int64_t Int(const Poco::JSON::Object& o, const std::string& k) {
  if (!o.has(k)) return 0;
  try {
    Poco::Dynamic::Var v = o.get(k);
    return v.isInteger() ? v.convert<Poco::Int64>() : 0;
  } catch (const std::exception&) {
    return 0;
  }
}

std::int64_t Seconds(TimePoint t) { return ToMillis(t) / 1000; }

const char* RoleWords(engine::Role r) {
  switch (r) {
    case engine::Role::kWorker:
      return "saksbehandler";
    case engine::Role::kCoordinator:
      return "koordinator";
    case engine::Role::kUnitLeader:
      return "enhetsleder";
    case engine::Role::kAuditor:
      return "revisor";
    case engine::Role::kAdmin:
      return "administrator";
  }
  return "";
}

}  // namespace

std::string Seal(std::string_view key, std::string_view purpose,
                 std::string_view payload) {
  const std::string body = B64Url(payload);
  std::string input(purpose);
  input += '.';
  input += body;
  return body + "." + B64Url(Hmac(key, input));
}

std::optional<std::string> Unseal(std::string_view key,
                                  std::string_view purpose,
                                  std::string_view sealed) {
  const auto dot = sealed.find('.');
  if (dot == std::string_view::npos || sealed.size() > 8192) {
    return std::nullopt;
  }
  const std::string_view body = sealed.substr(0, dot);
  std::string input(purpose);
  input += '.';
  input += body;
  if (!SameSecret(B64Url(Hmac(key, input)),
                  std::string(sealed.substr(dot + 1)))) {
    return std::nullopt;
  }
  return DecodeBase64Url(body);
}

OidcLogin::OidcLogin(const IdentityRegistry& registry, std::string seal_key,
                     std::string public_url, bool secure,
                     SessionStarter starter)
    : registry_(registry),
      seal_key_(std::move(seal_key)),
      public_url_(std::move(public_url)),
      secure_(secure),
      starter_(std::move(starter)) {
  while (!public_url_.empty() && public_url_.back() == '/') {
    public_url_.pop_back();
  }
  redirect_uri_ = public_url_ + "/auth/callback";
}

Response OidcLogin::Login(const Request& req) const {
  const std::string tenant = req.Query("tenant").value_or("");
  const IdentityConfig* config = registry_.ForTenant(tenant);
  if (config == nullptr) {
    return Page(404,
                {"Ukjent kommune", "Ukjend kommune", "Amas gielda",
                 "Unknown municipality"},
                {"Denne kommunen logger ikke inn gjennom Stafett ennå. Sjekk "
                 "adressen du fikk.",
                 "Denne kommunen loggar ikkje inn gjennom Stafett enno. Sjekk "
                 "adressa du fekk.",
                 "Dát gielda ii vel čálit sisa Stafett bokte. Dárkkis "
                 "čujuhusa maid oaččut.",
                 "This municipality does not sign in through Stafett yet. "
                 "Check the address you were given."});
  }
  OidcProvider* provider = registry_.Provider(config->issuer);
  auto meta = provider->Metadata();
  if (!meta.ok()) return Unavailable();

  const std::string state = RandomToken();
  const std::string nonce = RandomToken();
  const std::string verifier = RandomToken();
  JsonWriter w;
  w.BeginObject()
      .Field("t", config->tenant)
      .Field("s", state)
      .Field("n", nonce)
      .Field("v", verifier)
      .Field("e", Seconds(req.now) + kLoginSeconds)
      .EndObject();
  const std::string cookie = Seal(seal_key_, kLoginPurpose, w.Take());

  std::string scope;
  for (const auto& s : config->scopes) scope += (scope.empty() ? "" : " ") + s;
  std::string url = meta->authorization_endpoint;
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += "response_type=code&client_id=" + Enc(config->client_id) +
         "&redirect_uri=" + Enc(redirect_uri_) + "&scope=" + Enc(scope) +
         "&state=" + Enc(state) + "&nonce=" + Enc(nonce) +
         "&code_challenge=" + PkceChallenge(verifier) +
         "&code_challenge_method=S256";
  Response r;
  r.status = 302;
  r.content_type = "text/plain; charset=utf-8";
  r.With("Location", url);
  r.With("Set-Cookie",
         CookieHeader(secure_ ? "__Host-stafett_login" : "stafett_login",
                      cookie, kLoginSeconds, "Lax", secure_));
  return r;
}

Response OidcLogin::Callback(const Request& req) const {
  const std::string login_name =
      secure_ ? "__Host-stafett_login" : "stafett_login";
  auto sealed = Unseal(seal_key_, kLoginPurpose,
                       CookieValue(req.Header("cookie"), login_name));
  Poco::JSON::Object::Ptr login = sealed ? ParseJson(*sealed) : nullptr;
  if (!login || Int(*login, "e") < Seconds(req.now)) {
    return SignInFailed(400,
                        "Innloggingen tok for lang tid, eller nettleseren "
                        "sendte ikke informasjonskapselen tilbake.");
  }
  const std::string state = req.Query("state").value_or("");
  if (state.empty() || !SameSecret(state, Str(*login, "s"))) {
    return SignInFailed(400,
                        "Svaret fra innloggingstjenesten hører ikke til "
                        "denne innloggingen (state).");
  }
  if (req.Query("error")) {
    return SignInFailed(401, "Innloggingstjenesten avbrøt innloggingen.");
  }
  const IdentityConfig* config = registry_.ForTenant(Str(*login, "t"));
  const std::string code = req.Query("code").value_or("");
  if (config == nullptr || code.empty() || code.size() > 4096) {
    return SignInFailed(400, "Svaret fra innloggingstjenesten mangler kode.");
  }
  OidcProvider* provider = registry_.Provider(config->issuer);
  auto meta = provider->Metadata();
  if (!meta.ok()) return Unavailable();
  auto tokens = provider->PostForm(meta->token_endpoint,
                                   {{"grant_type", "authorization_code"},
                                    {"code", code},
                                    {"redirect_uri", redirect_uri_},
                                    {"code_verifier", Str(*login, "v")}},
                                   config->client_id, config->client_secret);
  if (!tokens.ok()) {
    return SignInFailed(401, "Innloggingstjenesten godtok ikke koden.");
  }
  const std::string id_token = Str(**tokens, "id_token");
  auto verified =
      VerifyProviderToken(*provider, id_token, {config->client_id}, req.now);
  if (!verified.ok()) {
    if (verified.status().code() == Code::kUnavailable) return Unavailable();
    return SignInFailed(401, "ID-tokenet fra innloggingstjenesten er ugyldig.");
  }
  const Poco::JSON::Object& claims = *verified->claims;
  if (!SameSecret(Str(claims, "nonce"), Str(*login, "n"))) {
    return SignInFailed(401,
                        "ID-tokenet hører ikke til denne innloggingen "
                        "(nonce).");
  }
  if (claims.has("azp") && Str(claims, "azp") != config->client_id) {
    return SignInFailed(401, "ID-tokenet er utstedt til en annen app (azp).");
  }
  const std::string person =
      PersonId(registry_.person_key(), config->issuer, Str(claims, "sub"));
  const std::vector<Membership> members = MapClaims(*config, claims);
  if (members.empty()) {
    return Page(403,
                {"Du har ikke tilgang ennå", "Du har ikkje tilgang enno",
                 "Dus ii leat vel beassan", "You do not have access yet"},
                {"Du er logget inn, men er ikke knyttet til en tjeneste i "
                 "Stafett. Be om tilgang fra: " +
                     config->ask,
                 "Du er logga inn, men er ikkje knytt til ei teneste i "
                 "Stafett. Be om tilgang frå: " +
                     config->ask,
                 "Don leat čálihan sisa, muhto it leat čadnon bálvalussii "
                 "Stafettas. Bivdde beassama: " +
                     config->ask,
                 "You are signed in, but not linked to a service in Stafett. "
                 "Ask for access: " +
                     config->ask});
  }
  const std::string clear_login =
      CookieHeader(login_name, "", 0, "Lax", secure_);
  if (members.size() == 1) {
    SignedIn s;
    s.actor = {config->tenant, members[0].service, members[0].role, person};
    Response r = Start(req, s);
    r.With("Set-Cookie", clear_login);
    return r;
  }
  // Several services: the person picks one. The choices are sealed in a
  // Strict cookie; the page links to /auth/choose?i=N.
  JsonWriter w;
  w.BeginObject()
      .Field("t", config->tenant)
      .Field("p", person)
      .Field("e", Seconds(req.now) + kChooseSeconds);
  w.Key("m").BeginArray();
  for (const auto& m : members) {
    w.BeginObject()
        .Field("s", m.service)
        .Field("r", std::string(engine::RoleName(m.role)))
        .EndObject();
  }
  w.EndArray().EndObject();
  std::string list = "<ul>";
  for (std::size_t i = 0; i < members.size(); ++i) {
    auto name = service_names_.find({config->tenant, members[i].service});
    list += "<li><a href=\"/auth/choose?i=" + std::to_string(i) + "\">" +
            Escape(name == service_names_.end() ? members[i].service
                                                : name->second) +
            " (" + RoleWords(members[i].role) + ")</a></li>";
  }
  list += "</ul>";
  Response r = Page(
      200,
      {"Velg tjeneste", "Vel teneste", "Vállje bálvalusa", "Choose a service"},
      {"Du hører til flere tjenester. Velg den du vil arbeide for nå.",
       "Du høyrer til fleire tenester. Vel den du vil arbeide for no.",
       "Don gulat máŋga bálvalussii. Vállje dan maid áiggut bargat dál.",
       "You belong to several services. Choose the one you work for now."},
      list);
  r.With("Set-Cookie", clear_login);
  r.With("Set-Cookie",
         CookieHeader(secure_ ? "__Host-stafett_choose" : "stafett_choose",
                      Seal(seal_key_, kChoosePurpose, w.Take()), kChooseSeconds,
                      "Strict", secure_));
  return r;
}

Response OidcLogin::Choose(const Request& req) const {
  const std::string name = secure_ ? "__Host-stafett_choose" : "stafett_choose";
  auto sealed = Unseal(seal_key_, kChoosePurpose,
                       CookieValue(req.Header("cookie"), name));
  Poco::JSON::Object::Ptr choose = sealed ? ParseJson(*sealed) : nullptr;
  if (!choose || Int(*choose, "e") < Seconds(req.now) ||
      !choose->isArray("m")) {
    return SignInFailed(400, "Valget er utløpt.");
  }
  auto list = choose->getArray("m");
  const std::string i_text = req.Query("i").value_or("");
  std::size_t i = 0;
  if (i_text.empty() || i_text.size() > 2 ||
      i_text.find_first_not_of("0123456789") != std::string::npos ||
      (i = std::stoul(i_text)) >= list->size()) {
    return SignInFailed(400, "Ukjent valg.");
  }
  Poco::JSON::Object::Ptr m = list->getObject(static_cast<unsigned>(i));
  if (!m) return SignInFailed(400, "Ukjent valg.");
  auto role = engine::ParseRole(Str(*m, "r"));
  if (!role) return SignInFailed(400, "Ukjent valg.");
  SignedIn s;
  s.actor = {Str(*choose, "t"), Str(*m, "s"), *role, Str(*choose, "p")};
  Response r = Start(req, s);
  r.With("Set-Cookie", CookieHeader(name, "", 0, "Strict", secure_));
  return r;
}

Response OidcLogin::Start(const Request& req, const SignedIn& s) const {
  auto cookie = starter_(s, req);
  if (!cookie.ok()) {
    return SignInFailed(500, "Økten kunne ikke opprettes.");
  }
  Response r;
  r.status = 302;
  r.content_type = "text/plain; charset=utf-8";
  r.With("Location", "/");
  r.With("Set-Cookie", *cookie);
  return r;
}

}  // namespace stafett::http
