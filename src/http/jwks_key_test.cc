// JwksKey from real keys: an RSA and a P-256 key made by OpenSSL, exported
// as JWK parameters the way a provider publishes them, must verify tokens
// their private halves signed, and only with the key's one algorithm.
#include "http/jwks_key.h"

#include <sstream>

#include <Poco/Base64Encoder.h>
#include <Poco/Crypto/ECKey.h>
#include <Poco/Crypto/EVPPKey.h>
#include <Poco/Crypto/RSAKey.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JWT/Signer.h>
#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "http/oidc_provider.h"

namespace stafett::http {
namespace {

std::string B64Url(const std::string& in) {
  std::ostringstream out;
  Poco::Base64Encoder enc(out,
                          Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  enc << in;
  enc.close();
  return out.str();
}

std::string B64Url(const std::vector<unsigned char>& v) {
  return B64Url(std::string(v.begin(), v.end()));
}

Poco::JSON::Object::Ptr Obj(const std::string& json) {
  Poco::JSON::Parser p;
  return p.parse(json).extract<Poco::JSON::Object::Ptr>();
}

std::string Sign(Poco::JWT::Signer& s, const std::string& alg,
                 const std::string& kid) {
  Poco::JWT::Token t;
  t.setType("JWT");
  t.payload().set("sub", std::string("x"));
  if (!kid.empty()) t.header().set("kid", kid);
  return s.sign(t, alg);
}

struct Rsa {
  Poco::SharedPtr<Poco::Crypto::RSAKey> key{new Poco::Crypto::RSAKey(
      Poco::Crypto::RSAKey::KL_2048, Poco::Crypto::RSAKey::EXP_LARGE)};
  std::string Jwk(const std::string& extra = "") const {
    return R"({"kty":"RSA","kid":"r1","n":")" + B64Url(key->modulus()) +
           R"(","e":")" + B64Url(key->encryptionExponent()) + "\"" + extra +
           "}";
  }
};

struct Ec {
  EVP_PKEY* pkey = EVP_EC_gen("P-256");
  ~Ec() { EVP_PKEY_free(pkey); }
  Poco::SharedPtr<Poco::Crypto::ECKey> Key() const {
    return new Poco::Crypto::ECKey(Poco::Crypto::EVPPKey(pkey));
  }
  std::string Jwk() const {
    unsigned char buf[65];
    size_t len = 0;
    EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, buf,
                                    sizeof buf, &len);
    std::string point(reinterpret_cast<char*>(buf), len);
    return R"({"kty":"EC","crv":"P-256","kid":"e1","x":")" +
           B64Url(point.substr(1, 32)) + R"(","y":")" +
           B64Url(point.substr(33, 32)) + "\"}";
  }
};

TEST(JwksKeyTest, RsaKeyVerifiesRs256AndNothingElse) {
  Rsa rsa;
  auto key = JwksKey::ParseJwk(*Obj(rsa.Jwk()));
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ((*key)->alg(), "RS256");
  EXPECT_EQ((*key)->kid(), "r1");
  Poco::JWT::Signer signer(rsa.key);
  std::string rs256 = Sign(signer, "RS256", "r1");
  EXPECT_TRUE((*key)->Verify(rs256, "RS256").ok());
  // The header's choice never overrides the key's algorithm.
  EXPECT_FALSE((*key)->Verify(rs256, "HS256").ok());
  EXPECT_FALSE((*key)->Verify(Sign(signer, "RS512", "r1"), "RS512").ok());
  // Another RSA key's signature fails.
  Rsa other;
  Poco::JWT::Signer other_signer(other.key);
  EXPECT_FALSE((*key)->Verify(Sign(other_signer, "RS256", "r1"), "RS256").ok());
}

TEST(JwksKeyTest, P256KeyVerifiesEs256) {
  Ec ec;
  auto key = JwksKey::ParseJwk(*Obj(ec.Jwk()));
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ((*key)->alg(), "ES256");
  Poco::JWT::Signer signer(ec.Key());
  std::string es256 = Sign(signer, "ES256", "e1");
  EXPECT_TRUE((*key)->Verify(es256, "ES256").ok());
  EXPECT_FALSE((*key)->Verify(es256, "RS256").ok());
}

TEST(JwksKeyTest, UnusableKeysAreRefused) {
  Rsa rsa;
  for (std::string jwk : {
           std::string(R"({"kty":"oct","k":"c2VjcmV0"})"),
           rsa.Jwk(R"(,"alg":"RS512")"),
           rsa.Jwk(R"(,"use":"enc")"),
           std::string(R"({"kty":"RSA","n":"AQAB","e":"AQAB"})"),  // 17 bits
           std::string(R"({"kty":"EC","crv":"P-384","x":"AA","y":"AA"})"),
           // A point that is not on the curve.
           std::string(R"({"kty":"EC","crv":"P-256","x":")") +
               B64Url(std::string(32, '\1')) + R"(","y":")" +
               B64Url(std::string(32, '\2')) + "\"}",
       }) {
    EXPECT_FALSE(JwksKey::ParseJwk(*Obj(jwk)).ok()) << jwk;
  }
}

TEST(JwksKeyTest, JwksSkipsWhatItCannotUse) {
  Rsa rsa;
  Ec ec;
  std::vector<std::string> skipped;
  auto keys = ParseJwks(R"({"keys":[)" + rsa.Jwk() + "," + ec.Jwk() +
                            R"(,{"kty":"oct","k":"AA"}]})",
                        &skipped);
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(keys->size(), 2u);
  EXPECT_EQ(skipped.size(), 1u);
  EXPECT_FALSE(ParseJwks("[]", nullptr).ok());
  EXPECT_FALSE(ParseJwks("{\"keys\":{}}", nullptr).ok());
}

TEST(JwksKeyTest, Base64UrlIsStrict) {
  EXPECT_EQ(DecodeBase64Url("aGk").value(), "hi");
  EXPECT_FALSE(DecodeBase64Url("aGk=").has_value());
  EXPECT_FALSE(DecodeBase64Url("a+Gk").has_value());
  EXPECT_FALSE(DecodeBase64Url("a").has_value());
}

TEST(JwksKeyTest, CompactJwsIsExactlyThreeSegments) {
  EXPECT_TRUE(IsCompactJws("a.b.c"));
  for (std::string bad : {"a.b", "a.b.c.d", "a.b.", ".b.c", "a..c",
                          "a.b.c=", "a.b.c ", "a.b+.c", ""}) {
    EXPECT_FALSE(IsCompactJws(bad)) << bad;
  }
}

}  // namespace
}  // namespace stafett::http
