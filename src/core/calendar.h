// The Norwegian working-day calendar: public holidays (movable feasts from
// Easter included) and working-day arithmetic in Europe/Oslo time.
//
// Public holidays (helligdagsloven and 1 and 17 May): 1 January, Maundy
// Thursday, Good Friday, Easter Sunday and Monday, 1 May, 17 May, Ascension
// Day (Easter + 39), Whit Sunday and Monday (Easter + 49, + 50), 25 and 26
// December. Saturdays and Sundays are never working days. Christmas Eve and
// New Year's Eve are ordinary days in law and are treated as such.
//
// A tenant may close its services for periods of its own (kindergarten
// summer weeks, the Christmas week): a WorkCalendar is the national working
// days minus those closures, and working-day deadlines counted on it skip
// them (routine file key `calendar`, workflows/README.md).
//
// Thread-safety: pure functions; a WorkCalendar is immutable once built and
// may be shared between threads.
#ifndef STAFETT_CORE_CALENDAR_H_
#define STAFETT_CORE_CALENDAR_H_

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "core/time.h"

namespace stafett {

// Gregorian Easter Sunday (anonymous Gregorian algorithm).
std::chrono::year_month_day EasterSunday(std::chrono::year y);
bool IsNorwegianPublicHoliday(std::chrono::year_month_day d);
bool IsWorkingDay(std::chrono::year_month_day d);

// The same Oslo local time of day on the n-th working day after the Oslo
// date of `start` (the start date itself never counts). n >= 0; n == 0
// returns start. Local time is kept across a summer-time switch, so the UTC
// distance is then an hour more or less.
TimePoint AddWorkingDays(TimePoint start, int n);

// A closure: the days `from` to `to`, both included. A dated closure is
// one period; an annual one (annual == true) recurs every year and uses
// only month and day (the year in from/to is ignored), and may run over
// the new year (24 December to 1 January).
struct Closure {
  bool annual = false;
  std::chrono::year_month_day from;
  std::chrono::year_month_day to;
  bool Contains(std::chrono::year_month_day d) const;
  // "2026-07-06..2026-07-31" or "12-24..01-01 (hvert år)"
  std::string ToString() const;
};

class WorkCalendar {
 public:
  WorkCalendar() = default;
  explicit WorkCalendar(std::vector<Closure> closures)
      : closures_(std::move(closures)) {}

  bool IsClosed(std::chrono::year_month_day d) const;
  // A national working day on which the tenant is not closed.
  bool IsWorkingDay(std::chrono::year_month_day d) const;
  const std::vector<Closure>& closures() const { return closures_; }

 private:
  std::vector<Closure> closures_;
};

// As AddWorkingDays above, skipping the calendar's closures too (null:
// national working days only). A calendar that closes (almost) every day
// cannot hang a caller: the search stops after kMaxCalendarScanDays and
// returns the day it reached.
inline constexpr int kMaxCalendarScanDays = 3660;
TimePoint AddWorkingDays(TimePoint start, int n, const WorkCalendar* calendar);

}  // namespace stafett

#endif  // STAFETT_CORE_CALENDAR_H_
