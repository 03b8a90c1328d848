// Norwegian national identity numbers: the fødselsnummer and its variants.
// Stafett never stores one; this validator exists so that the PII guard
// (core/pii_guard.h) can recognise them in free text with few false alarms.
//
// Format DDMMYY III K1 K2: birth date, individnummer, two check digits.
// Variants move the date digits:
//   D-nummer            first digit + 4   (day 41-71)
//   H-nummer            third digit + 4   (month 41-52)
//   Test Norge (Tenor)  third digit + 8   (month 81-92), synthetic test data
// and the combinations D + H and D + Test Norge.
//
// The date must exist after undoing the offsets. The individnummer picks the
// century: 000-499 1900-1999; 500-749 with year 54-99 1854-1899; 500-999
// with year 00-39 2000-2039; 900-999 with year 40-99 1940-1999. A number
// whose individnummer falls outside those ranges for its year (e.g. 500-749
// with year 40-53) cannot be placed in a century; it is still accepted when
// day and month exist in 19YY or 20YY (a number we cannot place is still a
// number to keep out of the database), with century_known false.
//
// Check digits (mod 11): K1 weights 3,7,6,1,8,9,4,5,2 on digits 1-9, K2
// weights 5,4,3,2,7,6,5,4,3,2 on digits 1-10. Classic rule: k = 11 - (sum
// mod 11), 11 -> 0, 10 -> invalid. From 2032 (and accepted for every number,
// as navikt/fnrvalidator does) K1 is valid when (K1 sum + K1) mod 11 is 0, 1,
// 2 or 3; the classic K1 is the case 0. K2 is always the classic rule over
// digits 1-10 with the actual K1.
//
// Thread-safety: pure functions.
#ifndef STAFETT_CORE_NATIONAL_ID_H_
#define STAFETT_CORE_NATIONAL_ID_H_

#include <chrono>
#include <string_view>

#include "core/status.h"

namespace stafett {

enum class NationalIdKind {
  kFodselsnummer,
  kDNummer,
  kHNummer,
  kTestNorge,           // synthetic, month + 80
  kDNummerAndHNummer,   // first digit + 4 and month + 40
  kDNummerAndTestNorge  // first digit + 4 and month + 80
};

// Stable machine names as in navikt/fnrvalidator: "fnr", "dnr", "hnr",
// "tnr", "dnr-and-hnr", "dnr-and-tnr".
const char* NationalIdKindName(NationalIdKind kind);
// Short Norwegian description: "fødselsnummer", "D-nummer", "H-nummer",
// "syntetisk fødselsnummer (Test Norge)", "D-nummer med H-nummer-dato",
// "syntetisk D-nummer (Test Norge)".
const char* NationalIdKindDescription(NationalIdKind kind);

struct NationalId {
  NationalIdKind kind = NationalIdKind::kFodselsnummer;
  std::chrono::year_month_day birth_date;
  // False when the individnummer does not fix the century (see above); the
  // year is then 19YY, or 20YY when only that makes the date exist.
  bool century_known = true;
  // True when K1 is valid only under the 2032 rule, not the classic one.
  bool k1_from_2032_rule = false;
};

// Validates exactly 11 ASCII digits (no separators). InvalidArgument with a
// Norwegian message otherwise; the message never repeats the number.
Result<NationalId> ParseNationalId(std::string_view digits);
bool IsValidNationalId(std::string_view digits);

// The classic check digit for the weighted `sum`: 0-9, or 10 meaning none.
int NationalIdCheckDigit(int weighted_sum);

}  // namespace stafett

#endif  // STAFETT_CORE_NATIONAL_ID_H_
