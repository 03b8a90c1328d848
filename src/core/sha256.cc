// SHA-256 per FIPS 180-4 section 6.2, HMAC per RFC 2104 with B = 64.
//
// Written for clarity over speed: the inputs are routine files, journal
// entries and webhook bodies, all small.
#include "core/sha256.h"

#include <cstddef>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace stafett {
namespace {

constexpr std::uint32_t kRoundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t kInitialHash[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372,
                                           0xa54ff53a, 0x510e527f, 0x9b05688c,
                                           0x1f83d9ab, 0x5be0cd19};

constexpr std::size_t kBlockSize = 64;

std::uint32_t Rotr(std::uint32_t x, int n) {
  return (x >> n) | (x << (32 - n));
}

void Compress(std::uint32_t state[8], const std::uint8_t* block) {
  std::uint32_t w[64];
  for (int t = 0; t < 16; ++t) {
    w[t] = (std::uint32_t{block[4 * t]} << 24) |
           (std::uint32_t{block[4 * t + 1]} << 16) |
           (std::uint32_t{block[4 * t + 2]} << 8) |
           std::uint32_t{block[4 * t + 3]};
  }
  for (int t = 16; t < 64; ++t) {
    std::uint32_t s0 =
        Rotr(w[t - 15], 7) ^ Rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
    std::uint32_t s1 =
        Rotr(w[t - 2], 17) ^ Rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  std::uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
  for (int t = 0; t < 64; ++t) {
    std::uint32_t big_s1 = Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25);
    std::uint32_t ch = (e & f) ^ (~e & g);
    std::uint32_t t1 = h + big_s1 + ch + kRoundConstants[t] + w[t];
    std::uint32_t big_s0 = Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22);
    std::uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
    std::uint32_t t2 = big_s0 + maj;
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

#if defined(__x86_64__)
// The same compression with the x86 SHA extensions (SHA-NI; most x86 CPUs
// since about 2017-2019), chosen at run time: hashing was 80,000 of the
// server's ~650,000 instructions per step change (the journal chain, the
// ETag, token HMACs; callgrind, docs/performance.md), about 4,000 per
// block in C. The state is kept as the instructions want it, (a,b,e,f) and
// (c,d,g,h); each sha256rnds2 does two rounds, so the two registers swap
// roles every two rounds. The message schedule is W[t] = s1(W[t-2]) +
// W[t-7] + s0(W[t-15]) + W[t-16], four words at a time: msg1 adds
// s0(W[t-15..]) to W[t-16..], alignr supplies W[t-7..t-4], and msg2 adds
// s1 of the two newest words (FIPS 180-4, 6.2.2).
__attribute__((target("sha,sse4.1,ssse3"))) void CompressShaNi(
    std::uint32_t state[8], const std::uint8_t* block) {
  const __m128i byte_swap =
      _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i tmp = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state));
  __m128i cdgh = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4));
  tmp = _mm_shuffle_epi32(tmp, 0xB1);            // lanes b a d c
  cdgh = _mm_shuffle_epi32(cdgh, 0x1B);          // lanes h g f e
  __m128i abef = _mm_alignr_epi8(tmp, cdgh, 8);  // lanes f e b a
  cdgh = _mm_blend_epi16(cdgh, tmp, 0xF0);       // lanes h g d c
  const __m128i abef_in = abef, cdgh_in = cdgh;

  __m128i w[16];  // W[4i..4i+3]
  for (int i = 0; i < 16; ++i) {
    if (i < 4) {
      w[i] = _mm_shuffle_epi8(
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * i)),
          byte_swap);
    } else {
      w[i] = _mm_sha256msg2_epu32(
          _mm_add_epi32(_mm_sha256msg1_epu32(w[i - 4], w[i - 3]),
                        _mm_alignr_epi8(w[i - 1], w[i - 2], 4)),
          w[i - 1]);
    }
    __m128i msg = _mm_add_epi32(
        w[i], _mm_loadu_si128(
                  reinterpret_cast<const __m128i*>(kRoundConstants + 4 * i)));
    // Round 4i+1 leaves the new (a,b,e,f) in `cdgh`; after round 4i+2 the
    // (a,b,e,f) of two rounds ago is the (c,d,g,h): the names hold again.
    cdgh = _mm_sha256rnds2_epu32(cdgh, abef, msg);
    msg = _mm_shuffle_epi32(msg, 0x0E);
    abef = _mm_sha256rnds2_epu32(abef, cdgh, msg);
  }
  abef = _mm_add_epi32(abef, abef_in);
  cdgh = _mm_add_epi32(cdgh, cdgh_in);
  tmp = _mm_shuffle_epi32(abef, 0x1B);   // lanes a b e f
  cdgh = _mm_shuffle_epi32(cdgh, 0xB1);  // lanes g h c d
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state),
                   _mm_blend_epi16(tmp, cdgh, 0xF0));  // a b c d
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4),
                   _mm_alignr_epi8(cdgh, tmp, 8));  // e f g h
}
#endif

