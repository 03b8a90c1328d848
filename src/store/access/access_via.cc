#include "store/access/access_via.h"

#include <soci/soci.h>

#include "core/ids.h"
#include "store/access/access_write.h"
#include "store/cases/case_codec.h"
#include "store/sql/sql_params.h"

namespace stafett::store {

void RecordAccessVia(CaseStore& store, const AccessRecord& r,
                     const std::string& via) {
  auto lease = store.database().Acquire();
  SqlParams p;
  p.Text("id", NewId())
      .Text("tenant", r.tenant)
      .Text("case_id", r.case_id)
      .Text("actor_service", r.actor_service)
      .Text("actor_role", RoleText(r.actor_role))
      .Int("at", ToMillis(r.at))
      .Text("action", r.action)
      .Text("reason", r.reason)
      .Text("actor_person", r.actor_person)
      .Text("acting_via", via);
  InsertAccessRow(*lease, store.database().dialect(),
                  "id, tenant, case_id, actor_service, actor_role, at, "
                  "action, reason, actor_person, acting_via",
                  ":id, :tenant, :case_id, :actor_service, :actor_role, :at, "
                  ":action, :reason, :actor_person, :acting_via",
                  p);
}

std::vector<AccessRowVia> AccessLogVia(CaseStore& store,
                                       const std::string& tenant,
                                       const std::string& case_id) {
  auto lease = store.database().Acquire();
  std::vector<AccessRowVia> out;
  AccessRowVia a;
  std::string role;
  long long at = 0;
  std::string t = tenant, id = case_id;
  soci::statement st(*lease);
  st.exchange(soci::into(a.record.tenant));
  st.exchange(soci::into(a.record.case_id));
  st.exchange(soci::into(a.record.actor_service));
  st.exchange(soci::into(role));
  st.exchange(soci::into(at));
  st.exchange(soci::into(a.record.action));
  st.exchange(soci::into(a.record.reason));
  st.exchange(soci::into(a.record.actor_person));
  st.exchange(soci::into(a.via));
  st.exchange(soci::use(t, "tenant"));
  st.exchange(soci::use(id, "case_id"));
  PrepareOnce(st,
              "select tenant, case_id, actor_service, actor_role, at, action, "
              "reason, actor_person, acting_via from access_log where tenant "
              "= :tenant and case_id = :case_id order by at, id");
  st.execute();
  while (st.fetch()) {
    AccessRowVia r = a;
    r.record.actor_role = ParseRoleText(role);
    r.record.at = FromMillis(at);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace stafett::store
