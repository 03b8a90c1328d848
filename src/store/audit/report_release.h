// What the reports have published, and the secret their rounding is drawn
// from (store/audit/disclosure.h), in the tables of migration 0040.
//
// The release log (report_releases) keeps every figure set a report served:
// the tenant, who asked, when, the query (kind, period, grouping) and the
// figures exactly as published (the report's JSON), so that any later
// question ("could someone have worked out X from what we published?") can
// be answered against the record rather than from memory. Rows carry
// remove_after = at + 10 years (the longest report period); the purge
// worker deletes them then (store/lifecycle/purge.h PurgeExpiredLogs).
//
// Errors: database failures throw soci::soci_error.
// Thread-safety: safe from many threads; each call uses its own pooled
// session. Two first reports of a tenant at once agree on one secret (insert
// or nothing, then read).
#ifndef STAFETT_STORE_AUDIT_REPORT_RELEASE_H_
#define STAFETT_STORE_AUDIT_REPORT_RELEASE_H_

#include <string>
#include <vector>

#include "core/time.h"
#include "store/sql/database.h"

namespace stafett::store {

// The tenant's rounding secret: 64 hex digits, created at `now` the first
// time a tenant is reported on. Never published, never logged.
std::string LoadReportSecret(Database& db, const std::string& tenant,
                             TimePoint now);

struct ReportRelease {
  std::string tenant;
  TimePoint at;
  std::string actor_service;
  std::string actor_role;
  std::string kind;         // "compliance" | "kommuneanalyse"
  std::string period_from;  // "2026-01" (kommuneanalyse: "2024-01")
  std::string period_to;    // "2026-06"
  std::string group_by;     // "service,month"; "" for none
  std::string figures;      // the report's JSON as served
};

void RecordRelease(Database& db, const ReportRelease& r);

// The tenant's releases in time order (for audits and tests).
std::vector<ReportRelease> LoadReleases(Database& db,
                                        const std::string& tenant);

}  // namespace stafett::store

#endif  // STAFETT_STORE_AUDIT_REPORT_RELEASE_H_
