#include "http/auth.h"

#include <sstream>

#include <Poco/Base64Encoder.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>
#include <gtest/gtest.h>

#include "core/sha256.h"

namespace stafett::http {
namespace {

const std::string kSecret = "0123456789abcdef0123456789abcdef-test";
const TimePoint kNow = FromMillis(1'780'000'000'000);  // 2026-05-28

engine::Actor Worker() {
  return engine::Actor{"nesseby", "skole-a", engine::Role::kWorker};
}

// A token with exactly the given claims, signed with `alg`.
std::string Signed(const std::map<std::string, Poco::Dynamic::Var>& claims,
                   const std::string& alg = "HS256",
                   const std::string& secret = kSecret) {
  Poco::JWT::Token t;
  t.setType("JWT");
  for (const auto& [k, v] : claims) t.payload().set(k, v);
  Poco::JWT::Signer s(secret);
  return s.sign(t, alg);
}

std::map<std::string, Poco::Dynamic::Var> GoodClaims() {
  const Poco::Int64 now_s = ToMillis(kNow) / 1000;
  return {{"iss", std::string("stafett")},
          {"tenant", std::string("nesseby")},
          {"service", std::string("skole-a")},
          {"role", std::string("coordinator")},
          {"exp", now_s + 3600}};
}

std::string Base64Url(const std::string& in) {
  std::ostringstream out;
  Poco::Base64Encoder enc(out,
                          Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  enc << in;
  enc.close();
  return out.str();
}

// The HS256 signature of exactly `signing_input`, so a test can sign a
// payload whose number syntax Poco's JSON writer would not reproduce.
std::string HmacSha256Base64Url(const std::string& key,
                                const std::string& signing_input) {
  std::string hex = HmacSha256Hex(key, signing_input);
  std::string raw;
  for (size_t i = 0; i < hex.size(); i += 2) {
    raw.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return Base64Url(raw);
}

TEST(AuthTest, IssuedTokenVerifies) {
  TokenVerifier v(kSecret);
  std::string token =
      IssueToken(kSecret, Worker(), kNow, std::chrono::hours(8));
  auto actor = v.Verify("Bearer " + token, kNow);
  ASSERT_TRUE(actor.ok()) << actor.status().ToString();
  EXPECT_EQ(actor->tenant, "nesseby");
  EXPECT_EQ(actor->service, "skole-a");
  EXPECT_EQ(actor->role, engine::Role::kWorker);
}

TEST(AuthTest, SchemeIsCaseInsensitive) {
  TokenVerifier v(kSecret);
  std::string token = Signed(GoodClaims());
  EXPECT_TRUE(v.Verify("bearer " + token, kNow).ok());
  EXPECT_TRUE(v.Verify("BEARER  " + token, kNow).ok());
}

TEST(AuthTest, MissingOrMalformedHeaderIsUnauthenticated) {
  TokenVerifier v(kSecret);
  for (std::string h : {"", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz",
                        "Bearer not-a-jwt", "Bearer a.b.c", "Token abc"}) {
    auto r = v.Verify(h, kNow);
    ASSERT_FALSE(r.ok()) << h;
    EXPECT_EQ(r.status().code(), Code::kUnauthenticated) << h;
    EXPECT_FALSE(r.status().message().empty());
  }
}

// A 100 KB Authorization header (the edge passes heads up to 128 KiB) is
// a failed authentication like any other, never an exception.
TEST(AuthTest, HugeHeaderIsUnauthenticated) {
  TokenVerifier v(kSecret);
  auto r = v.Verify("Bearer " + std::string(100 * 1024, 'A'), kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnauthenticated);
}

TEST(AuthTest, ExpiredTokenIsRefused) {
  TokenVerifier v(kSecret);
  std::string token = IssueToken(
      kSecret, Worker(), kNow - std::chrono::hours(2), std::chrono::hours(1));
  auto r = v.Verify("Bearer " + token, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnauthenticated);
  EXPECT_NE(r.status().message().find("utløpt"), std::string::npos);
}

// Verified tokens are remembered (auth.cc); exp and nbf still hold on
// every later use, and a new person key is not answered from before.
TEST(AuthTest, ARememberedTokenStillExpiresAndFollowsThePersonKey) {
  TokenVerifier v(kSecret);
  std::string token =
      IssueToken(kSecret, Worker(), kNow, std::chrono::hours(1));
  auto first = v.Verify("Bearer " + token, kNow);
  ASSERT_TRUE(first.ok());
  auto again = v.Verify("Bearer " + token, kNow + std::chrono::minutes(59));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value().tenant, first.value().tenant);
  EXPECT_EQ(again.value().person_id, first.value().person_id);
  auto late = v.Verify("Bearer " + token, kNow + std::chrono::hours(1));
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.status().message().find("utløpt"), std::string::npos);
  auto early = v.Verify("Bearer " + token, kNow + std::chrono::minutes(1));
  ASSERT_TRUE(early.ok());  // verified in full again, and remembered
  auto claims = GoodClaims();
  claims["nbf"] = Poco::Int64(ToMillis(kNow) / 1000 + 60);
  const std::string later = Signed(claims);
  EXPECT_FALSE(v.Verify("Bearer " + later, kNow).ok());
  EXPECT_TRUE(v.Verify("Bearer " + later, kNow + std::chrono::minutes(2)).ok());
  EXPECT_FALSE(v.Verify("Bearer " + later, kNow).ok());
  v.set_person_key("another-person-key-another-person-key");
  auto rekeyed = v.Verify("Bearer " + token, kNow + std::chrono::minutes(1));
  ASSERT_TRUE(rekeyed.ok());
  EXPECT_NE(rekeyed.value().person_id, first.value().person_id);
}

TEST(AuthTest, ExpiryIsExclusive) {
  TokenVerifier v(kSecret);
  std::string token = IssueToken(
      kSecret, Worker(), kNow - std::chrono::hours(1), std::chrono::hours(1));
  EXPECT_FALSE(v.Verify("Bearer " + token, kNow).ok());
}

TEST(AuthTest, WrongSecretIsRefused) {
  TokenVerifier v(kSecret);
  std::string token = IssueToken("another-secret-another-secret-xx", Worker(),
                                 kNow, std::chrono::hours(1));
  auto r = v.Verify("Bearer " + token, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnauthenticated);
}

TEST(AuthTest, AlgNoneIsRefused) {
  TokenVerifier v(kSecret);
  const Poco::Int64 now_s = ToMillis(kNow) / 1000;
  std::string header = Base64Url(R"({"alg":"none","typ":"JWT"})");
  std::string payload = Base64Url(
      R"({"iss":"stafett","tenant":"nesseby","service":"skole-a","role":"admin","exp":)" +
      std::to_string(now_s + 3600) + "}");
  for (std::string token :
       {header + "." + payload + ".", header + "." + payload}) {
    auto r = v.Verify("Bearer " + token, kNow);
    ASSERT_FALSE(r.ok()) << token;
    EXPECT_EQ(r.status().code(), Code::kUnauthenticated);
  }
}

TEST(AuthTest, OtherHmacAlgorithmsAreRefused) {
  TokenVerifier v(kSecret);
  for (std::string alg : {"HS384", "HS512"}) {
    auto r = v.Verify("Bearer " + Signed(GoodClaims(), alg), kNow);
    ASSERT_FALSE(r.ok()) << alg;
    EXPECT_EQ(r.status().code(), Code::kUnauthenticated);
  }
}

TEST(AuthTest, TamperedPayloadIsRefused) {
  TokenVerifier v(kSecret);
  std::string token = Signed(GoodClaims());
  auto first = token.find('.');
  auto second = token.find('.', first + 1);
  auto claims = GoodClaims();
  claims["tenant"] = std::string("annen-kommune");
  std::string other = Signed(claims);
  auto o1 = other.find('.');
  auto o2 = other.find('.', o1 + 1);
  std::string forged = token.substr(0, first + 1) +
                       other.substr(o1 + 1, o2 - o1 - 1) + token.substr(second);
  EXPECT_FALSE(v.Verify("Bearer " + forged, kNow).ok());
}

TEST(AuthTest, EveryClaimIsRequired) {
  TokenVerifier v(kSecret);
  for (std::string missing : {"iss", "tenant", "service", "role", "exp"}) {
    auto claims = GoodClaims();
    claims.erase(missing);
    auto r = v.Verify("Bearer " + Signed(claims), kNow);
    ASSERT_FALSE(r.ok()) << missing;
    EXPECT_EQ(r.status().code(), Code::kUnauthenticated) << missing;
  }
}

TEST(AuthTest, ClaimsMustHaveTheRightType) {
  TokenVerifier v(kSecret);
  auto claims = GoodClaims();
  claims["tenant"] = 42;
  EXPECT_FALSE(v.Verify("Bearer " + Signed(claims), kNow).ok());
  claims = GoodClaims();
  claims["exp"] = std::string("tomorrow");
  EXPECT_FALSE(v.Verify("Bearer " + Signed(claims), kNow).ok());
  claims = GoodClaims();
  claims["role"] = std::string("superuser");
  EXPECT_FALSE(v.Verify("Bearer " + Signed(claims), kNow).ok());
  claims = GoodClaims();
  claims["iss"] = std::string("someone-else");
  EXPECT_FALSE(v.Verify("Bearer " + Signed(claims), kNow).ok());
  claims = GoodClaims();
  claims["service"] = std::string("skole a; drop");
  EXPECT_FALSE(v.Verify("Bearer " + Signed(claims), kNow).ok());
}

TEST(AuthTest, NotBeforeInTheFutureIsRefused) {
  TokenVerifier v(kSecret);
  auto claims = GoodClaims();
  claims["nbf"] = ToMillis(kNow) / 1000 + 600;
  EXPECT_FALSE(v.Verify("Bearer " + Signed(claims), kNow).ok());
  claims["nbf"] = ToMillis(kNow) / 1000 - 600;
  EXPECT_TRUE(v.Verify("Bearer " + Signed(claims), kNow).ok());
}

TEST(AuthTest, EveryRoleParses) {
  TokenVerifier v(kSecret);
  for (auto role : {engine::Role::kWorker, engine::Role::kCoordinator,
                    engine::Role::kUnitLeader, engine::Role::kAuditor,
                    engine::Role::kAdmin}) {
    engine::Actor a = Worker();
    a.role = role;
    auto r = v.Verify(
        "Bearer " + IssueToken(kSecret, a, kNow, std::chrono::minutes(5)),
        kNow);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->role, role);
  }
}

// Hostile-input review: Poco's Signer splits on '.' and reads only the
// first three parts, so a valid token with a fourth segment verified.
TEST(AuthTest, ExtraDotSegmentIsRefused) {
  TokenVerifier v(kSecret);
  std::string token = Signed(GoodClaims());
  ASSERT_TRUE(v.Verify("Bearer " + token, kNow).ok());
  for (std::string bad : {token + ".AAAA", token + ".", "." + token,
                          token + "..", token + " .AAAA"}) {
    auto r = v.Verify("Bearer " + bad, kNow);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Code::kUnauthenticated) << bad;
  }
}

