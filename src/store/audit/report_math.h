// The pure half of the compliance report: periods of whole Oslo months, the
// grouping dimensions, the figures counted per group, the percentile
// method, and the disclosure control that decides what may be published.
// No SOCI and no clock: everything here is unit-tested without a database.
// docs/audit.md explains the reasoning; this header is the contract.
//
// Figures (all counted over the step visits that BEGAN in the period; a
// visit spans [entered_at, left_at), an open visit has no left_at):
//   visits               step visits entered
//   decided              visits with a deadline that were left, or whose
//                        deadline has passed (`now`): on time is decided
//   left_on_time         visits with a deadline left at or before it
//   overdue_now          open visits whose deadline is before `now`
//   completed            visits that were left (the percentiles' n)
//   level_up/level_down  visits entered at a higher/lower level than the
//                        case's previous visit
//   without_baton_holder the case's current visit, the case open at level
//                        1-3 and no service has accepted the baton (now)
//   consents_expired     consent_expired journal entries during the visit
//   child_welfare_reports  child_welfare_reported journal entries during
//                        the visit
//   child_welfare_confirmed_same_day  of those, reports confirmed as sent
//                        (child_welfare_report_confirmed, before any later
//                        report of the case) on the same Oslo calendar day
// Time in step: whole hours (left_at - entered_at, rounded down) of
// completed visits; median and 90th percentile by the nearest-rank method
// (NearestRankPercentile), the same as PostgreSQL's percentile_disc.
//
// Disclosure control: store/audit/disclosure.h decides what may be published
// (Protect); the types of a published table are here, for the formats.
//
// Thread-safety: pure functions and plain values.
#ifndef STAFETT_STORE_AUDIT_REPORT_MATH_H_
#define STAFETT_STORE_AUDIT_REPORT_MATH_H_

#include <array>
#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"

namespace stafett::store {

inline constexpr int kDefaultMinCount = 5;
// The longest period one report may cover.
inline constexpr int kMaxReportMonths = 120;

// --- Periods: whole calendar months in Europe/Oslo ------------------------

struct YearMonth {
  int year = 0;
  int month = 0;  // 1..12
  friend auto operator<=>(const YearMonth&, const YearMonth&) = default;
};

// "2026-03". kInvalidArgument naming `field` otherwise (years 2000-2999).
Result<YearMonth> ParseYearMonth(std::string_view text,
                                 const std::string& field);
std::string FormatYearMonth(YearMonth m);  // "2026-03"
YearMonth AddMonths(YearMonth m, int n);
// Months from `a` to `b` (0 when equal; negative when b is earlier).
int MonthsBetween(YearMonth a, YearMonth b);
// The first instant of the month in Oslo (local midnight on the 1st).
TimePoint MonthStart(YearMonth m);
// The Oslo calendar month an instant falls in.
YearMonth OsloYearMonth(TimePoint t);

// The months first..last, both included.
struct ReportPeriod {
  YearMonth first;
  YearMonth last;
  TimePoint begin() const { return MonthStart(first); }
  TimePoint end() const { return MonthStart(AddMonths(last, 1)); }
  int months() const { return MonthsBetween(first, last) + 1; }
};
// kInvalidArgument (field "to") when last < first or the period is longer
// than kMaxReportMonths.
Result<ReportPeriod> MakePeriod(YearMonth first, YearMonth last);

// --- Dimensions ----------------------------------------------------------

enum class ReportDim {
  kService,         // the service responsible for the step when entered
  kUnit,            // the reporting unit: the service that logged the concern
  kStep,            // step id
  kLevel,           // 0..3
  kRoutineVersion,  // the routine version the case is pinned to
  kSjumilssteget,   // the step's Sjumilssteget tags (a visit counts once per
                    // tag; untagged visits form the group with no tag)
  kMonth,           // Oslo month the visit began, "YYYY-MM"
  kYear,            // Oslo year the visit began
};
const char* ReportDimName(ReportDim d);  // "service", "routine_version", ...
std::optional<ReportDim> ParseReportDim(std::string_view name);
// Numeric dimensions render as JSON numbers (level, routine_version,
// sjumilssteget, year); the others as strings.
bool IsNumericDim(ReportDim d);
// "service,month" -> dims, in the order given. "" -> none. Unknown or
// repeated names are kInvalidArgument naming field "group_by".
Result<std::vector<ReportDim>> ParseGroupBy(std::string_view csv);

// --- Figures -------------------------------------------------------------

enum Figure : int {
  kVisits,
  kDecided,
  kLeftOnTime,
  kOverdueNow,
  kCompleted,
  kLevelUp,
  kLevelDown,
  kWithoutBatonHolder,
  kConsentsExpired,
  kChildWelfareReports,
  kChildWelfareConfirmedSameDay,
  kFigureCount
};
const char* FigureName(int f);  // "visits", "left_on_time", ...

using HourHistogram = std::map<std::int64_t, std::int64_t>;  // hours -> n

// The true figures of one group. Never leaves the server unprotected.
struct GroupCounts {
  std::array<std::int64_t, kFigureCount> n{};
  HourHistogram hours;  // completed visits by whole hours in step
  void Add(const GroupCounts& other);
};

// The nearest-rank percentile: the smallest value v such that at least
// ceil(percent * N / 100) of the N values are <= v (so the median of
// {1,2,3,4} is 2, its 90th percentile 4). nullopt when N is 0.
std::optional<std::int64_t> NearestRankPercentile(const HourHistogram& h,
                                                  int percent);

// --- Disclosure control --------------------------------------------------

// kSecondary: withheld by the audit (store/audit/disclosure.h), which by design
// never happens; kPrimary is no longer used (kept for the formats' sake).
enum class Suppression { kNone, kPrimary, kSecondary };

// What one figure may show: `value` is nullopt when withheld.
struct PublishedCount {
  std::optional<std::int64_t> value;
  Suppression why = Suppression::kNone;
};

struct PublishedGroup {
  std::array<PublishedCount, kFigureCount> counts;
  std::optional<std::int64_t> on_time_percent;  // of published counts
  std::optional<std::int64_t> median_hours;
  std::optional<std::int64_t> p90_hours;
  // Figure names of suppressed counts, in figure order.
  std::vector<std::string> SuppressedNames() const;
};

// One group of a report: the key has one value per dimension, in the order
// of the report's dims ("" is the untagged group of kSjumilssteget).
struct RawGroup {
  std::vector<std::string> key;
  GroupCounts counts;
};

struct ProtectedGroup {
  std::vector<std::string> key;
  PublishedGroup published;
};

struct ProtectedTable {
  std::vector<ProtectedGroup> groups;
  PublishedGroup total;
  int suppressed_cells = 0;  // figures withheld by the audit (never, by design)
};

// Orders group keys: numbers numerically, text bytewise, "" first.
bool GroupKeyLess(const std::vector<ReportDim>& dims,
                  const std::vector<std::string>& a,
                  const std::vector<std::string>& b);

}  // namespace stafett::store

#endif  // STAFETT_STORE_AUDIT_REPORT_MATH_H_
