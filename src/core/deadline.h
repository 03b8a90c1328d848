// Deadlines: ISO-8601 durations (P14D, P2W, PT10S, P1Y2M3DT4H5M6S) and
// working-day counts, and the due time they give from a start instant.
//
// Calendar parts (years, months, weeks, days) are added to the Europe/Oslo
// local date, keeping the local time of day (so P1D across a summer-time
// switch is 23 or 25 hours); a month step past the month's end clamps to its
// last day. Time parts (hours, minutes, seconds) are exact elapsed time.
// Working days skip weekends and Norwegian public holidays
// (core/calendar.h), and the closures of the spec's WorkCalendar if it has
// one (the routine reader gives every working-day deadline the routine's
// calendar, so the engine's ComputeDue honours the tenant's closures).
//
// Thread-safety: pure functions and values.
#ifndef STAFETT_CORE_DEADLINE_H_
#define STAFETT_CORE_DEADLINE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "core/calendar.h"
#include "core/status.h"
#include "core/time.h"

namespace stafett {

struct IsoDuration {
  int years = 0, months = 0, weeks = 0, days = 0;
  std::int64_t hours = 0, minutes = 0, seconds = 0;
  bool IsZero() const;
  std::string ToString() const;  // canonical, e.g. "P14D", "PT10S"
};

// InvalidArgument with a message an administrator can act on. Numbers are
// unsigned integers; designators in order, each at most once; the total may
// not exceed about 1000 years.
Result<IsoDuration> ParseIsoDuration(std::string_view text);

struct DeadlineSpec {
  enum class Kind { kNone, kCalendar, kWorkingDays };
  Kind kind = Kind::kNone;
  IsoDuration duration;  // kCalendar
  int working_days = 0;  // kWorkingDays, > 0
  // kWorkingDays: the tenant's closures to skip too (null: none).
  std::shared_ptr<const WorkCalendar> calendar;

  static DeadlineSpec Calendar(IsoDuration d) {
    return DeadlineSpec{Kind::kCalendar, d, 0, nullptr};
  }
  static DeadlineSpec WorkingDays(
      int n, std::shared_ptr<const WorkCalendar> calendar = nullptr) {
    return DeadlineSpec{Kind::kWorkingDays, {}, n, std::move(calendar)};
  }
  bool has_deadline() const { return kind != Kind::kNone; }
  // "P14D", "10 working days", or "" for none.
  std::string ToString() const;
};

// The due instant. Precondition: spec.has_deadline().
TimePoint ComputeDue(TimePoint start, const DeadlineSpec& spec);
TimePoint AddIsoDuration(TimePoint start, const IsoDuration& d);
// `end` minus `d`, by the same rules as AddIsoDuration with every part
// negated (calendar parts in Oslo time, the day clamped to the month's
// last; time parts elapsed): a reminder before a due time, a retention
// cut-off before now.
TimePoint SubtractIsoDuration(TimePoint end, const IsoDuration& d);

}  // namespace stafett

#endif  // STAFETT_CORE_DEADLINE_H_
