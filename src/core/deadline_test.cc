#include "core/deadline.h"

#include <string>

#include <gtest/gtest.h>

#include "core/calendar.h"

namespace stafett {
namespace {

using namespace std::chrono;

TimePoint Oslo(year_month_day d, int h, int m = 0) {
  return FromOslo(LocalTime{local_days{d}.time_since_epoch()} + hours{h} +
                  minutes{m});
}

IsoDuration Dur(const char* text) {
  auto d = ParseIsoDuration(text);
  EXPECT_TRUE(d.ok()) << text << ": " << d.status().ToString();
  return d.ok() ? *d : IsoDuration{};
}

TEST(DeadlineTest, ParseIsoDurationValid) {
  const struct {
    const char* text;
    int y, mo, w, d;
    std::int64_t h, mi, s;
    const char* canonical;
  } cases[] = {
      {"P14D", 0, 0, 0, 14, 0, 0, 0, "P14D"},
      {"P2W", 0, 0, 2, 0, 0, 0, 0, "P2W"},
      {"PT10S", 0, 0, 0, 0, 0, 0, 10, "PT10S"},
      {"P1M", 0, 1, 0, 0, 0, 0, 0, "P1M"},
      {"PT1M", 0, 0, 0, 0, 0, 1, 0, "PT1M"},
      {"P1Y", 1, 0, 0, 0, 0, 0, 0, "P1Y"},
      {"P1Y2M3DT4H5M6S", 1, 2, 0, 3, 4, 5, 6, "P1Y2M3DT4H5M6S"},
      {"PT36H", 0, 0, 0, 0, 36, 0, 0, "PT36H"},
      {"P1DT12H", 0, 0, 0, 1, 12, 0, 0, "P1DT12H"},
      {"P0Y1D", 0, 0, 0, 1, 0, 0, 0, "P1D"},
      {"P1W2D", 0, 0, 1, 2, 0, 0, 0, "P1W2D"},
      {"P007D", 0, 0, 0, 7, 0, 0, 0, "P7D"},
      {"P1000Y", 1000, 0, 0, 0, 0, 0, 0, "P1000Y"},
      {"P300000D", 0, 0, 0, 300000, 0, 0, 0, "P300000D"},
      {"PT1000000H", 0, 0, 0, 0, 1000000, 0, 0, "PT1000000H"},
  };
  for (const auto& c : cases) {
    IsoDuration d = Dur(c.text);
    EXPECT_EQ(d.years, c.y) << c.text;
    EXPECT_EQ(d.months, c.mo) << c.text;
    EXPECT_EQ(d.weeks, c.w) << c.text;
    EXPECT_EQ(d.days, c.d) << c.text;
    EXPECT_EQ(d.hours, c.h) << c.text;
    EXPECT_EQ(d.minutes, c.mi) << c.text;
    EXPECT_EQ(d.seconds, c.s) << c.text;
    EXPECT_EQ(d.ToString(), c.canonical) << c.text;
    EXPECT_EQ(Dur(d.ToString().c_str()).ToString(), c.canonical) << c.text;
  }
}

TEST(DeadlineTest, ParseIsoDurationInvalid) {
  const char* cases[] = {
      "",
      "P",
      "PT",
      "P1",
      "P1X",
      "PT1D",
      "P1DT",
      "P-1D",
      "P1M2Y",
      "p1d",
      "1D",
      "P1.5D",
      "PT1,5H",
      "PT1H1H",
      "P1D1D",
      "P1W1W",
      "PTT1H",
      "P1TD",
      "PT0S",
      "P0D",
      "P0Y0M",
      " P1D",
      "P1D ",
      "P1DT1H1X",
      "P1D2",
      "PD",
      "P1000001D",
      "P99999999999999999999D",
      "PT1S1M",
      "P1H",
      "P+1D",
      "P1DTT1H",
      "P1Y1Y",
      // Too long: std::chrono::year would wrap (P1000000Y gave year 18986).
      "P1001Y",
      "P40000Y",
      "P1000000Y",
      "P12100M",
      "P1000000D",
      "P60000W",
  };
  for (const char* text : cases) {
    auto d = ParseIsoDuration(text);
    EXPECT_FALSE(d.ok()) << "'" << text << "' parsed as " << d->ToString();
    if (!d.ok()) {
      EXPECT_EQ(d.status().code(), Code::kInvalidArgument);
      EXPECT_NE(d.status().message().find("ugyldig frist"), std::string::npos);
    }
  }
}

TEST(DeadlineTest, ComputeDueCalendar) {
  const struct {
    TimePoint start;
    const char* duration;
    TimePoint want;
    const char* why;
  } cases[] = {
      {Oslo(2026y / 5 / 4, 9), "P14D", Oslo(2026y / 5 / 18, 9), "two weeks"},
      {Oslo(2026y / 5 / 4, 9), "P2W", Oslo(2026y / 5 / 18, 9), "weeks"},
      {Oslo(2026y / 1 / 31, 10), "P1M", Oslo(2026y / 2 / 28, 10), "Jan 31"},
      {Oslo(2028y / 1 / 31, 10), "P1M", Oslo(2028y / 2 / 29, 10), "leap"},
      {Oslo(2026y / 3 / 31, 10), "P1M", Oslo(2026y / 4 / 30, 10), "Mar 31"},
      {Oslo(2026y / 12 / 31, 10), "P1M", Oslo(2027y / 1 / 31, 10), "Dec 31"},
      {Oslo(2026y / 8 / 31, 10), "P6M", Oslo(2027y / 2 / 28, 10), "P6M"},
      {Oslo(2026y / 11 / 15, 10), "P3M", Oslo(2027y / 2 / 15, 10), "new year"},
      {Oslo(2028y / 2 / 29, 10), "P1Y", Oslo(2029y / 2 / 28, 10), "Feb 29"},
      {Oslo(2026y / 1 / 31, 10), "P1M1D", Oslo(2026y / 3 / 1, 10),
       "months, then days"},
      {Oslo(2026y / 1 / 31, 10), "P1Y1M", Oslo(2027y / 2 / 28, 10), "P1Y1M"},
      // P1D keeps the local time across a switch: 23 h and 25 h elapsed.
      {Oslo(2026y / 3 / 28, 12), "P1D", Oslo(2026y / 3 / 29, 12), "spring"},
      {Oslo(2026y / 10 / 24, 12), "P1D", Oslo(2026y / 10 / 25, 12), "autumn"},
      // Time parts are elapsed time.
      {Oslo(2026y / 3 / 28, 12), "PT24H", Oslo(2026y / 3 / 29, 13), "PT24H"},
      {Oslo(2026y / 3 / 28, 12), "P1DT1H", Oslo(2026y / 3 / 29, 13), "P1DT1H"},
      // A local time that does not exist moves an hour on.
      {Oslo(2026y / 3 / 28, 2, 30), "P1D", Oslo(2026y / 3 / 29, 3, 30), "gap"},
  };
  for (const auto& c : cases) {
    TimePoint due =
        ComputeDue(c.start, DeadlineSpec::Calendar(Dur(c.duration)));
    EXPECT_EQ(FormatUtc(due), FormatUtc(c.want)) << c.why;
  }
  TimePoint spring = Oslo(2026y / 3 / 28, 12);
  EXPECT_EQ(ComputeDue(spring, DeadlineSpec::Calendar(Dur("P1D"))) - spring,
            23h);
  TimePoint autumn = Oslo(2026y / 10 / 24, 12);
  EXPECT_EQ(ComputeDue(autumn, DeadlineSpec::Calendar(Dur("P1D"))) - autumn,
            25h);
  TimePoint t = FromMillis(1'790'000'000'123);
  EXPECT_EQ(ComputeDue(t, DeadlineSpec::Calendar(Dur("PT10S"))) - t, 10s);
  EXPECT_EQ(ComputeDue(t, DeadlineSpec::Calendar(Dur("PT90M"))) - t, 90min);
}

TEST(DeadlineTest, SubtractIsoDuration) {
  const struct {
    TimePoint end;
    const char* duration;
    TimePoint want;
    const char* why;
  } cases[] = {
      {Oslo(2026y / 5 / 18, 9), "P14D", Oslo(2026y / 5 / 4, 9), "two weeks"},
      {Oslo(2026y / 3 / 31, 10), "P1M", Oslo(2026y / 2 / 28, 10), "Mar 31"},
      {Oslo(2029y / 2 / 28, 10), "P1Y", Oslo(2028y / 2 / 28, 10), "a year"},
      {Oslo(2027y / 1 / 15, 10), "P3M", Oslo(2026y / 10 / 15, 10), "new year"},
      {Oslo(2026y / 3 / 29, 12), "P1D", Oslo(2026y / 3 / 28, 12), "spring"},
      {Oslo(2026y / 3 / 29, 13), "PT24H", Oslo(2026y / 3 / 28, 12), "PT24H"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(FormatUtc(SubtractIsoDuration(c.end, Dur(c.duration))),
              FormatUtc(c.want))
        << c.why;
  }
}

TEST(DeadlineTest, LongestDeadlineStaysInRange) {
  TimePoint start = Oslo(2026y / 5 / 17, 10);
  EXPECT_EQ(FormatUtc(ComputeDue(start, DeadlineSpec::Calendar(Dur("P1000Y")))),
            "3026-05-17T08:00:00Z");
}

TEST(DeadlineTest, ComputeDueWorkingDays) {
  TimePoint start = Oslo(2026y / 4 / 1, 10);  // Wednesday before Easter
  EXPECT_EQ(ComputeDue(start, DeadlineSpec::WorkingDays(1)),
            Oslo(2026y / 4 / 7, 10));
  EXPECT_EQ(ComputeDue(start, DeadlineSpec::WorkingDays(10)),
            AddWorkingDays(start, 10));
}

TEST(DeadlineTest, SpecToString) {
  EXPECT_EQ(DeadlineSpec::Calendar(Dur("P14D")).ToString(), "P14D");
  EXPECT_EQ(DeadlineSpec::WorkingDays(10).ToString(), "10 working days");
  EXPECT_EQ(DeadlineSpec{}.ToString(), "");
  EXPECT_FALSE(DeadlineSpec{}.has_deadline());
  EXPECT_TRUE(DeadlineSpec::WorkingDays(1).has_deadline());
  EXPECT_EQ(IsoDuration{}.ToString(), "PT0S");
  EXPECT_TRUE(IsoDuration{}.IsZero());
}

}  // namespace
}  // namespace stafett
