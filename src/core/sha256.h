// SHA-256 and HMAC-SHA256 (FIPS 180-4, RFC 2104), for routine content
// hashes, the journal hash chain and webhook signatures. Kept in core so the
// pure layers need no crypto library.
//
// Thread-safety: pure functions.
#ifndef STAFETT_CORE_SHA256_H_
#define STAFETT_CORE_SHA256_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace stafett {

std::array<std::uint8_t, 32> Sha256(std::string_view data);
// 64 lower-case hex digits.
std::string Sha256Hex(std::string_view data);
std::string HmacSha256Hex(std::string_view key, std::string_view data);

// Sha256 uses the CPU's SHA instructions when it has them (x86 SHA-NI) and
// portable C otherwise; for tests, which compare the two.
std::array<std::uint8_t, 32> Sha256Portable(std::string_view data);
bool Sha256Accelerated();

}  // namespace stafett

#endif  // STAFETT_CORE_SHA256_H_