// A segment may only hold base64url characters: padding, whitespace or
// standard-base64 '+' '/' make a different byte string verify.
TEST(AuthTest, NonBase64UrlCharactersAreRefused) {
  TokenVerifier v(kSecret);
  std::string token = Signed(GoodClaims());
  auto first = token.find('.');
  for (std::string bad :
       {token.substr(0, first) + "=" + token.substr(first), token + "=",
        token.substr(0, first) + " " + token.substr(first)}) {
    EXPECT_FALSE(v.Verify("Bearer " + bad, kNow).ok()) << bad;
  }
}

// Hostile-input review: an exp (or nbf) far outside the 64-bit range was
// cast from double to int64 (undefined behaviour) or threw a RangeException
// past the verifier. Each must be a plain 401.
TEST(AuthTest, TimeClaimsOutsideTheInt64RangeAreRefused) {
  TokenVerifier v(kSecret);
  for (std::string exp : {"1e300", "-1e300", "1e19", "9.3e18",
                          "18446744073709551615", "99999999999999999999999",
                          "9223372036854775807", "1.7976931348623157e308"}) {
    std::string header = Base64Url(R"({"alg":"HS256","typ":"JWT"})");
    std::string payload = Base64Url(
        R"({"iss":"stafett","tenant":"nesseby","service":"skole-a","role":"admin","exp":)" +
        exp + "}");
    std::string unsigned_part = header + "." + payload;
    auto r = v.Verify("Bearer " + unsigned_part + "." +
                          HmacSha256Base64Url(kSecret, unsigned_part),
                      kNow);
    ASSERT_FALSE(r.ok()) << exp;
    EXPECT_EQ(r.status().code(), Code::kUnauthenticated) << exp;
  }
  // An nbf out of range as well, with a good exp.
  for (std::string nbf : {"1e300", "-1e300", "18446744073709551615"}) {
    std::string header = Base64Url(R"({"alg":"HS256","typ":"JWT"})");
    std::string payload = Base64Url(
        R"({"iss":"stafett","tenant":"nesseby","service":"skole-a","role":"admin","exp":)" +
        std::to_string(ToMillis(kNow) / 1000 + 600) + R"(,"nbf":)" + nbf + "}");
    std::string unsigned_part = header + "." + payload;
    auto r = v.Verify("Bearer " + unsigned_part + "." +
                          HmacSha256Base64Url(kSecret, unsigned_part),
                      kNow);
    ASSERT_FALSE(r.ok()) << nbf;
    EXPECT_EQ(r.status().code(), Code::kUnauthenticated) << nbf;
  }
}

TEST(AuthTest, ShortSecretIsRefusedAtStartup) {
  EXPECT_FALSE(CheckSecret("").ok());
  EXPECT_FALSE(CheckSecret("short").ok());
  EXPECT_TRUE(CheckSecret(kSecret).ok());
}

}  // namespace
}  // namespace stafett::http
