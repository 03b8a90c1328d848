#include "core/calendar.h"

#include <cstdio>

namespace stafett {

using namespace std::chrono;

year_month_day EasterSunday(year y) {
  int Y = int(y);
  int a = Y % 19, b = Y / 100, c = Y % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month_ = (h + l - 7 * m + 114) / 31;
  int day_ = ((h + l - 7 * m + 114) % 31) + 1;
  return year_month_day{y, month{unsigned(month_)}, day{unsigned(day_)}};
}

bool IsNorwegianPublicHoliday(year_month_day d) {
  const month m = d.month();
  const unsigned dd = unsigned(d.day());
  if ((m == January && dd == 1) || (m == May && (dd == 1 || dd == 17)) ||
      (m == December && (dd == 25 || dd == 26))) {
    return true;
  }
  const sys_days easter{EasterSunday(d.year())};
  const int offset = (sys_days{d} - easter).count();
  switch (offset) {
    case -3:  // skjærtorsdag
    case -2:  // langfredag
    case 0:   // 1. påskedag
    case 1:   // 2. påskedag
    case 39:  // Kristi himmelfartsdag
    case 49:  // 1. pinsedag
    case 50:  // 2. pinsedag
      return true;
    default:
      return false;
  }
}

bool IsWorkingDay(year_month_day d) {
  weekday w{sys_days{d}};
  if (w == Saturday || w == Sunday) return false;
  return !IsNorwegianPublicHoliday(d);
}

TimePoint AddWorkingDays(TimePoint start, int n) {
  return AddWorkingDays(start, n, nullptr);
}

bool Closure::Contains(year_month_day d) const {
  if (!annual)
    return sys_days{from} <= sys_days{d} && sys_days{d} <= sys_days{to};
  const month_day md{d.month(), d.day()};
  const month_day a{from.month(), from.day()};
  const month_day b{to.month(), to.day()};
  if (a <= b) return a <= md && md <= b;
  return md >= a || md <= b;  // over the new year
}

std::string Closure::ToString() const {
  char buf[64];
  if (annual) {
    std::snprintf(buf, sizeof buf, "%02u-%02u..%02u-%02u (hvert år)",
                  unsigned(from.month()), unsigned(from.day()),
                  unsigned(to.month()), unsigned(to.day()));
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u..%04d-%02u-%02u",
                  int(from.year()), unsigned(from.month()),
                  unsigned(from.day()), int(to.year()), unsigned(to.month()),
                  unsigned(to.day()));
  }
  return buf;
}

bool WorkCalendar::IsClosed(year_month_day d) const {
  for (const Closure& c : closures_) {
    if (c.Contains(d)) return true;
  }
  return false;
}

bool WorkCalendar::IsWorkingDay(year_month_day d) const {
  return stafett::IsWorkingDay(d) && !IsClosed(d);
}

TimePoint AddWorkingDays(TimePoint start, int n, const WorkCalendar* calendar) {
  if (n <= 0) return start;
  LocalTime local = ToOslo(start);
  local_days day = floor<days>(local);
  Millis time_of_day = local - day;
  for (int scanned = 0; n > 0 && scanned < kMaxCalendarScanDays; ++scanned) {
    day += days{1};
    const year_month_day ymd{day};
    if (calendar != nullptr ? calendar->IsWorkingDay(ymd) : IsWorkingDay(ymd))
      --n;
  }
  return FromOslo(day + time_of_day);
}

}  // namespace stafett
