#include "core/national_id.h"

#include <random>
#include <string>

#include <gtest/gtest.h>

#include "core/test_national_ids.h"

namespace stafett {
namespace {

using namespace std::chrono;

// Fixed numbers are synthetic (Test Norge, month + 80) or born after today,
// so none can belong to a person. They were computed by a separate script,
// not by MakeNationalId, so that the generator is checked too.
struct ValidCase {
  const char* digits;
  NationalIdKind kind;
  year_month_day birth;
  bool century_known;
  bool k1_2032;
};

TEST(NationalIdTest, AcceptsEachKind) {
  using K = NationalIdKind;
  const ValidCase cases[] = {
      {"15033750061", K::kFodselsnummer, 2037y / 3 / 15, true, false},
      {"71073660062", K::kDNummer, 2036y / 7 / 31, true, false},
      {"01523870021", K::kHNummer, 2038y / 12 / 1, true, false},
      {"17858510023", K::kTestNorge, 1985y / 5 / 17, true, false},
      {"49413580160", K::kDNummerAndHNummer, 2035y / 1 / 9, true, false},
      {"50907020182", K::kDNummerAndTestNorge, 1970y / 10 / 10, true, false},
      // Centuries from the individnummer.
      {"30869950064", K::kTestNorge, 1899y / 6 / 30, true, false},  // 500
      {"29820050043", K::kTestNorge, 2000y / 2 / 29, true, false},  // 500
      {"29829600089", K::kTestNorge, 1996y / 2 / 29, true, false},  // 000
      {"29023650078", K::kFodselsnummer, 2036y / 2 / 29, true, false},
      // Individnummer not assigned for the year: accepted, century unknown.
      {"15825150088", K::kTestNorge, 1951y / 2 / 15, false, false},  // 500
      {"29824875187", K::kTestNorge, 1948y / 2 / 29, false, false},  // 751
      // The 2032 K1 rule: three K1 values for one date and individnummer.
      {"02813299790", K::kTestNorge, 2032y / 1 / 2, true, false},  // rest 0
      {"02813299707", K::kTestNorge, 2032y / 1 / 2, true, true},   // rest 2
      {"02813299715", K::kTestNorge, 2032y / 1 / 2, true, true},   // rest 3
      // navikt/fnrvalidator's own example born 2 January 2032 (its K1
      // happens to satisfy the classic rule too).
      {"02013299997", K::kFodselsnummer, 2032y / 1 / 2, true, false},
  };
  for (const auto& c : cases) {
    auto r = ParseNationalId(c.digits);
    ASSERT_TRUE(r.ok()) << c.digits << ": " << r.status().ToString();
    EXPECT_EQ(r->kind, c.kind) << c.digits;
    EXPECT_EQ(r->birth_date, c.birth) << c.digits;
    EXPECT_EQ(r->century_known, c.century_known) << c.digits;
    EXPECT_EQ(r->k1_from_2032_rule, c.k1_2032) << c.digits;
    EXPECT_TRUE(IsValidNationalId(c.digits)) << c.digits;
  }
}

TEST(NationalIdTest, RejectsBadInput) {
  const struct {
    const char* digits;
    const char* why;
  } cases[] = {
      {"", "empty"},
      {"1585851002", "10 digits"},
      {"178585100230", "12 digits"},
      {"1785851002a", "a letter"},
      {"17858 51002", "a separator"},
      {"17858510024", "K2 off by one"},
      {"17858510033", "K1 off by one"},
      // Check digits right, date impossible.
      {"29023700075", "29 Feb 1937 (individnummer 000)"},
      {"29820000100", "29 Feb 1900 (individnummer 001)"},
      {"29829700180", "29 Feb 1997"},
      {"31849000031", "31 April"},
      {"00819000190", "day 0"},
      {"32819000181", "day 32"},
      {"81019000060", "first digit 8"},
      {"01939000077", "month 13 after the Test Norge offset"},
      {"01809000059", "month 0 after the Test Norge offset"},
      {"01219000150", "month 21 (third digit 2)"},
      // K1 with (sum + K1) mod 11 > 3, K2 right for it.
      {"02813299723", "2032 rule, rest 6"},
      {"02813299731", "2032 rule, rest 7"},
      {"02813299758", "2032 rule, rest 9"},
      // navikt/fnrvalidator's 2032 negatives.
      {"02013299987", "K1 wrong under both rules"},
      {"02013299996", "K2 wrong with a 2032 K1"},
  };
  for (const auto& c : cases) {
    auto r = ParseNationalId(c.digits);
    EXPECT_FALSE(r.ok()) << c.why;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << c.why;
    if (*c.digits != '\0') {
      EXPECT_EQ(r.status().message().find(c.digits), std::string::npos)
          << "message echoes the number: " << c.why;
    }
    EXPECT_FALSE(IsValidNationalId(c.digits)) << c.why;
  }
}

TEST(NationalIdTest, CheckDigitRule) {
  EXPECT_EQ(NationalIdCheckDigit(0), 0);  // 11 -> 0
  EXPECT_EQ(NationalIdCheckDigit(11), 0);
  EXPECT_EQ(NationalIdCheckDigit(1), 10);  // no digit
  EXPECT_EQ(NationalIdCheckDigit(2), 9);
  EXPECT_EQ(NationalIdCheckDigit(10), 1);
}

TEST(NationalIdTest, KindNames) {
  EXPECT_STREQ(NationalIdKindName(NationalIdKind::kDNummerAndTestNorge),
               "dnr-and-tnr");
  EXPECT_STREQ(NationalIdKindDescription(NationalIdKind::kDNummer), "D-nummer");
  EXPECT_STREQ(NationalIdKindDescription(NationalIdKind::kFodselsnummer),
               "fødselsnummer");
}

TEST(NationalIdTest, GeneratorMatchesFixedNumbers) {
  EXPECT_EQ(MakeNationalId(2037y / 3 / 15, 500, NationalIdKind::kFodselsnummer),
            "15033750061");
  EXPECT_EQ(MakeNationalId(2032y / 1 / 2, 997, NationalIdKind::kTestNorge, 3),
            "02813299715");
  // K1 would be 10 under rest 1.
  EXPECT_EQ(MakeNationalId(2032y / 1 / 2, 997, NationalIdKind::kTestNorge, 1),
            std::nullopt);
}

// Every generated number parses back to its kind; changing any one digit
// breaks it, since K2's weights are all non-zero mod 11 and digit 11 is K2
// itself. (A changed digit can still leave K1 valid under the 2032 rule, but
// then K2 no longer matches.)
TEST(NationalIdTest, PropertyGeneratedNumbersValidAndSingleDigitErrorsCaught) {
  std::mt19937_64 rng(20320101);
  const NationalIdKind kinds[] = {
      NationalIdKind::kFodselsnummer,     NationalIdKind::kDNummer,
      NationalIdKind::kHNummer,           NationalIdKind::kTestNorge,
      NationalIdKind::kDNummerAndHNummer, NationalIdKind::kDNummerAndTestNorge};
  for (int i = 0; i < 3000; ++i) {
    NationalIdKind kind = kinds[i % 6];
    std::string id = RandomNationalId(rng, kind, /*allow_2032_k1=*/i % 2 == 0);
    auto r = ParseNationalId(id);
    ASSERT_TRUE(r.ok()) << id << ": " << r.status().ToString();
    EXPECT_EQ(r->kind, kind) << id;
    EXPECT_TRUE(r->century_known) << id;
    int pos = i % 11;
    std::string changed = id;
    changed[pos] = char('0' + (changed[pos] - '0' + 1 + i % 9) % 10);
    EXPECT_FALSE(IsValidNationalId(changed)) << id << " -> " << changed;
  }
}

}  // namespace
}  // namespace stafett
