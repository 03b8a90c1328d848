#include "store/audit/report_math.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <limits>

namespace stafett::store {

namespace {

constexpr const char* kDimNames[] = {
    "service",         "unit",          "step",  "level",
    "routine_version", "sjumilssteget", "month", "year"};

constexpr const char* kFigureNames[kFigureCount] = {
    "visits",
    "decided",
    "left_on_time",
    "overdue_now",
    "completed",
    "level_up",
    "level_down",
    "without_baton_holder",
    "consents_expired",
    "child_welfare_reports",
    "child_welfare_confirmed_same_day",
};

bool ParseDigits(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

std::int64_t KeyNumber(const std::string& s) {
  std::int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

}  // namespace

// --- Periods ---------------------------------------------------------------

Result<YearMonth> ParseYearMonth(std::string_view text,
                                 const std::string& field) {
  YearMonth m;
  if (text.size() != 7 || text[4] != '-' ||
      !ParseDigits(text.substr(0, 4), m.year) ||
      !ParseDigits(text.substr(5, 2), m.month) || m.year < 2000 ||
      m.year > 2999 || m.month < 1 || m.month > 12) {
    return Status::Invalid("«" + field +
                               "» må være en måned på formen ÅÅÅÅ-MM, for "
                               "eksempel 2026-03.",
                           field);
  }
  return m;
}

std::string FormatYearMonth(YearMonth m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", m.year, m.month);
  return buf;
}

YearMonth AddMonths(YearMonth m, int n) {
  int index = m.year * 12 + (m.month - 1) + n;
  return YearMonth{index / 12, index % 12 + 1};
}

int MonthsBetween(YearMonth a, YearMonth b) {
  return (b.year * 12 + b.month) - (a.year * 12 + a.month);
}

TimePoint MonthStart(YearMonth m) {
  using namespace std::chrono;
  return OsloStartOfDay(year_month_day{
      year{m.year}, month{static_cast<unsigned>(m.month)}, day{1}});
}

YearMonth OsloYearMonth(TimePoint t) {
  auto d = OsloDate(t);
  return YearMonth{static_cast<int>(d.year()),
                   static_cast<int>(static_cast<unsigned>(d.month()))};
}

Result<ReportPeriod> MakePeriod(YearMonth first, YearMonth last) {
  if (last < first) {
    return Status::Invalid("Perioden slutter («to») før den begynner («from»).",
                           "to");
  }
  if (MonthsBetween(first, last) + 1 > kMaxReportMonths) {
    return Status::Invalid("En rapport kan dekke høyst " +
                               std::to_string(kMaxReportMonths) + " måneder.",
                           "to");
  }
  return ReportPeriod{first, last};
}

// --- Dimensions ------------------------------------------------------------

const char* ReportDimName(ReportDim d) {
  return kDimNames[static_cast<int>(d)];
}

std::optional<ReportDim> ParseReportDim(std::string_view name) {
  for (int i = 0; i < static_cast<int>(std::size(kDimNames)); ++i) {
    if (name == kDimNames[i]) return static_cast<ReportDim>(i);
  }
  return std::nullopt;
}

bool IsNumericDim(ReportDim d) {
  return d == ReportDim::kLevel || d == ReportDim::kRoutineVersion ||
         d == ReportDim::kSjumilssteget || d == ReportDim::kYear;
}

Result<std::vector<ReportDim>> ParseGroupBy(std::string_view csv) {
  std::vector<ReportDim> dims;
  if (csv.empty()) return dims;
  std::size_t start = 0;
  while (start <= csv.size()) {
    std::size_t comma = csv.find(',', start);
    if (comma == std::string_view::npos) comma = csv.size();
    std::string_view name = csv.substr(start, comma - start);
    auto d = ParseReportDim(name);
    if (!d) {
      return Status::Invalid(
          "Ukjent gruppering «" + std::string(name) +
              "». Gyldige: service, unit, step, level, routine_version, "
              "sjumilssteget, month, year.",
          "group_by");
    }
    if (std::find(dims.begin(), dims.end(), *d) != dims.end()) {
      return Status::Invalid(
          "Grupperingen «" + std::string(name) + "» er oppgitt to ganger.",
          "group_by");
    }
    dims.push_back(*d);
    start = comma + 1;
  }
  return dims;
}

bool GroupKeyLess(const std::vector<ReportDim>& dims,
                  const std::vector<std::string>& a,
                  const std::vector<std::string>& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] == b[i]) continue;
    if (a[i].empty() || b[i].empty()) return a[i].empty();
    if (i < dims.size() && IsNumericDim(dims[i])) {
      return KeyNumber(a[i]) < KeyNumber(b[i]);
    }
    return a[i] < b[i];
  }
  return a.size() < b.size();
}

// --- Figures ---------------------------------------------------------------

const char* FigureName(int f) { return kFigureNames[f]; }

void GroupCounts::Add(const GroupCounts& other) {
  for (int f = 0; f < kFigureCount; ++f) n[f] += other.n[f];
  for (const auto& [h, c] : other.hours) hours[h] += c;
}

std::optional<std::int64_t> NearestRankPercentile(const HourHistogram& h,
                                                  int percent) {
  std::int64_t total = 0;
  for (const auto& [v, c] : h) total += c;
  if (total == 0) return std::nullopt;
  // ceil(percent * total / 100) in integers; at least rank 1.
  std::int64_t rank = std::max<std::int64_t>(1, (percent * total + 99) / 100);
  std::int64_t seen = 0;
  for (const auto& [v, c] : h) {
    seen += c;
    if (seen >= rank) return v;
  }
  return h.rbegin()->first;
}

// --- Disclosure control ----------------------------------------------------

std::vector<std::string> PublishedGroup::SuppressedNames() const {
  std::vector<std::string> names;
  for (int f = 0; f < kFigureCount; ++f) {
    if (!counts[f].value) names.emplace_back(kFigureNames[f]);
  }
  return names;
}

}  // namespace stafett::store
