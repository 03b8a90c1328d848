#include "http/jwks_key.h"

#include <Poco/Crypto/ECKey.h>
#include <Poco/Crypto/EVPPKey.h>
#include <Poco/Crypto/RSAKey.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JWT/JWTException.h>
#include <Poco/JWT/Signer.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

namespace stafett::http {
namespace {

// RFC 8725 / NIST: smaller RSA moduli are refused.
constexpr int kMinRsaBits = 2048;
constexpr size_t kMaxKeys = 50;

int Base64UrlValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

std::string Str(const Poco::JSON::Object& o, const std::string& name) {
  if (!o.has(name)) return "";
  Poco::Dynamic::Var v = o.get(name);
  return v.isString() ? v.extract<std::string>() : "";
}

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct BnFree {
  void operator()(BIGNUM* p) const { BN_free(p); }
};
struct BldFree {
  void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct CtxFree {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// EVP_PKEY_fromdata with the parameters `build` adds. Null on failure.
template <typename Fill>
Pkey FromData(const char* type, Fill fill) {
  std::unique_ptr<OSSL_PARAM_BLD, BldFree> bld(OSSL_PARAM_BLD_new());
  if (!bld || !fill(bld.get())) return nullptr;
  std::unique_ptr<OSSL_PARAM, ParamFree> params(
      OSSL_PARAM_BLD_to_param(bld.get()));
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0) {
    return nullptr;
  }
  EVP_PKEY* out = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &out, EVP_PKEY_PUBLIC_KEY, params.get()) <=
      0) {
    return nullptr;
  }
  return Pkey(out);
}

BIGNUM* Bn(const std::string& bytes) {
  return BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                   static_cast<int>(bytes.size()), nullptr);
}

}  // namespace

std::optional<std::string> DecodeBase64Url(std::string_view in) {
  std::string out;
  out.reserve(in.size() * 3 / 4);
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    const int v = Base64UrlValue(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  // A lone 6-bit group cannot encode a byte.
  if (in.size() % 4 == 1) return std::nullopt;
  return out;
}

Result<std::shared_ptr<const JwksKey>> JwksKey::ParseJwk(
    const Poco::JSON::Object& jwk) {
  auto key = std::make_shared<JwksKey>();
  key->kid_ = Str(jwk, "kid");
  const std::string kty = Str(jwk, "kty");
  const std::string use = Str(jwk, "use");
  const std::string alg = Str(jwk, "alg");
  if (!use.empty() && use != "sig") {
    return Status::Invalid("key " + key->kid_ + " is not for signatures");
  }
  try {
    if (kty == "RSA") {
      if (!alg.empty() && alg != "RS256") {
        return Status::Invalid("key " + key->kid_ + " has alg " + alg +
                               " (only RS256 is accepted for RSA)");
      }
      auto n = DecodeBase64Url(Str(jwk, "n"));
      auto e = DecodeBase64Url(Str(jwk, "e"));
      if (!n || !e || n->empty() || e->empty() || e->size() > 8) {
        return Status::Invalid("RSA key " + key->kid_ + " lacks n or e");
      }
      std::unique_ptr<BIGNUM, BnFree> bn_n(Bn(*n)), bn_e(Bn(*e));
      if (!bn_n || !bn_e) return Status::Invalid("RSA key: bad n or e");
      if (BN_num_bits(bn_n.get()) < kMinRsaBits) {
        return Status::Invalid("RSA key " + key->kid_ + " is shorter than " +
                               std::to_string(kMinRsaBits) + " bits");
      }
      Pkey pkey = FromData("RSA", [&](OSSL_PARAM_BLD* b) {
        return OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_RSA_N, bn_n.get()) &&
               OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_RSA_E, bn_e.get());
      });
      if (!pkey) return Status::Invalid("RSA key " + key->kid_ + " is invalid");
      // EVPPKey duplicates the pointer's content; ours is freed by Pkey.
      key->rsa_ = new Poco::Crypto::RSAKey(Poco::Crypto::EVPPKey(pkey.get()));
      key->alg_ = "RS256";
      return std::shared_ptr<const JwksKey>(std::move(key));
    }
    if (kty == "EC") {
      if (Str(jwk, "crv") != "P-256") {
        return Status::Invalid("EC key " + key->kid_ +
                               " is not on P-256 (only ES256 is accepted)");
      }
      if (!alg.empty() && alg != "ES256") {
        return Status::Invalid("key " + key->kid_ + " has alg " + alg +
                               " (only ES256 is accepted for P-256)");
      }
      auto x = DecodeBase64Url(Str(jwk, "x"));
      auto y = DecodeBase64Url(Str(jwk, "y"));
      if (!x || !y || x->size() != 32 || y->size() != 32) {
        return Status::Invalid("EC key " + key->kid_ + " lacks x or y");
      }
      // SEC 1 uncompressed point: 0x04 || x || y. fromdata checks that
      // the point is on the curve.
      std::string point = "\x04" + *x + *y;
      Pkey pkey = FromData("EC", [&](OSSL_PARAM_BLD* b) {
        return OSSL_PARAM_BLD_push_utf8_string(b, OSSL_PKEY_PARAM_GROUP_NAME,
                                               "prime256v1", 0) &&
               OSSL_PARAM_BLD_push_octet_string(b, OSSL_PKEY_PARAM_PUB_KEY,
                                                point.data(), point.size());
      });
      if (!pkey) return Status::Invalid("EC key " + key->kid_ + " is invalid");
      key->ec_ = new Poco::Crypto::ECKey(Poco::Crypto::EVPPKey(pkey.get()));
      key->alg_ = "ES256";
      return std::shared_ptr<const JwksKey>(std::move(key));
    }
  } catch (const Poco::Exception& e) {
    return Status::Invalid("key " + key->kid_ + ": " + e.displayText());
  }
  return Status::Invalid("key " + key->kid_ + " has unsupported kty «" + kty +
                         "»");
}

