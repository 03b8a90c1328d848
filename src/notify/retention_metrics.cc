#include "notify/retention_metrics.h"

#include "store/lifecycle/purge.h"
#include "store/lifecycle/purge_view.h"
#include "store/lifecycle/retention.h"

namespace stafett::notify {

namespace {

constexpr const char* kDueKinds[] = {"cases", "access_log", "notifications",
                                     "idempotency"};
constexpr const char* kPurgedKinds[] = {"cases",       "case_history",
                                        "access_log",  "notifications",
                                        "idempotency", "report_releases"};

}  // namespace

RetentionDue RetentionStats(store::Database& db, const Directory& directory,
                            TimePoint now) {
  RetentionDue out;
  for (const char* k : kDueKinds) out.due[k] = 0;
  for (const auto& tenant : store::TenantsWithRoutines(db)) {
    const store::DueSummary d = store::DueForPurge(
        db, tenant, store::PolicyFor(directory.ForTenant(tenant), ""), now, 0);
    out.due["cases"] += d.cases;
    out.due["access_log"] += d.access_log;
    out.due["notifications"] += d.notifications;
    out.due["idempotency"] += d.idempotency;
  }
  return out;
}

std::string RenderRetentionMetrics(const RetentionDue& due,
                                   const store::NotifyStats& stats) {
  std::string out =
      "# HELP stafett_retention_due_rows Rows past their retention period "
      "and not yet purged.\n"
      "# TYPE stafett_retention_due_rows gauge\n";
  for (const char* k : kDueKinds) {
    auto it = due.due.find(k);
    out += std::string("stafett_retention_due_rows{what=\"") + k + "\"} " +
           std::to_string(it == due.due.end() ? 0 : it->second) + "\n";
  }
  out += std::string("# HELP ") + store::kPurgedRowsCounter +
         " Rows deleted by the retention purge.\n# TYPE " +
         store::kPurgedRowsCounter + " counter\n";
  auto c = stats.counters.find(store::kPurgedRowsCounter);
  for (const char* k : kPurgedKinds) {
    const std::string labels = std::string("what=\"") + k + "\"";
    std::int64_t v = 0;
    if (c != stats.counters.end()) {
      auto it = c->second.find(labels);
      if (it != c->second.end()) v = it->second;
    }
    out += std::string(store::kPurgedRowsCounter) + "{" + labels + "} " +
           std::to_string(v) + "\n";
  }
  return out;
}

}  // namespace stafett::notify
