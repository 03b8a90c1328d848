#include "core/test_national_ids.h"

namespace stafett {

using namespace std::chrono;

std::optional<std::string> MakeNationalId(year_month_day birth,
                                          int individnummer,
                                          NationalIdKind kind,
                                          int k1_remainder) {
  int day = int(unsigned(birth.day()));
  int month = int(unsigned(birth.month()));
  int yy = int(birth.year()) % 100;
  switch (kind) {
    case NationalIdKind::kFodselsnummer:
      break;
    case NationalIdKind::kDNummer:
      day += 40;
      break;
    case NationalIdKind::kHNummer:
      month += 40;
      break;
    case NationalIdKind::kTestNorge:
      month += 80;
      break;
    case NationalIdKind::kDNummerAndHNummer:
      day += 40;
      month += 40;
      break;
    case NationalIdKind::kDNummerAndTestNorge:
      day += 40;
      month += 80;
      break;
  }
  int d[11] = {
      day / 10,          day % 10, month / 10,          month % 10,
      yy / 10,           yy % 10,  individnummer / 100, individnummer / 10 % 10,
      individnummer % 10};
  static constexpr int kK1[9] = {3, 7, 6, 1, 8, 9, 4, 5, 2};
  static constexpr int kK2[10] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += kK1[i] * d[i];
  int k1 = ((k1_remainder - sum) % 11 + 11) % 11;
  if (k1 == 10) return std::nullopt;
  d[9] = k1;
  sum = 0;
  for (int i = 0; i < 10; ++i) sum += kK2[i] * d[i];
  int k2 = NationalIdCheckDigit(sum);
  if (k2 == 10) return std::nullopt;
  d[10] = k2;
  std::string out;
  for (int v : d) out.push_back(char('0' + v));
  return out;
}

std::string RandomNationalId(std::mt19937_64& rng, NationalIdKind kind,
                             bool allow_2032_k1) {
  std::uniform_int_distribution<int> year_dist(1900, 2039);
  std::uniform_int_distribution<int> day_of_year(0, 365);
  std::uniform_int_distribution<int> remainder_dist(0, allow_2032_k1 ? 3 : 0);
  for (;;) {
    int y = year_dist(rng);
    sys_days first{year{y} / January / 1};
    year_month_day birth{first + days{day_of_year(rng)}};
    if (int(birth.year()) != y) continue;  // day 366 of a common year
    int individnummer;
    if (y >= 2000) {
      individnummer = std::uniform_int_distribution<int>(500, 999)(rng);
    } else if (y >= 1940 && std::bernoulli_distribution(0.2)(rng)) {
      individnummer = std::uniform_int_distribution<int>(900, 999)(rng);
    } else {
      individnummer = std::uniform_int_distribution<int>(0, 499)(rng);
    }
    auto id = MakeNationalId(birth, individnummer, kind, remainder_dist(rng));
    if (id) return *id;
  }
}

}  // namespace stafett