Result<Poco::JWT::Token> JwksKey::Verify(const std::string& jwt,
                                         const std::string& header_alg) const {
  const Status refused(Code::kUnauthenticated,
                       "Tokenet er ugyldig eller signert med feil nøkkel.");
  if (header_alg != alg_) return refused;
  try {
    std::unique_ptr<Poco::JWT::Signer> signer;
    if (rsa_) {
      signer = std::make_unique<Poco::JWT::Signer>(rsa_);
    } else {
      signer = std::make_unique<Poco::JWT::Signer>(ec_);
    }
    signer->setAlgorithms({alg_});
    return signer->verify(jwt);
  } catch (const std::exception&) {
    return refused;
  }
}

Result<std::vector<std::shared_ptr<const JwksKey>>> ParseJwks(
    const std::string& json, std::vector<std::string>* skipped) {
  Poco::JSON::Object::Ptr doc;
  try {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var v = parser.parse(json);
    doc = v.extract<Poco::JSON::Object::Ptr>();
  } catch (const std::exception&) {
    return Status::Invalid("the JWKS is not a JSON object");
  }
  if (!doc || !doc->has("keys") || !doc->isArray("keys")) {
    return Status::Invalid("the JWKS has no \"keys\" array");
  }
  Poco::JSON::Array::Ptr keys = doc->getArray("keys");
  std::vector<std::shared_ptr<const JwksKey>> out;
  for (size_t i = 0; i < keys->size() && out.size() < kMaxKeys; ++i) {
    Poco::JSON::Object::Ptr k = keys->getObject(static_cast<unsigned>(i));
    if (!k) continue;
    auto key = JwksKey::ParseJwk(*k);
    if (key.ok()) {
      out.push_back(*std::move(key));
    } else if (skipped) {
      skipped->push_back(key.status().message());
    }
  }
  return out;
}

}  // namespace stafett::http
