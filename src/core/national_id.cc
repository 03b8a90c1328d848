#include "core/national_id.h"

namespace stafett {

using namespace std::chrono;

namespace {

constexpr int kK1Weights[9] = {3, 7, 6, 1, 8, 9, 4, 5, 2};
constexpr int kK2Weights[10] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

// The century from the individnummer and the two-digit year, or 0 when the
// individnummer is not assigned for that year.
int Century(int individnummer, int yy) {
  if (individnummer <= 499) return 1900;
  if (individnummer <= 749 && yy >= 54) return 1800;
  if (yy <= 39) return 2000;  // 500-999
  if (individnummer >= 900) return 1900;
  return 0;
}

Status Invalid(const char* why) {
  return Status::Invalid(std::string("ikke et gyldig fødselsnummer: ") + why);
}

}  // namespace

const char* NationalIdKindName(NationalIdKind kind) {
  switch (kind) {
    case NationalIdKind::kFodselsnummer:
      return "fnr";
    case NationalIdKind::kDNummer:
      return "dnr";
    case NationalIdKind::kHNummer:
      return "hnr";
    case NationalIdKind::kTestNorge:
      return "tnr";
    case NationalIdKind::kDNummerAndHNummer:
      return "dnr-and-hnr";
    case NationalIdKind::kDNummerAndTestNorge:
      return "dnr-and-tnr";
  }
  return "fnr";
}

const char* NationalIdKindDescription(NationalIdKind kind) {
  switch (kind) {
    case NationalIdKind::kFodselsnummer:
      return "fødselsnummer";
    case NationalIdKind::kDNummer:
      return "D-nummer";
    case NationalIdKind::kHNummer:
      return "H-nummer";
    case NationalIdKind::kTestNorge:
      return "syntetisk fødselsnummer (Test Norge)";
    case NationalIdKind::kDNummerAndHNummer:
      return "D-nummer med H-nummer-dato";
    case NationalIdKind::kDNummerAndTestNorge:
      return "syntetisk D-nummer (Test Norge)";
  }
  return "fødselsnummer";
}

int NationalIdCheckDigit(int weighted_sum) {
  int k = 11 - weighted_sum % 11;
  return k == 11 ? 0 : k;
}

Result<NationalId> ParseNationalId(std::string_view digits) {
  if (digits.size() != 11) return Invalid("må ha 11 sifre");
  int d[11];
  for (int i = 0; i < 11; ++i) {
    if (digits[i] < '0' || digits[i] > '9') return Invalid("bare sifre");
    d[i] = digits[i] - '0';
  }

  int k1_sum = 0;
  for (int i = 0; i < 9; ++i) k1_sum += kK1Weights[i] * d[i];
  // The 2032 rule: (sum + K1) mod 11 in {0,1,2,3}. Remainder 0 is the
  // classic rule, under which K1 = 10 is impossible as K1 is one digit.
  int remainder = (k1_sum + d[9]) % 11;
  if (remainder > 3) return Invalid("kontrollsifrene stemmer ikke");
  int k2_sum = 0;
  for (int i = 0; i < 10; ++i) k2_sum += kK2Weights[i] * d[i];
  if (NationalIdCheckDigit(k2_sum) != d[10]) {
    return Invalid("kontrollsifrene stemmer ikke");
  }

  NationalId id;
  id.k1_from_2032_rule = remainder != 0;
  int day = d[0] * 10 + d[1];
  int month = d[2] * 10 + d[3];
  bool is_d = d[0] >= 4;
  if (is_d) day -= 40;
  int month_offset = d[2] >= 8 ? 80 : d[2] >= 4 ? 40 : 0;
  month -= month_offset;
  if (is_d) {
    id.kind = month_offset == 80   ? NationalIdKind::kDNummerAndTestNorge
              : month_offset == 40 ? NationalIdKind::kDNummerAndHNummer
                                   : NationalIdKind::kDNummer;
  } else {
    id.kind = month_offset == 80   ? NationalIdKind::kTestNorge
              : month_offset == 40 ? NationalIdKind::kHNummer
                                   : NationalIdKind::kFodselsnummer;
  }
  if (day < 1 || day > 31 || month < 1 || month > 12) {
    return Invalid("datoen finnes ikke");
  }

  int yy = d[4] * 10 + d[5];
  int individnummer = d[6] * 100 + d[7] * 10 + d[8];
  int century = Century(individnummer, yy);
  auto make = [&](int c) {
    return year_month_day{year{c + yy}, std::chrono::month{unsigned(month)},
                          std::chrono::day{unsigned(day)}};
  };
  if (century != 0) {
    id.birth_date = make(century);
    if (!id.birth_date.ok()) return Invalid("datoen finnes ikke");
    return id;
  }
  // Unplaceable individnummer: only 29 February depends on the century, and
  // 20YY is a leap year whenever 19YY is.
  id.century_known = false;
  id.birth_date = make(1900);
  if (!id.birth_date.ok()) id.birth_date = make(2000);
  if (!id.birth_date.ok()) return Invalid("datoen finnes ikke");
  return id;
}

bool IsValidNationalId(std::string_view digits) {
  return ParseNationalId(digits).ok();
}

}  // namespace stafett
