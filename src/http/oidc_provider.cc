#include "http/oidc_provider.h"

#include <algorithm>
#include <cmath>
#include <istream>
#include <sstream>

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/URI.h>

// Local helper: `decl = value of expr`, or return its Status.
#define OIDC_CONCAT_(a, b) a##b
#define OIDC_CONCAT(a, b) OIDC_CONCAT_(a, b)
#define STAFETT_ASSIGN_OR_RETURN(decl, expr)        \
  auto OIDC_CONCAT(result_, __LINE__) = (expr);     \
  if (!OIDC_CONCAT(result_, __LINE__).ok())         \
    return OIDC_CONCAT(result_, __LINE__).status(); \
  decl = *std::move(OIDC_CONCAT(result_, __LINE__))

namespace stafett::http {
namespace {

constexpr std::size_t kMaxFetchBytes = 1024 * 1024;

Status Unauth(std::string msg) {
  return Status(Code::kUnauthenticated, std::move(msg));
}

Status Unavailable(std::string msg) {
  return Status(Code::kUnavailable, std::move(msg));
}

bool IsLoopbackHost(const std::string& host) {
  if (host == "localhost") return true;
  Poco::Net::IPAddress ip;
  return Poco::Net::IPAddress::tryParse(host, ip) && ip.isLoopback();
}

std::string Str(const Poco::JSON::Object& o, const std::string& name) {
  if (!o.has(name)) return "";
  Poco::Dynamic::Var v = o.get(name);
  return v.isString() ? v.extract<std::string>() : "";
}

Result<Poco::JSON::Object::Ptr> ParseObject(const std::string& text) {
  try {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var v = parser.parse(text);
    auto obj = v.extract<Poco::JSON::Object::Ptr>();
    if (obj) return obj;
  } catch (const std::exception&) {
  }
  return Status::Invalid("not a JSON object");
}

// NumericDate within [0, year 9999]; nullopt for anything else (see
// auth.cc: never cast an out-of-range double).
std::optional<std::int64_t> Date(const Poco::JSON::Object& p,
                                 const std::string& name) {
  if (!p.has(name)) return std::nullopt;
  constexpr double kMax = 253'402'300'799.0;
  try {
    Poco::Dynamic::Var v = p.get(name);
    if (!v.isNumeric()) return std::nullopt;
    if (v.isInteger() && !v.isSigned()) {
      auto n = v.convert<Poco::UInt64>();
      if (n > static_cast<Poco::UInt64>(kMax)) return std::nullopt;
      return static_cast<std::int64_t>(n);
    }
    if (v.isInteger()) {
      auto n = v.convert<Poco::Int64>();
      if (n < 0 || n > static_cast<Poco::Int64>(kMax)) return std::nullopt;
      return n;
    }
    double d = v.convert<double>();
    if (!std::isfinite(d) || d < 0 || d > kMax) return std::nullopt;
    return static_cast<std::int64_t>(std::floor(d));
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

}  // namespace

bool IsCompactJws(std::string_view jwt) {
  int dots = 0;
  size_t segment_len = 0;
  for (char c : jwt) {
    if (c == '.') {
      if (segment_len == 0) return false;
      ++dots;
      segment_len = 0;
      continue;
    }
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
    ++segment_len;
  }
  return dots == 2 && segment_len > 0;
}

Result<std::string> FetchUrl(const std::string& url,
                             std::chrono::milliseconds timeout,
                             const std::string& post_body,
                             const std::string& authorization) {
  try {
    Poco::URI uri(url);
    const bool https = uri.getScheme() == "https";
    if (!https &&
        !(uri.getScheme() == "http" && IsLoopbackHost(uri.getHost()))) {
      return Unavailable("refusing " + url +
                         ": only https (or http on loopback) is allowed");
    }
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (https) {
      static const Poco::Net::Context::Ptr context =
          new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                 Poco::Net::Context::VERIFY_STRICT, 9, true);
      session = std::make_unique<Poco::Net::HTTPSClientSession>(
          uri.getHost(), uri.getPort(), context);
    } else {
      session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(),
                                                               uri.getPort());
    }
    session->setTimeout(
        Poco::Timespan(static_cast<long>(timeout.count() / 1000),
                       static_cast<long>((timeout.count() % 1000) * 1000)));
    Poco::Net::HTTPRequest req(
        post_body.empty() ? Poco::Net::HTTPRequest::HTTP_GET
                          : Poco::Net::HTTPRequest::HTTP_POST,
        uri.getPathAndQuery().empty() ? "/" : uri.getPathAndQuery(),
        Poco::Net::HTTPMessage::HTTP_1_1);
    req.set("Accept", "application/json");
    if (!authorization.empty()) req.set("Authorization", authorization);
    if (!post_body.empty()) {
      req.setContentType("application/x-www-form-urlencoded");
      req.setContentLength(static_cast<std::streamsize>(post_body.size()));
      session->sendRequest(req) << post_body;
    } else {
      session->sendRequest(req);
    }
    Poco::Net::HTTPResponse resp;
    std::istream& in = session->receiveResponse(resp);
    std::string body;
    char buf[8192];
    while (in.good() && body.size() <= kMaxFetchBytes) {
      in.read(buf, sizeof buf);
      if (in.gcount() <= 0) break;
      body.append(buf, static_cast<std::size_t>(in.gcount()));
    }
    if (body.size() > kMaxFetchBytes) {
      return Unavailable(url + " answered more than 1 MiB");
    }
    if (resp.getStatus() < 200 || resp.getStatus() >= 300) {
      return Unavailable(url + " answered " +
                         std::to_string(static_cast<int>(resp.getStatus())));
    }
    return body;
  } catch (const Poco::Exception& e) {
    return Unavailable(url + ": " + e.displayText());
  } catch (const std::exception& e) {
    return Unavailable(url + ": " + e.what());
  }
}

OidcProvider::OidcProvider(std::string issuer, OidcProviderOptions options)
    : issuer_(std::move(issuer)), options_(options) {}

Result<ProviderMetadata> OidcProvider::Metadata() {
  {
    std::lock_guard lock(mu_);
    if (metadata_) return *metadata_;
  }
  std::lock_guard fetching(fetch_mu_);
  {
    std::lock_guard lock(mu_);
    if (metadata_) return *metadata_;
  }
  std::string base = issuer_;
  while (!base.empty() && base.back() == '/') base.pop_back();
  STAFETT_ASSIGN_OR_RETURN(
      std::string text,
      FetchUrl(base + "/.well-known/openid-configuration", options_.timeout));
  auto doc = ParseObject(text);
  if (!doc.ok()) {
    return Unavailable("the discovery document of " + issuer_ + " is not JSON");
  }
  ProviderMetadata m;
  m.issuer = Str(**doc, "issuer");
  m.authorization_endpoint = Str(**doc, "authorization_endpoint");
  m.token_endpoint = Str(**doc, "token_endpoint");
  m.jwks_uri = Str(**doc, "jwks_uri");
  m.end_session_endpoint = Str(**doc, "end_session_endpoint");
  if (m.issuer != issuer_) {
    return Unavailable("the discovery document of " + issuer_ +
                       " names another issuer: " + m.issuer);
  }
  if (m.jwks_uri.empty() || m.authorization_endpoint.empty() ||
      m.token_endpoint.empty()) {
    return Unavailable("the discovery document of " + issuer_ +
                       " lacks jwks_uri or an endpoint");
  }
  std::lock_guard lock(mu_);
  metadata_ = m;
  return m;
}

Status OidcProvider::RefreshKeys() {
  STAFETT_ASSIGN_OR_RETURN(ProviderMetadata m, Metadata());
  // Readers keep using the cached keys while one thread fetches.
  std::lock_guard fetching(fetch_mu_);
  {
    std::lock_guard lock(mu_);
    const auto now = std::chrono::steady_clock::now();
    if (last_fetch_ && now - *last_fetch_ < options_.min_refresh) {
      return Status::Ok();  // rate-limited: keep what we have
    }
    last_fetch_ = now;
    ++jwks_fetches_;
  }
  STAFETT_ASSIGN_OR_RETURN(std::string text,
                           FetchUrl(m.jwks_uri, options_.timeout));
  auto keys = ParseJwks(text, nullptr);
  if (!keys.ok()) {
    return Unavailable("the JWKS of " + issuer_ + ": " +
                       keys.status().message());
  }
  std::map<std::string, std::shared_ptr<const JwksKey>> fresh;
  for (auto& k : *keys) fresh[k->kid()] = k;
  std::lock_guard lock(mu_);
  keys_ = std::move(fresh);
  return Status::Ok();
}

Result<std::shared_ptr<const JwksKey>> OidcProvider::Key(
    const std::string& kid) {
  const auto find = [&]() -> std::shared_ptr<const JwksKey> {
    std::lock_guard lock(mu_);
    if (kid.empty()) {
      return keys_.size() == 1 ? keys_.begin()->second : nullptr;
    }
    auto it = keys_.find(kid);
    return it == keys_.end() ? nullptr : it->second;
  };
  if (auto k = find()) return k;
  if (Status s = RefreshKeys(); !s.ok()) return s;
  if (auto k = find()) return k;
  return Unauth("Tokenet er signert med en nøkkel vi ikke kjenner.");
}

int OidcProvider::jwks_fetches() const {
  std::lock_guard lock(mu_);
  return jwks_fetches_;
}

Result<Poco::JSON::Object::Ptr> OidcProvider::PostForm(
    const std::string& url,
    const std::vector<std::pair<std::string, std::string>>& form,
    const std::string& basic_user, const std::string& basic_password) {
  std::string body;
  for (const auto& [k, v] : form) {
    std::string ek, ev;
    Poco::URI::encode(k, "!#$&'()*+,/:;=?@[]", ek);
    Poco::URI::encode(v, "!#$&'()*+,/:;=?@[]", ev);
    if (!body.empty()) body += '&';
    body += ek + "=" + ev;
  }
  std::string auth;
  if (!basic_user.empty()) {
    // RFC 6749 §2.3.1: the client id and secret are form-urlencoded before
    // they are joined and base64-encoded.
    std::string u, p;
    Poco::URI::encode(basic_user, "!#$&'()*+,/:;=?@[]", u);
    Poco::URI::encode(basic_password, "!#$&'()*+,/:;=?@[]", p);
    std::string raw = u + ":" + p;
    static const char* kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string b64;
    size_t i = 0;
    for (; i + 2 < raw.size(); i += 3) {
      unsigned n = (static_cast<unsigned char>(raw[i]) << 16) |
                   (static_cast<unsigned char>(raw[i + 1]) << 8) |
                   static_cast<unsigned char>(raw[i + 2]);
      b64 += kAlphabet[(n >> 18) & 63];
      b64 += kAlphabet[(n >> 12) & 63];
      b64 += kAlphabet[(n >> 6) & 63];
      b64 += kAlphabet[n & 63];
    }
    if (i < raw.size()) {
      unsigned n = static_cast<unsigned char>(raw[i]) << 16;
      if (i + 1 < raw.size()) n |= static_cast<unsigned char>(raw[i + 1]) << 8;
      b64 += kAlphabet[(n >> 18) & 63];
      b64 += kAlphabet[(n >> 12) & 63];
      b64 += (i + 1 < raw.size()) ? kAlphabet[(n >> 6) & 63] : '=';
      b64 += '=';
    }
    auth = "Basic " + b64;
  }
  STAFETT_ASSIGN_OR_RETURN(std::string text,
                           FetchUrl(url, options_.timeout, body, auth));
  auto obj = ParseObject(text);
  if (!obj.ok()) return Unavailable(url + " did not answer JSON");
  return obj;
}

std::string UnverifiedIssuer(const std::string& jwt) {
  if (!IsCompactJws(jwt)) return "";
  const size_t a = jwt.find('.');
  const size_t b = jwt.find('.', a + 1);
  auto payload =
      DecodeBase64Url(std::string_view(jwt).substr(a + 1, b - a - 1));
  if (!payload) return "";
  auto obj = ParseObject(*payload);
  return obj.ok() ? Str(**obj, "iss") : "";
}

Result<VerifiedToken> VerifyProviderToken(
    OidcProvider& provider, const std::string& jwt,
    const std::vector<std::string>& audiences, TimePoint now,
    std::chrono::seconds skew) {
  const Status invalid =
      Unauth("Tokenet er ugyldig eller signert med feil nøkkel.");
  if (jwt.size() > 16 * 1024 || !IsCompactJws(jwt)) return invalid;
  auto header_json =
      DecodeBase64Url(std::string_view(jwt).substr(0, jwt.find('.')));
  if (!header_json) return invalid;
  auto header = ParseObject(*header_json);
  if (!header.ok()) return invalid;
  const std::string alg = Str(**header, "alg");
  const std::string kid = Str(**header, "kid");
  // "crit" extensions we do not understand make the token invalid
  // (RFC 7515 §4.1.11); we understand none.
  if ((*header)->has("crit")) return invalid;
  auto key = provider.Key(kid);
  if (!key.ok()) {
    if (key.status().code() == Code::kUnavailable) {
      return Status(Code::kUnavailable,
                    "Vi får ikke kontakt med innloggingstjenesten akkurat nå. "
                    "Prøv igjen om litt.");
    }
    return key.status();
  }
  STAFETT_ASSIGN_OR_RETURN(Poco::JWT::Token token, (*key)->Verify(jwt, alg));

  // Copy the claims: the token's payload object dies with the token.
  Poco::JSON::Object::Ptr p = new Poco::JSON::Object(token.payload());
  if (Str(*p, "iss") != provider.issuer()) {
    return Unauth("Tokenet er utstedt av en annen innloggingstjeneste (iss).");
  }
  std::vector<std::string> token_aud;
  if (p->has("aud")) {
    Poco::Dynamic::Var aud = p->get("aud");
    if (aud.isString()) {
      token_aud.push_back(aud.extract<std::string>());
    } else if (p->isArray("aud")) {
      auto arr = p->getArray("aud");
      for (size_t i = 0; i < arr->size(); ++i) {
        Poco::Dynamic::Var v = arr->get(static_cast<unsigned>(i));
        if (v.isString()) token_aud.push_back(v.extract<std::string>());
      }
    }
  }
  std::optional<std::size_t> matched;
  for (std::size_t i = 0; i < audiences.size() && !matched; ++i) {
    if (std::find(token_aud.begin(), token_aud.end(), audiences[i]) !=
        token_aud.end()) {
      matched = i;
    }
  }
  if (!matched) return Unauth("Tokenet er ikke utstedt til Stafett (aud).");
  const std::int64_t now_s = ToMillis(now) / 1000;
  auto exp = Date(*p, "exp");
  if (!exp) return Unauth("Tokenet mangler en gyldig utløpstid (exp).");
  if (*exp + skew.count() <= now_s) {
    return Unauth("Tokenet er utløpt. Be om et nytt token.");
  }
  if (p->has("nbf")) {
    auto nbf = Date(*p, "nbf");
    if (!nbf) return Unauth("Tokenet har en ugyldig nbf.");
    if (*nbf - skew.count() > now_s) {
      return Unauth("Tokenet er ikke gyldig ennå (nbf).");
    }
  }
  if (p->has("iat")) {
    auto iat = Date(*p, "iat");
    if (!iat || *iat - skew.count() > now_s) {
      return Unauth("Tokenet er utstedt i framtiden (iat).");
    }
  }
  const std::string sub = Str(*p, "sub");
  if (sub.empty() || sub.size() > 255) {
    return Unauth("Tokenet mangler sub.");
  }
  return VerifiedToken{p, *matched};
}

}  // namespace stafett::http
