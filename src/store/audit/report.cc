// The compliance report: its facts folded by one Folder (report_fold.h)
// from the visit aggregates (report_visits.cc) and the journal
// (report_journal.cc), so that the same key function serves every
// statement; then protected for release (report_release.h).
#include "store/audit/report.h"

#include <string>

#include "store/audit/report_fold.h"
#include "store/audit/report_release.h"

namespace stafett::store {

using report_fold::Folder;

ComplianceFigures ComputeCompliance(Database& db, const ReportCatalog& catalog,
                                    const ComplianceQuery& q) {
  auto lease = db.Acquire();
  Folder folder(q.group_by, catalog);
  report_fold::FoldVisits(*lease, db.dialect(), catalog, q, folder);
  report_fold::FoldJournalFacts(*lease, q, folder);
  report_fold::FoldWithoutBatonHolder(*lease, q, folder);
  return folder.Take();
}

PublishedReport BuildReport(Database& db, const ReportCatalog& catalog,
                            const ComplianceQuery& q, ReportKind kind,
                            int min_count) {
  ComplianceFigures figures = ComputeCompliance(db, catalog, q);
  PublishedReport r;
  r.kind = kind;
  r.tenant = q.tenant;
  r.period = q.period;
  r.group_by = q.group_by;
  r.generated_at = q.now;
  r.min_count = min_count;
  const std::string secret =
      min_count > 1 ? LoadReportSecret(db, q.tenant, q.now) : std::string();
  r.table = Protect(q.group_by, figures.groups, figures.total, figures.cells,
                    secret, min_count);
  return r;
}

}  // namespace stafett::store
