// The PII guard: finds personal identifiers in free text so that Stafett,
// whose cases are anonymous, never stores them. Every layer that accepts a
// free-text field (case notes, measure text, meeting notes, evaluations)
// calls CheckFreeText on it before anything is stored.
//
// What is found (and only this; names and addresses are not detected):
//  - national_id: a Norwegian fødselsnummer, D-, H- or synthetic (Test
//    Norge) number, or a combination (core/national_id.h), that passes the
//    date and check-digit rules. Its 11 digits may be written with single
//    spaces, dots, hyphens or no-break spaces between digit groups
//    ("01017012345", "010170 12345", "010170-12345", "01.01.70 12345",
//    "0101 70 123 45"). Eleven digits failing the check digits are not
//    reported. A digit group is never cut out of a longer unbroken digit run;
//    letters next to it do not matter ("ID01017012345" is found).
//  - phone: a Norwegian number of 8 digits starting with 2-9, optionally
//    after +47 or 0047, written "91234567", "912 34 567", "91 23 45 67",
//    "9123 4567" (4-4 only for mobiles, starting 4 or 9, or after a
//    prefix), "+47 912 34 567", "+4791234567"; groups are separated by
//    single spaces or no-break spaces. Grouped forms must not run on into
//    further digit groups ("12 34 56 78 90" is a series, not a number).
//    Not reported: dates ("17.05.2026", and unprefixed runs of 8 that read
//    as a date, "20260517" or "27052026"), times ("14:30"), years ("2024
//    2025"), amounts ("12 500 000"), references ("NES-2026-0042"), ranges
//    ("6-12"), decimals ("0,23456789").
//  - email: local@domain.tld, letters beyond ASCII included (Sami á č đ ŋ
//    š ŧ ž, æ ø å).
// Findings never overlap: an e-mail address hides the digits inside it, and a
// valid national id is not also reported as a phone number.
//
// Thread-safety: pure functions.
#ifndef STAFETT_CORE_PII_GUARD_H_
#define STAFETT_CORE_PII_GUARD_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace stafett {

enum class PiiKind { kNationalId, kPhone, kEmail };

// "national_id", "phone", "email".
const char* PiiKindName(PiiKind kind);

struct PiiFinding {
  PiiKind kind;
  // The match as bytes of the scanned text: first digit or character to last,
  // separators inside included, a +47/0047 prefix included.
  std::size_t offset = 0;
  std::size_t length = 0;
  // Short Norwegian name of what was found, e.g. "fødselsnummer",
  // "D-nummer", "telefonnummer", "e-postadresse". Never the value itself.
  std::string description;
};

// All findings in `utf8_text`, ordered by offset. Invalid UTF-8 is tolerated
// (such bytes are never letters).
std::vector<PiiFinding> ScanPii(std::string_view utf8_text);

// Ok when `text` holds no finding; otherwise Status::Pii (Code::kPiiFound)
// about `field`, whose Norwegian message names the kinds found (e.g.
// "fødselsnummer og telefonnummer") but never echoes the value.
Status CheckFreeText(std::string_view text, const std::string& field);

}  // namespace stafett

#endif  // STAFETT_CORE_PII_GUARD_H_
