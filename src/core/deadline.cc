#include "core/deadline.h"

#include "core/calendar.h"

namespace stafett {

using namespace std::chrono;

namespace {
constexpr std::int64_t kMaxDeadlineDays = 1000 * 366;  // about 1000 years
}  // namespace

bool IsoDuration::IsZero() const {
  return years == 0 && months == 0 && weeks == 0 && days == 0 && hours == 0 &&
         minutes == 0 && seconds == 0;
}

std::string IsoDuration::ToString() const {
  std::string s = "P";
  if (years) s += std::to_string(years) + "Y";
  if (months) s += std::to_string(months) + "M";
  if (weeks) s += std::to_string(weeks) + "W";
  if (days) s += std::to_string(days) + "D";
  if (hours || minutes || seconds) {
    s += "T";
    if (hours) s += std::to_string(hours) + "H";
    if (minutes) s += std::to_string(minutes) + "M";
    if (seconds) s += std::to_string(seconds) + "S";
  }
  if (s == "P") s = "PT0S";
  return s;
}

Result<IsoDuration> ParseIsoDuration(std::string_view text) {
  auto bad = [&](const std::string& why) {
    return Status::Invalid("ugyldig frist '" + std::string(text) + "': " + why +
                           " (bruk ISO-8601, f.eks. P14D, P2W eller PT10S)");
  };
  if (text.size() < 3 || text[0] != 'P') return bad("må starte med P");
  IsoDuration d;
  bool in_time = false, any = false;
  // Designators must come in this order; `last` is the rank of the previous.
  int last = -1;
  size_t i = 1;
  while (i < text.size()) {
    if (text[i] == 'T') {
      if (in_time) return bad("T står to ganger");
      in_time = true;
      ++i;
      if (i == text.size()) return bad("T uten tid etter");
      continue;
    }
    std::int64_t n = 0;
    size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      n = n * 10 + (text[i] - '0');
      if (n > 1'000'000) return bad("tallet er for stort");
      ++i;
    }
    if (i == start) return bad("mangler tall");
    if (i == text.size()) return bad("mangler enhet etter tallet");
    char unit = text[i++];
    int rank;
    if (!in_time) {
      switch (unit) {
        case 'Y':
          rank = 0;
          d.years = int(n);
          break;
        case 'M':
          rank = 1;
          d.months = int(n);
          break;
        case 'W':
          rank = 2;
          d.weeks = int(n);
          break;
        case 'D':
          rank = 3;
          d.days = int(n);
          break;
        default:
          return bad(std::string("ukjent enhet '") + unit + "'");
      }
    } else {
      switch (unit) {
        case 'H':
          rank = 4;
          d.hours = n;
          break;
        case 'M':
          rank = 5;
          d.minutes = n;
          break;
        case 'S':
          rank = 6;
          d.seconds = n;
          break;
        default:
          return bad(std::string("ukjent tidsenhet '") + unit + "'");
      }
    }
    if (rank <= last)
      return bad("enhetene står i feil rekkefølge eller to ganger");
    last = rank;
    any = true;
  }
  if (!any) return bad("mangler lengde");
  if (d.IsZero()) return bad("fristen kan ikke være null");
  // std::chrono::year holds a short, so P1000000Y used to wrap round to a
  // year in the past (or 18986); no routine needs a deadline centuries off.
  std::int64_t approx_days = std::int64_t{d.years} * 366 +
                             std::int64_t{d.months} * 31 +
                             std::int64_t{d.weeks} * 7 + d.days +
                             (d.hours + d.minutes / 60 + d.seconds / 3600) / 24;
  if (approx_days > kMaxDeadlineDays) return bad("fristen er for lang");
  return d;
}

std::string DeadlineSpec::ToString() const {
  switch (kind) {
    case Kind::kNone:
      return "";
    case Kind::kCalendar:
      return duration.ToString();
    case Kind::kWorkingDays:
      return std::to_string(working_days) + " working days";
  }
  return "";
}

TimePoint AddIsoDuration(TimePoint start, const IsoDuration& d) {
  TimePoint t = start;
  if (d.years || d.months || d.weeks || d.days) {
    LocalTime local = ToOslo(start);
    local_days day = floor<days>(local);
    Millis tod = local - day;
    year_month_day ymd{day};
    if (d.years || d.months) {
      year_month ym = year_month{ymd.year(), ymd.month()} + years{d.years} +
                      months{d.months};
      unsigned last = unsigned(
          year_month_day_last{ym.year(), month_day_last{ym.month()}}.day());
      unsigned dd = std::min(unsigned(ymd.day()), last);
      ymd = year_month_day{ym.year(), ym.month(), std::chrono::day{dd}};
    }
    local_days nd = local_days{ymd} + days{d.weeks * 7 + d.days};
    t = FromOslo(nd + tod);
  }
  return t + hours{d.hours} + minutes{d.minutes} + seconds{d.seconds};
}

TimePoint SubtractIsoDuration(TimePoint end, const IsoDuration& d) {
  IsoDuration n = d;
  n.years = -n.years;
  n.months = -n.months;
  n.weeks = -n.weeks;
  n.days = -n.days;
  n.hours = -n.hours;
  n.minutes = -n.minutes;
  n.seconds = -n.seconds;
  return AddIsoDuration(end, n);
}

TimePoint ComputeDue(TimePoint start, const DeadlineSpec& spec) {
  switch (spec.kind) {
    case DeadlineSpec::Kind::kCalendar:
      return AddIsoDuration(start, spec.duration);
    case DeadlineSpec::Kind::kWorkingDays:
      return AddWorkingDays(start, spec.working_days, spec.calendar.get());
    case DeadlineSpec::Kind::kNone:
      break;
  }
  return start;
}

}  // namespace stafett
