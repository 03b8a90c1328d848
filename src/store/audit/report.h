// The compliance report and the kommuneanalyse over the database: the true
// figures per group (report_math.h defines each figure), computed from
// step_visits with a few indexed statements, never by replaying the
// journal, then protected and rendered (report_format.h).
//
// Statements per report: one for the routine catalogue, two aggregates over
// step_visits (the only ones that grow with history: the period's visits
// grouped by cell with every count, which the disclosure control rounds
// and whose sums are the groups' true counts, and its completed visits
// grouped by the requested dimensions and whole hours in step, for the
// percentiles), the tenant's rounding secret, and three small ones whose
// rows are rare facts (consent expiries and child-welfare reports with the
// visit they happened in, the reports' confirmations, open cases without a
// baton holder).
// Percentiles come from the per-hour histogram, so they are exact and
// identical on SQLite and PostgreSQL. See docs/audit.md for the benchmark.
//
// Errors: database failures throw soci::soci_error (a std::runtime_error);
// the inputs are validated by the caller (ParseGroupBy, MakePeriod).
//
// Thread-safety: functions are safe to call from many threads; each uses
// its own pooled session. ReportCatalog is a plain value.
#ifndef STAFETT_STORE_AUDIT_REPORT_H_
#define STAFETT_STORE_AUDIT_REPORT_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/time.h"
#include "routine/model.h"
#include "store/audit/disclosure.h"
#include "store/audit/report_format.h"
#include "store/audit/report_math.h"
#include "store/sql/database.h"

namespace stafett::store {

// What reports need from the routines: each step's Sjumilssteget tags, by
// (routine id, version) as step_visits name them.
class ReportCatalog {
 public:
  void Add(const routine::Routine& r);
  // The step's tags, ascending; empty when untagged or unknown.
  const std::vector<int>& Tags(const std::string& routine_id, int version,
                               const std::string& step) const;
  struct TaggedStep {
    std::string routine_id;
    int version = 0;
    std::string step;
    std::vector<int> tags;  // ascending, not empty
  };
  // Every step that has tags.
  std::vector<TaggedStep> TaggedSteps() const;

 private:
  struct Version {
    std::map<std::string, std::vector<int>> tags;
  };
  std::map<std::pair<std::string, int>, Version> versions_;
};

// The catalogue of every routine version `tenant` has served, rebuilt from
// routine_versions (one statement; parsed versions are cached by hash). A
// stored version that no longer loads is skipped: its steps count as
// untagged.
ReportCatalog LoadReportCatalog(Database& db, const std::string& tenant);

struct ComplianceQuery {
  std::string tenant;
  ReportPeriod period;
  std::vector<ReportDim> group_by;
  TimePoint now;  // decided, overdue_now and without_baton_holder
};

struct ComplianceFigures {
  std::vector<RawGroup> groups;  // sorted by GroupKeyLess; only groups with
                                 // at least one visit
  GroupCounts total;             // every visit once, whatever its tags
  std::vector<Cell> cells;       // the period's visits by cell, any order;
                                 // only cells with at least one visit
};

// The true figures. For the server's eyes only: publish them through
// Protect.
ComplianceFigures ComputeCompliance(Database& db, const ReportCatalog& catalog,
                                    const ComplianceQuery& q);

// ComputeCompliance, then Protect (store/audit/disclosure.h) with min_count and
// the tenant's rounding secret (created on first use), as a report of
// `kind` generated at q.now.
PublishedReport BuildReport(Database& db, const ReportCatalog& catalog,
                            const ComplianceQuery& q, ReportKind kind,
                            int min_count);

}  // namespace stafett::store

#endif  // STAFETT_STORE_AUDIT_REPORT_H_
