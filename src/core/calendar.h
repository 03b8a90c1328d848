// The Norwegian working-day calendar: public holidays (movable feasts from
// Easter included) and working-day arithmetic in Europe/Oslo time.
//
// Public holidays (helligdagsloven and 1 and 17 May): 1 January, Maundy
// Thursday, Good Friday, Easter Sunday and Monday, 1 May, 17 May, Ascension
// Day (Easter + 39), Whit Sunday and Monday (Easter + 49, + 50), 25 and 26
// December. Saturdays and Sundays are never working days. Christmas Eve and
// New Year's Eve are ordinary days in law and are treated as such.
//
// Thread-safety: pure functions.
#ifndef STAFETT_CORE_CALENDAR_H_
#define STAFETT_CORE_CALENDAR_H_

#include <chrono>

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

}  // namespace stafett

#endif  // STAFETT_CORE_CALENDAR_H_
