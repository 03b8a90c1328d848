#include "http/auth.h"

#include <cmath>
#include <optional>

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JWT/JWTException.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>
#include <Poco/Timestamp.h>

#include "http/openssl_init.h"

namespace stafett::http {
namespace {

constexpr size_t kMaxTokenBytes = 4096;

Status Unauth(std::string msg) {
  return Status(Code::kUnauthenticated, std::move(msg));
}

// Claim values are identifiers (tenant and service ids), never free text:
// restricting them keeps them safe to log and to use as keys.
bool IsIdentifier(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string> StringClaim(const Poco::JSON::Object& payload,
                                       const std::string& name) {
  if (!payload.has(name)) return std::nullopt;
  Poco::Dynamic::Var v = payload.get(name);
  if (!v.isString()) return std::nullopt;
  return v.extract<std::string>();
}

// NumericDate (RFC 7519): seconds, possibly fractional.
std::optional<std::int64_t> TimeClaim(const Poco::JSON::Object& payload,
                                      const std::string& name) {
  if (!payload.has(name)) return std::nullopt;
  Poco::Dynamic::Var v = payload.get(name);
  if (v.isInteger()) return v.convert<Poco::Int64>();
  if (v.isNumeric()) {
    double d = v.convert<double>();
    if (!std::isfinite(d)) return std::nullopt;
    return static_cast<std::int64_t>(std::floor(d));
  }
  return std::nullopt;
}

}  // namespace

Status CheckSecret(std::string_view secret) {
  if (secret.size() < kMinSecretBytes) {
    return Status::Invalid("STAFETT_TOKEN_SECRET må være minst " +
                               std::to_string(kMinSecretBytes) +
                               " tegn (for eksempel: openssl rand -hex 32).",
                           "STAFETT_TOKEN_SECRET");
  }
  return Status::Ok();
}

TokenVerifier::TokenVerifier(std::string secret, std::string issuer)
    : secret_(std::move(secret)), issuer_(std::move(issuer)) {
  KeepOpenSslForProcess();  // Verify's HMAC must never see a teardown
}

Result<engine::Actor> TokenVerifier::Verify(std::string_view authorization,
                                            TimePoint now) const {
  if (authorization.empty()) {
    return Unauth(
        "Innlogging mangler. Send et gyldig token i Authorization-feltet "
        "(Authorization: Bearer <token>).");
  }
  // The scheme is case-insensitive (RFC 9110 §11.1).
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size()) {
    return Unauth("Authorization må ha formen «Bearer <token>».");
  }
  for (size_t i = 0; i < kScheme.size(); ++i) {
    char c = authorization[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kScheme[i]) {
      return Unauth("Authorization må ha formen «Bearer <token>».");
    }
  }
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  return VerifyToken(std::string(token), now);
}

Result<engine::Actor> TokenVerifier::VerifyToken(const std::string& jwt,
                                                 TimePoint now) const {
  if (jwt.empty() || jwt.size() > kMaxTokenBytes) {
    return Unauth("Tokenet er tomt eller for langt. Be om et nytt token.");
  }
  Poco::JWT::Token token;
  try {
    // Restricting the algorithms is what refuses "none" and key-confusion
    // tokens: the Signer checks the header's alg against this set before it
    // looks at the signature.
    Poco::JWT::Signer signer(secret_);
    signer.setAlgorithms({Poco::JWT::Signer::ALGO_HS256});
    token = signer.verify(jwt);
  } catch (const Poco::JWT::UnallowedAlgorithmException&) {
    return Unauth("Tokenet bruker en algoritme som ikke godtas (bare HS256).");
  } catch (const Poco::Exception&) {
    return Unauth("Tokenet er ugyldig eller signert med feil nøkkel.");
  } catch (const std::exception&) {
    return Unauth("Tokenet er ugyldig eller signert med feil nøkkel.");
  }

  const Poco::JSON::Object& p = token.payload();
  auto iss = StringClaim(p, "iss");
  if (!iss || *iss != issuer_) {
    return Unauth("Tokenet er ikke utstedt av Stafett (iss).");
  }
  auto exp = TimeClaim(p, "exp");
  if (!exp) {
    return Unauth("Tokenet mangler utløpstid (exp). Be om et nytt token.");
  }
  const std::int64_t now_s = ToMillis(now) / 1000;
  if (*exp <= now_s) {
    return Unauth("Tokenet er utløpt. Logg inn på nytt.");
  }
  if (auto nbf = TimeClaim(p, "nbf"); nbf && *nbf > now_s) {
    return Unauth("Tokenet er ikke gyldig ennå (nbf).");
  } else if (p.has("nbf") && !nbf) {
    return Unauth("Tokenet har en ugyldig nbf.");
  }

  auto tenant = StringClaim(p, "tenant");
  auto service = StringClaim(p, "service");
  auto role = StringClaim(p, "role");
  if (!tenant || !IsIdentifier(*tenant)) {
    return Unauth("Tokenet mangler kommune (tenant) eller den er ugyldig.");
  }
  if (!service || !IsIdentifier(*service)) {
    return Unauth("Tokenet mangler tjeneste (service) eller den er ugyldig.");
  }
  std::optional<engine::Role> r;
  if (role) r = engine::ParseRole(*role);
  if (!r) {
    return Unauth(
        "Tokenet mangler rolle (role) eller den er ukjent. Gyldige roller: "
        "worker, coordinator, unit_leader, auditor, admin.");
  }
  engine::Actor actor;
  actor.tenant = *tenant;
  actor.service = *service;
  actor.role = *r;
  return actor;
}

std::string IssueToken(std::string_view secret, const engine::Actor& actor,
                       TimePoint now, std::chrono::seconds ttl,
                       std::string_view issuer) {
  Poco::JWT::Token token;
  token.setType("JWT");
  token.setIssuer(std::string(issuer));
  const std::int64_t now_s = ToMillis(now) / 1000;
  // Whole seconds: Poco's setTimestamp writes epochTime(), but be explicit
  // so the claims are integers as RFC 7519 examples show.
  token.payload().set("iat", Poco::Int64(now_s));
  token.payload().set("exp", Poco::Int64(now_s + ttl.count()));
  token.payload().set("tenant", actor.tenant);
  token.payload().set("service", actor.service);
  token.payload().set("role", std::string(engine::RoleName(actor.role)));
  Poco::JWT::Signer signer{std::string(secret)};
  return signer.sign(token, Poco::JWT::Signer::ALGO_HS256);
}

}  // namespace stafett::http
