// Test helper: builds valid national identity numbers (core/national_id.h)
// so that tests never copy real people's numbers. Prefer the Test Norge kind
// (month + 80), which by construction belongs to no one.
//
// Linked into test binaries only. Thread-safety: pure functions; the random
// generator is the caller's.
#ifndef STAFETT_CORE_TEST_NATIONAL_IDS_H_
#define STAFETT_CORE_TEST_NATIONAL_IDS_H_

#include <chrono>
#include <optional>
#include <random>
#include <string>

#include "core/national_id.h"

namespace stafett {

// The 11 digits for `birth` (its year gives YY only: pick an individnummer
// that fits the century for a parseable number), with the offsets of `kind`.
// K1 satisfies (sum + K1) mod 11 == k1_remainder (0 is the classic rule,
// 1-3 the 2032 rule). nullopt when no check digit exists (K1 or K2 would
// be 10).
std::optional<std::string> MakeNationalId(std::chrono::year_month_day birth,
                                          int individnummer,
                                          NationalIdKind kind,
                                          int k1_remainder = 0);

// A random valid number of `kind`, born 1900-2039 with an individnummer that
// fits the century, classic K1 unless `allow_2032_k1`.
std::string RandomNationalId(std::mt19937_64& rng,
                             NationalIdKind kind = NationalIdKind::kTestNorge,
                             bool allow_2032_k1 = false);

}  // namespace stafett

#endif  // STAFETT_CORE_TEST_NATIONAL_IDS_H_
