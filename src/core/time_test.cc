#include "core/time.h"

#include <random>
#include <string>

#include <gtest/gtest.h>

namespace stafett {
namespace {

using namespace std::chrono;

TimePoint Utc(const char* text) {
  auto t = ParseTimestamp(text);
  EXPECT_TRUE(t.ok()) << text << ": " << t.status().ToString();
  return t.ok() ? *t : TimePoint{};
}

LocalTime Local(year_month_day d, int h, int m, int s = 0) {
  return LocalTime{local_days{d}.time_since_epoch()} + hours{h} + minutes{m} +
         seconds{s};
}

TEST(TimeTest, FormatUtc) {
  EXPECT_EQ(FormatUtc(FromMillis(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatUtc(FromMillis(250)), "1970-01-01T00:00:00.250Z");
  EXPECT_EQ(FormatUtc(FromMillis(7)), "1970-01-01T00:00:00.007Z");
  EXPECT_EQ(FormatUtc(FromMillis(-1)), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatUtc(sys_days{2026y / 5 / 17} + 8h + 5min + 9s),
            "2026-05-17T08:05:09Z");
  EXPECT_EQ(FormatUtc(sys_days{2038y / 1 / 19} + 3h + 14min + 8s),
            "2038-01-19T03:14:08Z");  // past 32-bit seconds
}

TEST(TimeTest, ParseTimestampValid) {
  const TimePoint base = sys_days{2026y / 5 / 17} + 8h;
  const struct {
    const char* text;
    TimePoint want;
  } cases[] = {
      {"2026-05-17T08:00:00Z", base},
      {"2026-05-17t08:00:00z", base},
      {"2026-05-17T10:00:00+02:00", base},
      {"2026-05-17T09:00:00+01:00", base},
      {"2026-05-17T07:30:00-00:30", base},
      {"2026-05-17T08:00:00+00:00", base},
      {"2026-05-17T08:00:00-00:00", base},
      {"2026-05-17T08:00:00.5Z", base + 500ms},
      {"2026-05-17T08:00:00.25Z", base + 250ms},
      {"2026-05-17T08:00:00.123Z", base + 123ms},
      {"2026-05-17T08:00:00.123999Z", base + 123ms},  // truncated to ms
      {"2026-05-17T10:00:00.001+02:00", base + 1ms},
      {"2026-05-18T00:30:00+16:30", base},
      {"2024-02-29T23:59:59.999Z", sys_days{2024y / 3 / 1} - 1ms},
      {"2026-01-01T00:30:00+01:00", sys_days{2025y / 12 / 31} + 23h + 30min},
  };
  for (const auto& c : cases) {
    auto t = ParseTimestamp(c.text);
    ASSERT_TRUE(t.ok()) << c.text << ": " << t.status().ToString();
    EXPECT_EQ(*t, c.want) << c.text << " -> " << FormatUtc(*t);
  }
}

TEST(TimeTest, ParseTimestampInvalid) {
  const char* cases[] = {
      "",
      "2026-05-17",
      "2026-05-17T08:00:00",   // no zone
      "2026-05-17T08:00Z",     // no seconds
      "2026-05-17 08:00:00Z",  // space for T
      "2026-05-17T8:00:00Z",
      "2026-5-17T08:00:00Z",
      "2026-02-30T08:00:00Z",  // no such date
      "2025-02-29T08:00:00Z",
      "2026-05-17T24:00:00Z",
      "2026-05-17T08:60:00Z",
      "2026-05-17T08:00:60Z",   // no leap seconds
      "2026-05-17T08:00:00.Z",  // empty fraction
      "2026-05-17T08:00:00.5",  // fraction, no zone
      "2026-05-17T08:00:00+0200",
      "2026-05-17T08:00:00+02",
      "2026-05-17T08:00:00+2:00",
      "2026-05-17T08:00:00+24:00",
      "2026-05-17T08:00:00+02:60",
      "2026-05-17T08:00:00Z ",
      "2026-05-17T08:00:00Zjunk",
      "2026-05-17T08:00:00+02:00Z",
      " 2026-05-17T08:00:00Z",
      "2026-05-17T08-00-00Z",
      "abcd-ef-ghTij:kl:mnZ",
  };
  for (const char* text : cases) {
    auto t = ParseTimestamp(text);
    EXPECT_FALSE(t.ok()) << text << " -> " << FormatUtc(*t);
    if (!t.ok()) {
      EXPECT_EQ(t.status().code(), Code::kInvalidArgument);
    }
  }
}

TEST(TimeTest, ParseAndFormatDate) {
  auto d = ParseDate("2024-02-29");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, 2024y / 2 / 29);
  EXPECT_EQ(FormatDate(2026y / 5 / 7), "2026-05-07");
  const char* bad[] = {
      "2025-02-29", "2026-13-01", "2026-00-10", "2026-04-31",  "2026-04-00",
      "26-05-17",   "2026/05/17", "2026-05-7",  "2026-05-170", ""};
  for (const char* text : bad) EXPECT_FALSE(ParseDate(text).ok()) << text;
}

TEST(TimeTest, OsloOffsetSwitchesAtOneUtcOnLastSundays) {
  const struct {
    const char* utc;
    int minutes;
  } cases[] = {
      {"2026-01-15T12:00:00Z", 60},
      {"2026-07-15T12:00:00Z", 120},
      // 29 March 2026 and 25 October 2026 are the last Sundays.
      {"2026-03-29T00:59:59.999Z", 60},
      {"2026-03-29T01:00:00Z", 120},
      {"2026-10-25T00:59:59.999Z", 120},
      {"2026-10-25T01:00:00Z", 60},
      {"2027-03-28T01:00:00Z", 120},  // a year with Easter on that Sunday
      {"2027-03-28T00:59:59Z", 60},
      {"2027-10-31T01:00:00Z", 60},
      {"2027-10-31T00:59:59Z", 120},
      {"2025-12-31T23:30:00Z", 60},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(OsloUtcOffset(Utc(c.utc)).count(), c.minutes) << c.utc;
  }
}

TEST(TimeTest, ToOsloAndOsloDate) {
  EXPECT_EQ(ToOslo(Utc("2026-05-16T22:30:00Z")), Local(2026y / 5 / 17, 0, 30));
  EXPECT_EQ(OsloDate(Utc("2026-05-16T22:30:00Z")), 2026y / 5 / 17);
  EXPECT_EQ(OsloDate(Utc("2026-05-16T21:59:59Z")), 2026y / 5 / 16);
  EXPECT_EQ(OsloDate(Utc("2025-12-31T23:00:00Z")), 2026y / 1 / 1);
  EXPECT_EQ(ToOslo(Utc("2026-10-25T00:30:00Z")), Local(2026y / 10 / 25, 2, 30));
  EXPECT_EQ(ToOslo(Utc("2026-10-25T01:30:00Z")), Local(2026y / 10 / 25, 2, 30));
}

TEST(TimeTest, FromOslo) {
  const struct {
    LocalTime local;
    const char* utc;
    const char* why;
  } cases[] = {
      {Local(2026y / 1 / 15, 9, 0), "2026-01-15T08:00:00Z", "winter"},
      {Local(2026y / 7 / 15, 9, 0), "2026-07-15T07:00:00Z", "summer"},
      // Spring gap: 02:00-03:00 local does not exist; an hour on.
      {Local(2026y / 3 / 29, 1, 59, 59), "2026-03-29T00:59:59Z", "before gap"},
      {Local(2026y / 3 / 29, 2, 0), "2026-03-29T01:00:00Z", "gap start"},
      {Local(2026y / 3 / 29, 2, 30), "2026-03-29T01:30:00Z", "in gap"},
      {Local(2026y / 3 / 29, 3, 0), "2026-03-29T01:00:00Z", "after gap"},
      // Autumn overlap: 02:00-03:00 local happens twice; the first counts.
      {Local(2026y / 10 / 25, 1, 59), "2026-10-24T23:59:00Z", "before overlap"},
      {Local(2026y / 10 / 25, 2, 0), "2026-10-25T00:00:00Z", "overlap start"},
      {Local(2026y / 10 / 25, 2, 30), "2026-10-25T00:30:00Z", "in overlap"},
      {Local(2026y / 10 / 25, 3, 0), "2026-10-25T02:00:00Z", "after overlap"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(FormatUtc(FromOslo(c.local)), c.utc) << c.why;
  }
}

TEST(TimeTest, OsloStartOfDay) {
  EXPECT_EQ(FormatUtc(OsloStartOfDay(2026y / 5 / 17)), "2026-05-16T22:00:00Z");
  EXPECT_EQ(FormatUtc(OsloStartOfDay(2026y / 1 / 1)), "2025-12-31T23:00:00Z");
  EXPECT_EQ(FormatUtc(OsloStartOfDay(2026y / 3 / 29)), "2026-03-28T23:00:00Z");
  EXPECT_EQ(FormatUtc(OsloStartOfDay(2026y / 10 / 25)), "2026-10-24T22:00:00Z");
  EXPECT_EQ(FormatUtc(OsloStartOfDay(2026y / 10 / 26)), "2026-10-25T23:00:00Z");
}

TEST(TimeTest, ManualClock) {
  ManualClock clock(FromMillis(1000));
  EXPECT_EQ(ToMillis(clock.Now()), 1000);
  clock.Advance(Millis(500));
  EXPECT_EQ(ToMillis(clock.Now()), 1500);
  clock.Set(FromMillis(42));
  EXPECT_EQ(ToMillis(clock.Now()), 42);
}

TEST(TimeTest, SystemClockIsAfter2025) {
  EXPECT_GT(SystemClock().Now(), sys_days{2025y / 1 / 1});
}

// --- Property tests ------------------------------------------------------

std::int64_t RandomMillis(std::mt19937_64& rng) {
  // 1900-01-01 .. 2100-01-01
  static const std::int64_t lo = ToMillis(sys_days{1900y / 1 / 1});
  static const std::int64_t hi = ToMillis(sys_days{2100y / 1 / 1});
  return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
}

TEST(TimeTest, PropertyFormatParseRoundTrip) {
  std::mt19937_64 rng(20260517);
  for (int i = 0; i < 20000; ++i) {
    std::int64_t ms = RandomMillis(rng);
    if (i % 2) ms -= ms % 1000;  // whole seconds take the short form
    TimePoint t = FromMillis(ms);
    std::string text = FormatUtc(t);
    auto back = ParseTimestamp(text);
    ASSERT_TRUE(back.ok()) << text;
    EXPECT_EQ(*back, t) << text;
    EXPECT_EQ(text.size(), ms % 1000 == 0 ? 20u : 24u) << text;
  }
}

// The same instant written with any offset parses back to itself.
TEST(TimeTest, PropertyOffsetsParseToTheSameInstant) {
  std::mt19937_64 rng(17);
  std::uniform_int_distribution<int> offset_minutes(-23 * 60 - 59,
                                                    23 * 60 + 59);
  for (int i = 0; i < 5000; ++i) {
    TimePoint t = FromMillis(RandomMillis(rng) / 1000 * 1000);
    int off = offset_minutes(rng);
    std::string local = FormatUtc(t + minutes{off});  // "...Z"
    local.pop_back();
    char zone[16];
    std::snprintf(zone, sizeof zone, "%c%02d:%02d", off < 0 ? '-' : '+',
                  std::abs(off) / 60, std::abs(off) % 60);
    auto back = ParseTimestamp(local + zone);
    ASSERT_TRUE(back.ok()) << local + zone;
    EXPECT_EQ(*back, t) << local + zone;
  }
}

// FromOslo inverts ToOslo, except for the second pass through the autumn
// overlap, which FromOslo reads as the first.
TEST(TimeTest, PropertyOsloRoundTrip) {
  std::mt19937_64 rng(99);
  for (int i = 0; i < 20000; ++i) {
    TimePoint t = FromMillis(RandomMillis(rng));
    TimePoint back = FromOslo(ToOslo(t));
    if (back != t) {
      EXPECT_EQ(back, t - 1h) << FormatUtc(t);
      EXPECT_EQ(OsloUtcOffset(t).count(), 60) << FormatUtc(t);
      EXPECT_EQ(OsloUtcOffset(back).count(), 120) << FormatUtc(t);
    }
  }
}

}  // namespace
}  // namespace stafett
