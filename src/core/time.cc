#include "core/time.h"

#include <cstdio>

namespace stafett {

using namespace std::chrono;

namespace {

bool ParseDigits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

sys_seconds LastSundayAt0100Utc(year y, month m) {
  return sys_days{year_month_weekday_last{y, m, weekday_last{Sunday}}} + 1h;
}

}  // namespace

std::string FormatUtc(TimePoint t) {
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss<Millis> tod{t - day};
  char buf[40];
  int ms = static_cast<int>(tod.subseconds().count());
  if (ms == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                  int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()),
                  int(tod.hours().count()), int(tod.minutes().count()),
                  int(tod.seconds().count()));
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                  int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()),
                  int(tod.hours().count()), int(tod.minutes().count()),
                  int(tod.seconds().count()), ms);
  }
  return buf;
}

Result<year_month_day> ParseDate(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' ||
      !ParseDigits(s, 0, 4, &y) || !ParseDigits(s, 5, 2, &m) ||
      !ParseDigits(s, 8, 2, &d)) {
    return Status::Invalid("dato må skrives ÅÅÅÅ-MM-DD");
  }
  year_month_day ymd{year{y}, month{unsigned(m)}, day{unsigned(d)}};
  if (!ymd.ok())
    return Status::Invalid("datoen finnes ikke: " + std::string(s));
  return ymd;
}

std::string FormatDate(year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()),
                unsigned(d.month()), unsigned(d.day()));
  return buf;
}

Result<TimePoint> ParseTimestamp(std::string_view s) {
  auto bad = [&] {
    return Status::Invalid(
        "tidspunkt må skrives ÅÅÅÅ-MM-DDTtt:mm:ssZ eller med tidssone "
        "(+01:00)");
  };
  if (s.size() < 20) return bad();
  auto date = ParseDate(s.substr(0, 10));
  if (!date.ok()) return date.status();
  int hh, mm, ss;
  if ((s[10] != 'T' && s[10] != 't') || !ParseDigits(s, 11, 2, &hh) ||
      s[13] != ':' || !ParseDigits(s, 14, 2, &mm) || s[16] != ':' ||
      !ParseDigits(s, 17, 2, &ss) || hh > 23 || mm > 59 || ss > 59) {
    return bad();
  }
  size_t pos = 19;
  int ms = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 3) ms = ms * 10 + (s[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return bad();
    for (int i = digits; i < 3; ++i) ms *= 10;
  }
  minutes offset{0};
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (!ParseDigits(s, pos + 1, 2, &oh) || pos + 3 >= s.size() ||
        s[pos + 3] != ':' || !ParseDigits(s, pos + 4, 2, &om) || oh > 23 ||
        om > 59) {
      return bad();
    }
    offset = minutes(oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return bad();
  }
  if (pos != s.size()) return bad();
  TimePoint t =
      sys_days{*date} + hours{hh} + minutes{mm} + seconds{ss} + Millis{ms};
  return t - offset;
}

minutes OsloUtcOffset(TimePoint t) {
  year y = year_month_day{floor<days>(t)}.year();
  auto start = LastSundayAt0100Utc(y, March);
  auto end = LastSundayAt0100Utc(y, October);
  return (t >= start && t < end) ? minutes{120} : minutes{60};
}

LocalTime ToOslo(TimePoint t) {
  return LocalTime{(t + OsloUtcOffset(t)).time_since_epoch()};
}

TimePoint FromOslo(LocalTime local) {
  TimePoint as_utc{local.time_since_epoch()};
  TimePoint winter = as_utc - minutes{60};
  TimePoint summer = as_utc - minutes{120};
  bool summer_ok = OsloUtcOffset(summer) == minutes{120};
  bool winter_ok = OsloUtcOffset(winter) == minutes{60};
  if (summer_ok) return summer;  // also the first occurrence when ambiguous
  if (winter_ok) return winter;
  return winter;  // in the spring gap: read with winter offset, i.e. one hour
                  // on
}

year_month_day OsloDate(TimePoint t) {
  return year_month_day{floor<days>(ToOslo(t))};
}

TimePoint OsloStartOfDay(year_month_day d) {
  return FromOslo(LocalTime{local_days{d}.time_since_epoch()});
}

TimePoint SystemClock::Now() const {
  return time_point_cast<Millis>(system_clock::now());
}

}  // namespace stafett