using CompressFn = void (*)(std::uint32_t*, const std::uint8_t*);

#if defined(__x86_64__)
// CPUID directly: clang 14 (the fuzz tree's compiler) does not know
// __builtin_cpu_supports("sha"). SHA is leaf 7 EBX bit 29, SSE4.1 leaf 1
// ECX bit 19 (Intel SDM vol. 2A, CPUID).
bool HasShaNi() {
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid(1, &a, &b, &c, &d) || (c & (1u << 19)) == 0) return false;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
  return (b & (1u << 29)) != 0;
}
#endif

CompressFn Best() {
#if defined(__x86_64__)
  if (HasShaNi()) return CompressShaNi;
#endif
  return Compress;
}

std::string ToHex(const std::array<std::uint8_t, 32>& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (std::uint8_t byte : digest) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0x0f]);
  }
  return out;
}

std::array<std::uint8_t, 32> Sha256With(CompressFn compress,
                                        std::string_view data) {
  std::uint32_t state[8];
  for (int i = 0; i < 8; ++i) state[i] = kInitialHash[i];

  const auto* bytes = reinterpret_cast<const std::uint8_t*>(data.data());
  std::size_t full = data.size() / kBlockSize * kBlockSize;
  for (std::size_t off = 0; off < full; off += kBlockSize) {
    compress(state, bytes + off);
  }

  // Padding: the 0x80 byte, zeros, then the bit length big-endian, filling
  // one block or, when fewer than 9 bytes remain, two.
  std::uint8_t tail[2 * kBlockSize] = {};
  std::size_t rest = data.size() - full;
  for (std::size_t i = 0; i < rest; ++i) tail[i] = bytes[full + i];
  tail[rest] = 0x80;
  std::size_t tail_len = rest + 9 <= kBlockSize ? kBlockSize : 2 * kBlockSize;
  std::uint64_t bit_len = static_cast<std::uint64_t>(data.size()) * 8;
  for (int i = 0; i < 8; ++i) {
    tail[tail_len - 1 - i] = static_cast<std::uint8_t>(bit_len >> (8 * i));
  }
  for (std::size_t off = 0; off < tail_len; off += kBlockSize) {
    compress(state, tail + off);
  }

  std::array<std::uint8_t, 32> digest;
  for (int i = 0; i < 8; ++i) {
    digest[4 * i] = static_cast<std::uint8_t>(state[i] >> 24);
    digest[4 * i + 1] = static_cast<std::uint8_t>(state[i] >> 16);
    digest[4 * i + 2] = static_cast<std::uint8_t>(state[i] >> 8);
    digest[4 * i + 3] = static_cast<std::uint8_t>(state[i]);
  }
  return digest;
}

}  // namespace

std::array<std::uint8_t, 32> Sha256(std::string_view data) {
  static const CompressFn best = Best();
  return Sha256With(best, data);
}

std::array<std::uint8_t, 32> Sha256Portable(std::string_view data) {
  return Sha256With(Compress, data);
}

bool Sha256Accelerated() { return Best() != Compress; }

std::string Sha256Hex(std::string_view data) { return ToHex(Sha256(data)); }

std::string HmacSha256Hex(std::string_view key, std::string_view data) {
  // Keys longer than the block size are hashed first (RFC 2104 section 2).
  std::uint8_t block_key[kBlockSize] = {};
  if (key.size() > kBlockSize) {
    auto hashed = Sha256(key);
    for (std::size_t i = 0; i < hashed.size(); ++i) block_key[i] = hashed[i];
  } else {
    for (std::size_t i = 0; i < key.size(); ++i) {
      block_key[i] = static_cast<std::uint8_t>(key[i]);
    }
  }
  std::string inner(kBlockSize, '\0');
  std::string outer(kBlockSize, '\0');
  for (std::size_t i = 0; i < kBlockSize; ++i) {
    inner[i] = static_cast<char>(block_key[i] ^ 0x36);
    outer[i] = static_cast<char>(block_key[i] ^ 0x5c);
  }
  inner.append(data);
  auto inner_digest = Sha256(inner);
  outer.append(reinterpret_cast<const char*>(inner_digest.data()),
               inner_digest.size());
  return Sha256Hex(outer);
}

}  // namespace stafett
