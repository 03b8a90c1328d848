#include "http/person_id.h"

#include "core/sha256.h"

namespace stafett::http {
namespace {

std::string Hmac(std::string_view key, std::string_view data) {
  return HmacSha256Hex(key, data);
}

}  // namespace

std::string PersonId(std::string_view key, std::string_view issuer,
                     std::string_view sub) {
  std::string input(issuer);
  input.push_back('\n');
  input.append(sub);
  return Hmac(key, input).substr(0, 32);
}

std::string DerivedPersonKey(std::string_view token_secret) {
  return Hmac(token_secret, "stafett person id key v1");
}

bool IsPersonId(std::string_view s) {
  if (s.size() != 32) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace stafett::http
