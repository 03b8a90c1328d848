#include "store/report_math.h"

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

std::optional<std::int64_t> PublishCount(std::int64_t n, int min_count) {
  if (n <= 0) return 0;
  if (n < min_count) return std::nullopt;
  return n / min_count * min_count;
}

std::vector<std::string> PublishedGroup::SuppressedNames() const {
  std::vector<std::string> names;
  for (int f = 0; f < kFigureCount; ++f) {
    if (!counts[f].value) names.emplace_back(kFigureNames[f]);
  }
  return names;
}

namespace {

// "Unbounded" for a secondary cell; sums saturate here.
constexpr std::int64_t kUnbounded = std::int64_t{1} << 50;

std::int64_t SatAdd(std::int64_t a, std::int64_t b) {
  return std::min(kUnbounded, a + b);
}

// What a reader knows of a value from its publication alone.
struct Range {
  std::int64_t lo = 0;
  std::int64_t hi = 0;
};

// The reader's knowledge of a count published by PublishCount.
Range KnownFromPublication(std::int64_t n, int t) {
  auto p = PublishCount(n, t);
  if (!p) return {1, t - 1};
  if (*p == 0) return {0, 0};
  return {*p, *p + t - 1};
}

// One sum a reader can form: the members add up to `margin` (the true
// value; its publication comes from another report of the same period).
struct SumConstraint {
  std::vector<std::size_t> members;
  std::int64_t margin = 0;
};

// The constraints of a table with `dims`: the total over all groups, and
// for two or more dimensions each margin over one dimension. A margin over
// kSjumilssteget is not a sum (a visit may carry several tags), and neither
// is the total when tags are a dimension.
std::vector<SumConstraint> Constraints(const std::vector<ReportDim>& dims,
                                       const std::vector<RawGroup>& groups,
                                       int figure, std::int64_t total) {
  std::vector<SumConstraint> out;
  const bool tags = std::find(dims.begin(), dims.end(),
                              ReportDim::kSjumilssteget) != dims.end();
  if (!tags && !groups.empty()) {
    SumConstraint all;
    all.margin = total;
    for (std::size_t i = 0; i < groups.size(); ++i) all.members.push_back(i);
    out.push_back(std::move(all));
  }
  if (dims.size() < 2) return out;
  for (std::size_t d = 0; d < dims.size(); ++d) {
    if (dims[d] == ReportDim::kSjumilssteget) continue;
    std::map<std::vector<std::string>, SumConstraint> by_rest;
    for (std::size_t i = 0; i < groups.size(); ++i) {
      std::vector<std::string> rest = groups[i].key;
      rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(d));
      SumConstraint& c = by_rest[rest];
      c.members.push_back(i);
      c.margin += groups[i].counts.n[figure];
    }
    for (auto& [rest, c] : by_rest) {
      if (c.members.size() > 1) out.push_back(std::move(c));
    }
  }
  return out;
}

