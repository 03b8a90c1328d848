// The report's shared folding machinery (store/audit/report.h): the
// Folder that sums facts into groups, total and cells, and the host
// variables of a visit row. Internal to report.cc, report_visits.cc and
// report_journal.cc.
//
// Thread-safety: a Folder belongs to one report computation.
#ifndef STAFETT_STORE_AUDIT_REPORT_FOLD_H_
#define STAFETT_STORE_AUDIT_REPORT_FOLD_H_

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <soci/soci.h>

#include "store/audit/report.h"
#include "store/sql/sql_params.h"

namespace stafett::store::report_fold {

inline bool Has(const std::vector<ReportDim>& dims, ReportDim d) {
  return std::find(dims.begin(), dims.end(), d) != dims.end();
}

// The columns of a visit that dimensions are made of: its cell.
using VisitDims = CellKey;

// Folds facts into groups and the total (true figures, with the hours for
// the percentiles) and into cells (what the disclosure control rounds).
class Folder {
 public:
  Folder(const std::vector<ReportDim>& dims, const ReportCatalog& catalog)
      : dims_(dims), catalog_(catalog) {}

  // A fact about a visit, for groups, total and cells; tags from the
  // catalogue.
  void Add(const VisitDims& v, const GroupCounts& c) {
    const auto& tags = catalog_.Tags(v.routine_id, v.routine_version, v.step);
    AddToGroups(v, tags, c);
    AddToCell(v, tags, c);
  }
  void AddToGroups(const VisitDims& v, const std::vector<int>& tags,
                   const GroupCounts& c) {
    for (auto& key : GroupKeysOf(dims_, v, tags)) groups_[key].Add(c);
    total_.Add(c);
  }
  void AddToCell(const VisitDims& v, const std::vector<int>& tags,
                 const GroupCounts& c) {
    auto [it, fresh] = cells_.try_emplace(CellId(v));
    if (fresh) {
      it->second.key = v;
      it->second.tags = tags;
    }
    for (int f = 0; f < kFigureCount; ++f) it->second.n[f] += c.n[f];
  }
  const ReportCatalog& catalog() const { return catalog_; }

  ComplianceFigures Take() {
    ComplianceFigures out;
    for (auto& [key, counts] : groups_) {
      if (counts.n[kVisits] > 0) out.groups.push_back({key, std::move(counts)});
    }
    std::sort(out.groups.begin(), out.groups.end(),
              [&](const RawGroup& a, const RawGroup& b) {
                return GroupKeyLess(dims_, a.key, b.key);
              });
    out.total = std::move(total_);
    for (auto& [id, cell] : cells_) out.cells.push_back(std::move(cell));
    return out;
  }

 private:
  const std::vector<ReportDim>& dims_;
  const ReportCatalog& catalog_;
  std::map<std::vector<std::string>, GroupCounts> groups_;
  GroupCounts total_;
  std::unordered_map<std::string, Cell> cells_;
};

// Host variables for the visit columns the fact statements select first:
// service, reporter_service, routine_id, step, level, routine_version,
// entered_at.
struct VisitReader {
  VisitDims v;
  long long entered_at = 0;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(v.service));
    st.exchange(soci::into(v.unit));
    st.exchange(soci::into(v.routine_id));
    st.exchange(soci::into(v.step));
    st.exchange(soci::into(v.level));
    st.exchange(soci::into(v.routine_version));
    st.exchange(soci::into(entered_at));
  }
  VisitDims Row() {
    VisitDims d = v;
    d.month = OsloYearMonth(FromMillis(entered_at));
    return d;
  }
};

inline constexpr const char* kVisitColumns =
    "sv.service, sv.reporter_service, sv.routine_id, sv.step, sv.level, "
    "sv.routine_version, sv.entered_at";

inline void PeriodParams(SqlParams& p, const ComplianceQuery& q) {
  p.Text("tenant", q.tenant)
      .Int("begin", ToMillis(q.period.begin()))
      .Int("end", ToMillis(q.period.end()));
}

// The two aggregates over the period's visits (report_visits.cc).
void FoldVisits(soci::session& sql, Dialect dialect,
                const ReportCatalog& catalog, const ComplianceQuery& q,
                Folder& folder);

// Consent expiries and child-welfare reports, each counted on the visit
// that was open when it was journaled (report_journal.cc).
void FoldJournalFacts(soci::session& sql, const ComplianceQuery& q,
                      Folder& folder);

// Open cases at level 1 or above whose baton nobody holds
// (report_journal.cc).
void FoldWithoutBatonHolder(soci::session& sql, const ComplianceQuery& q,
                            Folder& folder);

}  // namespace stafett::store::report_fold

#endif  // STAFETT_STORE_AUDIT_REPORT_FOLD_H_
