// Tenant closures (core/calendar.h): which days they close, and working-day
// deadlines that run across them.
#include <random>

#include <gtest/gtest.h>

#include "core/calendar.h"
#include "core/deadline.h"

namespace stafett {
namespace {

using namespace std::chrono;

TimePoint Oslo(year_month_day d, int h, int m = 0) {
  return FromOslo(LocalTime{local_days{d}.time_since_epoch()} + hours{h} +
                  minutes{m});
}

Closure Dated(year_month_day from, year_month_day to) {
  return Closure{false, from, to};
}
// Annual closures carry a placeholder year; only month and day count.
Closure Annual(unsigned fm, unsigned fd, unsigned tm, unsigned td) {
  return Closure{true, 2000y / month{fm} / day{fd},
                 2000y / month{tm} / day{td}};
}

TEST(ClosureTest, Contains) {
  const Closure summer = Dated(2026y / 7 / 6, 2026y / 7 / 31);
  const Closure christmas = Annual(12, 24, 1, 1);  // over the new year
  const Closure easter_week = Annual(3, 30, 4, 3);
  const struct {
    const Closure& c;
    year_month_day d;
    bool closed;
  } cases[] = {
      {summer, 2026y / 7 / 5, false},       {summer, 2026y / 7 / 6, true},
      {summer, 2026y / 7 / 20, true},       {summer, 2026y / 7 / 31, true},
      {summer, 2026y / 8 / 1, false},       {summer, 2027y / 7 / 20, false},
      {christmas, 2026y / 12 / 23, false},  {christmas, 2026y / 12 / 24, true},
      {christmas, 2026y / 12 / 31, true},   {christmas, 2027y / 1 / 1, true},
      {christmas, 2027y / 1 / 2, false},    {christmas, 2030y / 12 / 27, true},
      {easter_week, 2026y / 3 / 29, false}, {easter_week, 2026y / 3 / 30, true},
      {easter_week, 2027y / 4 / 3, true},   {easter_week, 2027y / 4 / 4, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.c.Contains(c.d), c.closed)
        << c.c.ToString() << " " << int(c.d.year()) << "-"
        << unsigned(c.d.month()) << "-" << unsigned(c.d.day());
  }
}

TEST(ClosureTest, ToString) {
  EXPECT_EQ(Dated(2026y / 7 / 6, 2026y / 7 / 31).ToString(),
            "2026-07-06..2026-07-31");
  EXPECT_EQ(Annual(12, 24, 1, 1).ToString(), "12-24..01-01 (hvert år)");
}

TEST(WorkCalendarTest, WorkingDaysAreNationalOnesOutsideClosures) {
  WorkCalendar cal({Annual(12, 24, 1, 1)});
  EXPECT_TRUE(cal.IsWorkingDay(2026y / 12 / 23));   // Wednesday
  EXPECT_FALSE(cal.IsWorkingDay(2026y / 12 / 28));  // Monday, closed
  EXPECT_FALSE(cal.IsWorkingDay(2026y / 12 / 26));  // holiday and Saturday
  EXPECT_FALSE(cal.IsWorkingDay(2027y / 1 / 9));    // Saturday
  EXPECT_TRUE(cal.IsWorkingDay(2027y / 1 / 4));     // Monday
  EXPECT_TRUE(WorkCalendar{}.IsWorkingDay(2026y / 12 / 28));
}

// The case: a working-day deadline set just before Christmas must
// not run out while the kindergarten is closed for the Christmas week.
TEST(WorkCalendarTest, DeadlineAcrossTheChristmasClosure) {
  auto cal = std::make_shared<const WorkCalendar>(
      std::vector<Closure>{Annual(12, 24, 1, 1)});
  const struct {
    TimePoint start;
    int n;
    TimePoint national;  // no closures
    TimePoint closed;    // with the Christmas closure
  } cases[] = {
      // Mon 21 Dec 2026: 22, 23, then 4, 5, 6 January.
      {Oslo(2026y / 12 / 21, 9), 5, Oslo(2026y / 12 / 29, 9),
       Oslo(2027y / 1 / 6, 9)},
      {Oslo(2026y / 12 / 21, 9), 2, Oslo(2026y / 12 / 23, 9),
       Oslo(2026y / 12 / 23, 9)},
      {Oslo(2026y / 12 / 21, 9), 3, Oslo(2026y / 12 / 24, 9),
       Oslo(2027y / 1 / 4, 9)},
      // Started inside the closure: counting starts after it.
      {Oslo(2026y / 12 / 28, 14, 30), 1, Oslo(2026y / 12 / 29, 14, 30),
       Oslo(2027y / 1 / 4, 14, 30)},
      // 10 working days from 14 Dec: 15-23 (7), 4-6 Jan (3); without the
      // closure 24, 28 and 29 December.
      {Oslo(2026y / 12 / 14, 8), 10, Oslo(2026y / 12 / 29, 8),
       Oslo(2027y / 1 / 6, 8)},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(AddWorkingDays(c.start, c.n, nullptr), c.national)
        << FormatUtc(c.start) << " +" << c.n;
    EXPECT_EQ(AddWorkingDays(c.start, c.n, cal.get()), c.closed)
        << FormatUtc(c.start) << " +" << c.n;
    // The engine computes step deadlines through ComputeDue with the
    // calendar the routine reader attached to the spec.
    EXPECT_EQ(ComputeDue(c.start, DeadlineSpec::WorkingDays(c.n, cal)),
              c.closed);
    EXPECT_EQ(ComputeDue(c.start, DeadlineSpec::WorkingDays(c.n)), c.national);
  }
}

TEST(WorkCalendarTest, SummerWeeksAndSeveralClosures) {
  WorkCalendar cal(
      {Dated(2026y / 7 / 6, 2026y / 7 / 31), Annual(12, 24, 1, 1)});
  // Fri 3 July 2026 + 1: the kindergarten opens Monday 3 August.
  EXPECT_EQ(AddWorkingDays(Oslo(2026y / 7 / 3, 10), 1, &cal),
            Oslo(2026y / 8 / 3, 10));
  // The dated closure is for 2026 only.
  EXPECT_EQ(AddWorkingDays(Oslo(2027y / 7 / 2, 10), 1, &cal),
            Oslo(2027y / 7 / 5, 10));
}

TEST(WorkCalendarTest, AClosedYearCannotHang) {
  WorkCalendar cal({Annual(1, 1, 12, 31)});
  TimePoint start = Oslo(2026y / 3 / 2, 9);
  TimePoint due = AddWorkingDays(start, 3, &cal);
  EXPECT_GT(due, start);
  EXPECT_LE(due - start, days{kMaxCalendarScanDays + 1});
}

// Property: with any closures, the due day is a working day of the
// calendar, and exactly n of its working days lie after the start day.
TEST(WorkCalendarTest, PropertyCountsOnlyOpenWorkingDays) {
  std::mt19937_64 rng(12);
  std::uniform_int_distribution<int> yday(0, 364), len(0, 40), count(1, 30);
  for (int i = 0; i < 500; ++i) {
    std::vector<Closure> closures;
    for (int k = 0; k < 3; ++k) {
      sys_days from = sys_days{2026y / 1 / 1} + days{yday(rng)};
      closures.push_back(
          Dated(year_month_day{from}, year_month_day{from + days{len(rng)}}));
    }
    WorkCalendar cal(closures);
    TimePoint start =
        FromOslo(local_days{2026y / 1 / 1} + days{yday(rng)} + hours{9});
    int n = count(rng);
    TimePoint due = AddWorkingDays(start, n, &cal);
    local_days sd = floor<days>(ToOslo(start)), dd = floor<days>(ToOslo(due));
    ASSERT_TRUE(cal.IsWorkingDay(year_month_day{dd}));
    int between = 0;
    for (local_days d = sd + days{1}; d <= dd; d += days{1}) {
      if (cal.IsWorkingDay(year_month_day{d})) ++between;
    }
    EXPECT_EQ(between, n);
  }
}

}  // namespace
}  // namespace stafett