// Secondary suppression of one figure column. `why` has one entry per group
// plus the total last. Returns the number of cells suppressed here.
void SuppressColumn(const std::vector<ReportDim>& dims,
                    const std::vector<RawGroup>& groups, std::int64_t total,
                    int figure, int t, std::vector<Suppression>& why) {
  const std::vector<SumConstraint> constraints =
      Constraints(dims, groups, figure, total);
  auto value = [&](std::size_t i) { return groups[i].counts.n[figure]; };
  auto known = [&](std::size_t i) -> Range {
    switch (why[i]) {
      case Suppression::kPrimary:
        return {1, t - 1};
      case Suppression::kSecondary:
        // Assume the reader knows it was suppressed to protect another
        // cell, so it is at least t: the strictest assumption for us.
        return {t, kUnbounded};
      case Suppression::kNone:
        break;
    }
    return KnownFromPublication(value(i), t);
  };

  for (bool changed = true; changed;) {
    changed = false;
    for (const SumConstraint& c : constraints) {
      const Range margin = KnownFromPublication(c.margin, t);
      std::int64_t sum_lo = 0, sum_hi = 0;
      for (std::size_t m : c.members) {
        Range r = known(m);
        sum_lo = SatAdd(sum_lo, r.lo);
        sum_hi = SatAdd(sum_hi, r.hi);
      }
      for (std::size_t i : c.members) {
        if (why[i] != Suppression::kPrimary) continue;
        const Range own = known(i);
        const std::int64_t others_hi =
            sum_hi >= kUnbounded ? kUnbounded : sum_hi - own.hi;
        const std::int64_t others_lo = sum_lo - own.lo;
        const std::int64_t lo = std::max(own.lo, margin.lo - others_hi);
        const std::int64_t hi = std::min(own.hi, margin.hi - others_lo);
        if (hi - lo >= 1) continue;  // at least two values stay possible
        // Pinned: hide the smallest published non-zero member as well.
        std::optional<std::size_t> pick;
        for (std::size_t j : c.members) {
          if (j == i || why[j] != Suppression::kNone || value(j) <= 0) continue;
          if (!pick || value(j) < value(*pick)) pick = j;
        }
        if (pick) {
          why[*pick] = Suppression::kSecondary;
        } else if (c.members.size() == groups.size() &&
                   why.back() == Suppression::kNone) {
          // Nothing left to hide among the groups: hide this table's total.
          why.back() = Suppression::kSecondary;
        } else {
          continue;  // cannot help from within this table (docs/audit.md)
        }
        changed = true;
        break;
      }
      if (changed) break;
    }
  }
}

PublishedGroup Derive(const GroupCounts& g,
                      const std::array<Suppression, kFigureCount>& why, int t) {
  PublishedGroup p;
  for (int f = 0; f < kFigureCount; ++f) {
    p.counts[f].why = why[f];
    if (why[f] == Suppression::kNone) {
      p.counts[f].value = PublishCount(g.n[f], t);
    }
  }
  const auto& decided = p.counts[kDecided].value;
  const auto& on_time = p.counts[kLeftOnTime].value;
  if (decided && on_time && *decided > 0) {
    // Half up, from the published counts only.
    p.on_time_percent = std::min<std::int64_t>(
        100, (200 * *on_time + *decided) / (2 * *decided));
  }
  if (p.counts[kCompleted].value && g.n[kCompleted] >= t &&
      g.n[kCompleted] > 0) {
    p.median_hours = NearestRankPercentile(g.hours, 50);
    p.p90_hours = NearestRankPercentile(g.hours, 90);
  }
  return p;
}

}  // namespace

ProtectedTable Protect(const std::vector<ReportDim>& dims,
                       const std::vector<RawGroup>& groups,
                       const GroupCounts& total, int min_count) {
  const int t = std::max(1, min_count);
  const std::size_t n = groups.size();
  // why[f][i]: group i (or the total at index n) for figure f.
  std::array<std::vector<Suppression>, kFigureCount> why;
  for (int f = 0; f < kFigureCount; ++f) {
    why[f].assign(n + 1, Suppression::kNone);
    for (std::size_t i = 0; i < n; ++i) {
      if (!PublishCount(groups[i].counts.n[f], t)) {
        why[f][i] = Suppression::kPrimary;
      }
    }
    if (!PublishCount(total.n[f], t)) why[f][n] = Suppression::kPrimary;
    if (t > 1) SuppressColumn(dims, groups, total.n[f], f, t, why[f]);
  }

  ProtectedTable out;
  auto column = [&](std::size_t i) {
    std::array<Suppression, kFigureCount> w{};
    for (int f = 0; f < kFigureCount; ++f) w[f] = why[f][i];
    return w;
  };
  for (std::size_t i = 0; i < n; ++i) {
    out.groups.push_back(
        {groups[i].key, Derive(groups[i].counts, column(i), t)});
  }
  out.total = Derive(total, column(n), t);
  for (int f = 0; f < kFigureCount; ++f) {
    for (Suppression s : why[f]) {
      if (s != Suppression::kNone) ++out.suppressed_cells;
    }
  }
  return out;
}

}  // namespace stafett::store
