#include "http/auth.h"

#include <cmath>
#include <mutex>
#include <optional>
#include <unordered_map>

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JWT/JWTException.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>
#include <Poco/Timestamp.h>

#include "http/oidc_provider.h"
#include "http/oidc_registry.h"
#include "http/openssl_init.h"
#include "http/person_id.h"

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

// NumericDate (RFC 7519): seconds, possibly fractional. Only values between
// the epoch and the end of year 9999 are dates; anything else (1e300, a
// 20-digit integer, a negative number) is not a date, and converting it to
// int64 would be undefined behaviour or throw. The range check happens on
// the double (or the exact integer) before any cast.
constexpr std::int64_t kMaxNumericDate = 253'402'300'799;  // 9999-12-31

enum class TimeClaimState { kAbsent, kInvalid, kValid };

TimeClaimState TimeClaim(const Poco::JSON::Object& payload,
                         const std::string& name, std::int64_t* out) {
  if (!payload.has(name)) return TimeClaimState::kAbsent;
  try {
    Poco::Dynamic::Var v = payload.get(name);
    if (v.isInteger()) {
      if (v.isSigned()) {
        const Poco::Int64 n = v.convert<Poco::Int64>();
        if (n < 0 || n > kMaxNumericDate) return TimeClaimState::kInvalid;
        *out = n;
        return TimeClaimState::kValid;
      }
      const Poco::UInt64 n = v.convert<Poco::UInt64>();
      if (n > static_cast<Poco::UInt64>(kMaxNumericDate)) {
        return TimeClaimState::kInvalid;
      }
      *out = static_cast<std::int64_t>(n);
      return TimeClaimState::kValid;
    }
    if (v.isNumeric()) {
      const double d = v.convert<double>();
      if (!std::isfinite(d) || d < 0.0 ||
          d > static_cast<double>(kMaxNumericDate)) {
        return TimeClaimState::kInvalid;
      }
      *out = static_cast<std::int64_t>(std::floor(d));
      return TimeClaimState::kValid;
    }
  } catch (const Poco::Exception&) {
    // RangeException from a conversion: not a date we can use.
  }
  return TimeClaimState::kInvalid;
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

// Verifying a bearer token with Poco (base64, JSON, HMAC) was about 169,000
// instructions per request, a quarter of a creation's CPU in the server
// (callgrind, docs/performance.md), for the same token on every request of
// a session. Whether a Stafett token verifies depends only on its text,
// the secret, the issuer and the person key, all fixed for this verifier
// (set_person_key starts a new cache), except exp and nbf: those are kept
// and checked against `now` on every use. Provider tokens are not cached
// (their keys rotate). Bounded: emptied when full.
struct TokenVerifier::Verified {
  static constexpr std::size_t kMaxEntries = 4096;
  struct Entry {
    engine::Actor actor;
    std::int64_t exp_s = 0;
    std::int64_t nbf_s = 0;
  };
  std::mutex mu;
  std::unordered_map<std::string, Entry> by_token;
};

TokenVerifier::TokenVerifier(std::string secret, std::string issuer)
    : secret_(std::move(secret)),
      issuer_(std::move(issuer)),
      person_key_(DerivedPersonKey(secret_)),
      verified_(std::make_shared<Verified>()) {
  KeepOpenSslForProcess();  // Verify's HMAC must never see a teardown
}

void TokenVerifier::set_person_key(std::string key) {
  person_key_ = std::move(key);
  verified_ = std::make_shared<Verified>();
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
  // Poco's Signer splits on '.' and ignores anything after the third part,
  // and its base64 decoder skips characters it does not know: without this
  // check "$T.AAAA" or $T with a stray '=' verified as $T.
  if (!IsCompactJws(jwt)) {
    return Unauth("Tokenet er ugyldig eller signert med feil nøkkel.");
  }
  // The unverified iss only picks the verifier: a provider's token never
  // reaches the HMAC check, and a token claiming iss "stafett" never
  // reaches a provider's keys.
  if (registry_ != nullptr && !registry_->empty()) {
    const std::string iss = UnverifiedIssuer(jwt);
    if (iss != issuer_) return registry_->VerifyBearer(jwt, now);
  }
  const std::int64_t now_s = ToMillis(now) / 1000;
  {
    std::lock_guard<std::mutex> lock(verified_->mu);
    auto it = verified_->by_token.find(jwt);
    if (it != verified_->by_token.end()) {
      if (it->second.exp_s > now_s && it->second.nbf_s <= now_s) {
        return it->second.actor;
      }
      verified_->by_token.erase(it);  // the full check says why not
    }
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
  std::int64_t exp = 0;
  switch (TimeClaim(p, "exp", &exp)) {
    case TimeClaimState::kAbsent:
      return Unauth("Tokenet mangler utløpstid (exp). Be om et nytt token.");
    case TimeClaimState::kInvalid:
      return Unauth("Tokenet har en ugyldig utløpstid (exp).");
    case TimeClaimState::kValid:
      break;
  }
  if (exp <= now_s) {
    return Unauth("Tokenet er utløpt. Logg inn på nytt.");
  }
  std::int64_t nbf = 0;
  switch (TimeClaim(p, "nbf", &nbf)) {
    case TimeClaimState::kAbsent:
      break;
    case TimeClaimState::kInvalid:
      return Unauth("Tokenet har en ugyldig nbf.");
    case TimeClaimState::kValid:
      if (nbf > now_s) return Unauth("Tokenet er ikke gyldig ennå (nbf).");
      break;
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
  std::string person;
  if (p.has("sub")) {
    auto sub = StringClaim(p, "sub");
    if (!sub || sub->empty() || sub->size() > 200) {
      return Unauth("Tokenet har en ugyldig sub.");
    }
    person = *sub;
  } else {
    person = "dev-" + actor.service + "-" + std::string(engine::RoleName(*r));
  }
  actor.person_id = PersonId(person_key_, issuer_, person);
  {
    std::lock_guard<std::mutex> lock(verified_->mu);
    if (verified_->by_token.size() >= Verified::kMaxEntries) {
      verified_->by_token.clear();
    }
    verified_->by_token.insert_or_assign(jwt, Verified::Entry{actor, exp, nbf});
  }
  return actor;
}

std::string IssueToken(std::string_view secret, const engine::Actor& actor,
                       TimePoint now, std::chrono::seconds ttl,
                       std::string_view issuer, std::string_view person) {
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
  if (!person.empty()) token.payload().set("sub", std::string(person));
  Poco::JWT::Signer signer{std::string(secret)};
  return signer.sign(token, Poco::JWT::Signer::ALGO_HS256);
}

}  // namespace stafett::http
