#include "store/lifecycle/purge_log_row.h"

#include "core/ids.h"
#include "store/sql/sql_params.h"

namespace stafett::store {

void WritePurgeLog(soci::session& sql, const std::string& tenant, TimePoint now,
                   const std::string& worker, const std::string& what,
                   std::int64_t count, const std::vector<std::string>& case_ids,
                   const std::string& detail) {
  std::string ids;
  for (const auto& id : case_ids) ids += (ids.empty() ? "" : ",") + id;
  SqlParams p;
  p.Text("id", NewId())
      .Text("tenant", tenant)
      .Int("at", ToMillis(now))
      .Text("worker", worker)
      .Text("what", what)
      .Int("n", count)
      .Text("ids", ids)
      .Text("detail", detail);
  ExecCount(sql,
            "insert into purge_log (id, tenant, at, worker, what, row_count, "
            "case_ids, detail) values (:id, :tenant, :at, :worker, :what, "
            ":n, :ids, :detail)",
            p);
}

std::string PurgedRowsLabels(const std::string& what) {
  return "what=\"" + what + "\"";
}

}  // namespace stafett::store
