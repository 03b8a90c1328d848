// Time in Stafett: UTC instants with millisecond precision, formatting and
// parsing of ISO-8601 timestamps and dates, Europe/Oslo local time, and an
// injectable Clock.
//
// Europe/Oslo follows the EU rule (summer time from the last Sunday of March
// 01:00 UTC to the last Sunday of October 01:00 UTC). libstdc++ 12 has no tz
// database, so the rule is coded here; it is exact for every year since 1996.
//
// Thread-safety: free functions are pure. SystemClock is stateless;
// ManualClock is safe to read and set from several threads.
#ifndef STAFETT_CORE_TIME_H_
#define STAFETT_CORE_TIME_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace stafett {

using Millis = std::chrono::milliseconds;
using TimePoint = std::chrono::sys_time<Millis>;
using LocalTime = std::chrono::local_time<Millis>;

inline std::int64_t ToMillis(TimePoint t) {
  return t.time_since_epoch().count();
}
inline TimePoint FromMillis(std::int64_t ms) { return TimePoint(Millis(ms)); }

// "2026-05-17T08:00:00Z"; milliseconds appear only when non-zero
// ("2026-05-17T08:00:00.250Z").
std::string FormatUtc(TimePoint t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)". InvalidArgument
// otherwise.
Result<TimePoint> ParseTimestamp(std::string_view text);

// "YYYY-MM-DD" <-> calendar date. ParseDate rejects impossible dates.
std::string FormatDate(std::chrono::year_month_day d);
Result<std::chrono::year_month_day> ParseDate(std::string_view text);

// Europe/Oslo.
std::chrono::minutes OsloUtcOffset(TimePoint t);  // 60 or 120
LocalTime ToOslo(TimePoint t);
// A local time that does not exist (the spring gap) maps forward by an hour;
// an ambiguous one (the autumn overlap) maps to its first occurrence.
TimePoint FromOslo(LocalTime local);
std::chrono::year_month_day OsloDate(TimePoint t);
// The first instant of a local Oslo date (00:00 local).
TimePoint OsloStartOfDay(std::chrono::year_month_day d);

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override;
};

// A clock that tests set by hand.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : ms_(ToMillis(start)) {}
  TimePoint Now() const override { return FromMillis(ms_.load()); }
  void Set(TimePoint t) { ms_.store(ToMillis(t)); }
  void Advance(Millis d) { ms_.fetch_add(d.count()); }

 private:
  std::atomic<std::int64_t> ms_;
};

}  // namespace stafett

#endif  // STAFETT_CORE_TIME_H_
