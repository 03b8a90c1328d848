// libFuzzer harness: bearer-token parsing and verification (src/http/auth.h).
//
// HS256 with a fixed secret, as with dev tokens. Random bytes almost never
// carry a valid signature, so the first input byte picks what the rest is:
//   0: a raw Authorization header value, verified as it comes;
//   1: a claims (payload) JSON, signed with the secret under a standard
//      HS256 header, then verified: this reaches the claim checks;
//   2: "<header JSON>\n<claims JSON>", both signed: this reaches the
//      algorithm checks with any header.
// In modes 1 and 2 the same token signed with another secret must be
// refused (no forged token gets in), and an accepted token must give an
// actor whose ids obey the identifier rule.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/sha256.h"
#include "core/time.h"
#include "http/auth.h"

using namespace stafett;

namespace {

constexpr std::string_view kSecret =
    "fuzz-secret-fuzz-secret-fuzz-secret-0123456789";
constexpr std::string_view kOtherSecret =
    "another-secret-another-secret-another-secret-9876";
// 2026-11-30T00:00:00Z: tokens in the corpus carry exp around then.
const TimePoint kNow = FromMillis(1795996800000LL);

std::string Base64Url(std::string_view in) {
  static const char* kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::uint32_t buf = 0;
  int bits = 0;
  for (unsigned char c : in) {
    buf = (buf << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buf >> bits) & 0x3f];
    }
  }
  if (bits > 0) out += kAlphabet[(buf << (6 - bits)) & 0x3f];
  return out;
}

std::string FromHex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    auto nib = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    out += static_cast<char>(nib(hex[i]) * 16 + nib(hex[i + 1]));
  }
  return out;
}

std::string Sign(std::string_view secret, std::string_view header,
                 std::string_view claims) {
  std::string signing = Base64Url(header) + "." + Base64Url(claims);
  return signing + "." + Base64Url(FromHex(HmacSha256Hex(secret, signing)));
}

bool IsIdentifier(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

void CheckActor(const Result<engine::Actor>& r) {
  if (!r.ok()) {
    if (r.status().code() != Code::kUnauthenticated) std::abort();
    return;
  }
  if (!IsIdentifier(r->tenant) || !IsIdentifier(r->service)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const http::TokenVerifier verifier{std::string(kSecret)};
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      CheckActor(verifier.Verify(rest, kNow));
      CheckActor(verifier.Verify("Bearer " + std::string(rest), kNow));
      break;
    case 1:
    case 2: {
      std::string_view header = R"({"alg":"HS256","typ":"JWT"})";
      std::string_view claims = rest;
      if (data[0] % 3 == 2) {
        auto nl = rest.find('\n');
        if (nl == std::string_view::npos) return 0;
        header = rest.substr(0, nl);
        claims = rest.substr(nl + 1);
      }
      std::string token = Sign(kSecret, header, claims);
      CheckActor(verifier.VerifyToken(token, kNow));
      CheckActor(verifier.Verify("Bearer " + token, kNow));
      // Forged: signed with a secret the verifier does not have.
      if (verifier.VerifyToken(Sign(kOtherSecret, header, claims), kNow).ok()) {
        std::abort();
      }
      break;
    }
  }
  return 0;
}
