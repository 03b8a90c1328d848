#include "store/cases/case_visibility.h"

#include "core/json_writer.h"
#include "engine/visibility.h"
#include "store/cases/case_row.h"
#include "store/sql/sql_params.h"

namespace stafett::store {

std::string SightJson(const engine::Snapshot& snap) {
  std::string out = "[";
  for (const auto& s : engine::WhoSees(snap)) {
    if (out.size() > 1) out += ",";
    out += "[" + JsonQuote(s.service) + "," + JsonQuote(s.seen_through) +
           (s.work ? ",1]" : ",0]");
  }
  return out + "]";
}

void RefreshVisibility(soci::session& sql, const std::string& tenant,
                       const std::string& case_id) {
  std::optional<CaseRow> row = LoadCase(sql, tenant, case_id);
  if (!row) return;
  SqlParams p;
  p.Text("sight", SightJson(row->snapshot))
      .Text("id", case_id)
      .Text("tenant", tenant);
  ExecCount(sql,
            "update cases set sight = :sight where id = :id and tenant = "
            ":tenant",
            p);
}

std::vector<std::string> StoredViewers(soci::session& sql,
                                       const std::string& tenant,
                                       const std::string& case_id,
                                       TimePoint now) {
  std::vector<std::string> out;
  std::string t = tenant, id = case_id, today = engine::SightDate(now), service;
  soci::statement st(sql);
  st.exchange(soci::into(service));
  st.exchange(soci::use(id, "id"));
  st.exchange(soci::use(t, "tenant"));
  st.exchange(soci::use(today, "today"));
  PrepareOnce(st,
              "select service from case_visibility where case_id = :id and "
              "tenant = :tenant and seen_through >= :today order by service");
  st.execute();
  while (st.fetch()) out.push_back(service);
  return out;
}

}  // namespace stafett::store
