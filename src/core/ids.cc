#include "core/ids.h"

#include <cstdint>
#include <random>

namespace stafett {

std::string NewId() {
  thread_local std::mt19937_64 gen = [] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
    return std::mt19937_64(seq);
  }();
  static const char* kHex = "0123456789abcdef";
  std::string out(32, '0');
  for (int half = 0; half < 2; ++half) {
    std::uint64_t v = gen();
    for (int i = 0; i < 16; ++i) {
      out[half * 16 + i] = kHex[v & 0xF];
      v >>= 4;
    }
  }
  return out;
}

bool IsWellFormedId(std::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool LooksLikeReference(std::string_view s) {
  if (s.empty() || s.size() > 40 || s.find('-') == std::string_view::npos)
    return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
      return false;
  }
  return true;
}

}  // namespace stafett
