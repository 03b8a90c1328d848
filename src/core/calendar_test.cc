#include "core/calendar.h"

#include <random>
#include <set>

#include <gtest/gtest.h>

namespace stafett {
namespace {

using namespace std::chrono;

TimePoint Oslo(year_month_day d, int h, int m = 0) {
  return FromOslo(LocalTime{local_days{d}.time_since_epoch()} + hours{h} +
                  minutes{m});
}

TEST(CalendarTest, EasterSunday) {
  const struct {
    year y;
    year_month_day easter;
  } cases[] = {
      {2024y, 2024y / 3 / 31},
      {2025y, 2025y / 4 / 20},
      {2026y, 2026y / 4 / 5},
      {2027y, 2027y / 3 / 28},
      {2038y, 2038y / 4 / 25},
      // Further published dates, including the earliest (22 March) and
      // latest (25 April) possible.
      {2000y, 2000y / 4 / 23},
      {2008y, 2008y / 3 / 23},
      {2011y, 2011y / 4 / 24},
      {2019y, 2019y / 4 / 21},
      {1943y, 1943y / 4 / 25},
      {1818y, 1818y / 3 / 22},
      {2285y, 2285y / 3 / 22},
      {1999y, 1999y / 4 / 4},
      {2100y, 2100y / 3 / 28},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(EasterSunday(c.y), c.easter) << int(c.y);
    EXPECT_EQ(weekday{sys_days{EasterSunday(c.y)}}, Sunday) << int(c.y);
  }
}

TEST(CalendarTest, PublicHolidays) {
  const year_month_day holidays[] = {
      // 2026, Easter 5 April.
      2026y / 1 / 1,
      2026y / 4 / 2,
      2026y / 4 / 3,
      2026y / 4 / 5,
      2026y / 4 / 6,
      2026y / 5 / 1,
      2026y / 5 / 14,
      2026y / 5 / 17,
      2026y / 5 / 24,
      2026y / 5 / 25,
      2026y / 12 / 25,
      2026y / 12 / 26,
      // 2025, Easter 20 April: Ascension 29 May, Whit Monday 9 June.
      2025y / 4 / 17,
      2025y / 4 / 18,
      2025y / 4 / 21,
      2025y / 5 / 29,
      2025y / 6 / 8,
      2025y / 6 / 9,
      // 2024, Easter 31 March: Maundy Thursday 28 March, Easter Monday 1 April.
      2024y / 3 / 28,
      2024y / 3 / 29,
      2024y / 4 / 1,
      2024y / 5 / 9,
      2024y / 5 / 20,
      // 2038, Easter 25 April.
      2038y / 4 / 22,
      2038y / 4 / 23,
      2038y / 4 / 26,
      2038y / 6 / 3,
      2038y / 6 / 13,
      2038y / 6 / 14,
  };
  for (auto d : holidays) {
    EXPECT_TRUE(IsNorwegianPublicHoliday(d)) << FormatDate(d);
    EXPECT_FALSE(IsWorkingDay(d)) << FormatDate(d);
  }
  const year_month_day ordinary[] = {
      2026y / 4 / 1,  // Wednesday before Easter
      2026y / 4 / 4,  // Easter Saturday (a weekend day, not a holiday)
      2026y / 4 / 7,   2026y / 5 / 13, 2026y / 5 / 15,
      2026y / 5 / 16,  2026y / 5 / 26, 2026y / 12 / 24,  // Christmas Eve
      2026y / 12 / 31,                                   // New Year's Eve
      2026y / 1 / 2,   2026y / 6 / 23,
  };
  for (auto d : ordinary) {
    EXPECT_FALSE(IsNorwegianPublicHoliday(d)) << FormatDate(d);
  }
}

TEST(CalendarTest, WorkingDays) {
  EXPECT_TRUE(IsWorkingDay(2026y / 5 / 18));    // Monday
  EXPECT_FALSE(IsWorkingDay(2026y / 5 / 16));   // Saturday
  EXPECT_FALSE(IsWorkingDay(2026y / 5 / 17));   // Sunday and 17 May
  EXPECT_TRUE(IsWorkingDay(2026y / 12 / 24));   // Thursday, Christmas Eve
  EXPECT_FALSE(IsWorkingDay(2026y / 12 / 25));  // Friday, Christmas Day
}

// Every year has exactly the holidays the law lists; some years two fall on
// one date (17 May was Ascension in 2007 and is Whit Monday in 2027; 1 May
// was Ascension in 2008).
TEST(CalendarTest, PropertyHolidaysPerYear) {
  for (int y = 1990; y <= 2100; ++y) {
    sys_days easter{EasterSunday(year{y})};
    std::set<sys_days> want = {sys_days{year{y} / 1 / 1},
                               sys_days{year{y} / 5 / 1},
                               sys_days{year{y} / 5 / 17},
                               sys_days{year{y} / 12 / 25},
                               sys_days{year{y} / 12 / 26},
                               easter - days{3},
                               easter - days{2},
                               easter,
                               easter + days{1},
                               easter + days{39},
                               easter + days{49},
                               easter + days{50}};
    std::set<sys_days> got;
    for (sys_days d{year{y} / 1 / 1}; d <= sys_days{year{y} / 12 / 31};
         d += days{1}) {
      if (IsNorwegianPublicHoliday(year_month_day{d})) got.insert(d);
    }
    EXPECT_EQ(got, want) << y;
  }
  EXPECT_TRUE(IsNorwegianPublicHoliday(2027y / 5 / 17));
  EXPECT_EQ(sys_days{2027y / 5 / 17} - sys_days{EasterSunday(2027y)}, days{50});
}

TEST(CalendarTest, AddWorkingDays) {
  const struct {
    TimePoint start;
    int n;
    TimePoint want;
    const char* why;
  } cases[] = {
      {Oslo(2026y / 5 / 4, 9), 0, Oslo(2026y / 5 / 4, 9), "zero"},
      {Oslo(2026y / 5 / 4, 9), 1, Oslo(2026y / 5 / 5, 9), "next day"},
      {Oslo(2026y / 5 / 8, 9), 1, Oslo(2026y / 5 / 11, 9), "over a weekend"},
      {Oslo(2026y / 5 / 16, 12), 1, Oslo(2026y / 5 / 18, 12), "from Saturday"},
      // Wednesday before Easter 2026: Thu, Fri, Mon are holidays.
      {Oslo(2026y / 4 / 1, 10), 1, Oslo(2026y / 4 / 7, 10), "over Easter"},
      {Oslo(2026y / 4 / 1, 10), 2, Oslo(2026y / 4 / 8, 10), "over Easter +2"},
      {Oslo(2026y / 4 / 3, 10), 1, Oslo(2026y / 4 / 7, 10), "from Good Friday"},
      // 17 May 2029 is a Thursday; 17 May 2028 a Wednesday.
      {Oslo(2029y / 5 / 16, 9), 1, Oslo(2029y / 5 / 18, 9), "over 17 May"},
      {Oslo(2028y / 5 / 16, 9), 2, Oslo(2028y / 5 / 19, 9), "over 17 May +2"},
      // Ascension 2026 (Thursday 14 May) and Whit Monday (25 May).
      {Oslo(2026y / 5 / 13, 9), 1, Oslo(2026y / 5 / 15, 9), "over Ascension"},
      {Oslo(2026y / 5 / 22, 9), 1, Oslo(2026y / 5 / 26, 9), "over Whitsun"},
      {Oslo(2026y / 12 / 23, 9), 2, Oslo(2026y / 12 / 28, 9), "over Christmas"},
      {Oslo(2026y / 12 / 31, 9), 1, Oslo(2027y / 1 / 4, 9), "over New Year"},
      // Summer time starts Sunday 29 March, ends Sunday 25 October 2026.
      {Oslo(2026y / 3 / 27, 9), 1, Oslo(2026y / 3 / 30, 9), "into summer"},
      {Oslo(2026y / 10 / 23, 9), 1, Oslo(2026y / 10 / 26, 9), "into winter"},
      {Oslo(2026y / 3 / 27, 2, 30), 1, Oslo(2026y / 3 / 30, 2, 30),
       "02:30 into summer"},
      {Oslo(2026y / 3 / 27, 23, 59), 10, Oslo(2026y / 4 / 15, 23, 59),
       "late evening, over the switch and Easter"},
      {Oslo(2026y / 5 / 4, 0, 0), 5, Oslo(2026y / 5 / 11, 0, 0), "midnight"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(FormatUtc(AddWorkingDays(c.start, c.n)), FormatUtc(c.want))
        << c.why;
  }
  // The UTC distance over a switch is an hour off whole days.
  EXPECT_EQ(Oslo(2026y / 3 / 30, 9) - Oslo(2026y / 3 / 27, 9), days{3} - 1h);
  EXPECT_EQ(Oslo(2026y / 10 / 26, 9) - Oslo(2026y / 10 / 23, 9), days{3} + 1h);
}

// For any start and n: the result is a working day at the same Oslo time of
// day, and exactly n working days lie in (start date, result date].
TEST(CalendarTest, PropertyAddWorkingDays) {
  std::mt19937_64 rng(5);
  const std::int64_t lo = ToMillis(sys_days{2000y / 1 / 1});
  const std::int64_t hi = ToMillis(sys_days{2040y / 1 / 1});
  std::uniform_int_distribution<std::int64_t> instant(lo, hi);
  std::uniform_int_distribution<int> count(0, 60);
  for (int i = 0; i < 5000; ++i) {
    TimePoint start = FromMillis(instant(rng));
    int n = count(rng);
    TimePoint due = AddWorkingDays(start, n);
    if (n == 0) {
      EXPECT_EQ(due, start);
      continue;
    }
    LocalTime ls = ToOslo(start), ld = ToOslo(due);
    local_days sd = floor<days>(ls), dd = floor<days>(ld);
    ASSERT_TRUE(IsWorkingDay(year_month_day{dd}))
        << FormatUtc(start) << " " << n;
    // Working days are never switch days (Sundays), so the time exists.
    EXPECT_EQ(ls - sd, ld - dd) << FormatUtc(start) << " " << n;
    int between = 0;
    for (local_days d = sd + days{1}; d <= dd; d += days{1}) {
      if (IsWorkingDay(year_month_day{d})) ++between;
    }
    EXPECT_EQ(between, n) << FormatUtc(start) << " " << n;
  }
}

}  // namespace
}  // namespace stafett
