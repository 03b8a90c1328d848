#include "store/audit/report_release.h"

#include <chrono>

#include <soci/soci.h>

#include "core/ids.h"
#include "store/sql/sql_params.h"

namespace stafett::store {

namespace {

constexpr auto kKeepReleases = std::chrono::hours(24 * 3653);

}  // namespace

std::string LoadReportSecret(Database& db, const std::string& tenant,
                             TimePoint now) {
  auto lease = db.Acquire();
  SqlParams p;
  // Two 128-bit random ids: 256 bits from the system's random source.
  p.Text("tenant", tenant)
      .Text("secret", NewId() + NewId())
      .Int("at", ToMillis(now));
  ExecCount(*lease,
            "insert into report_keys (tenant, secret, created_at) values "
            "(:tenant, :secret, :at) on conflict (tenant) do nothing",
            p);
  std::string secret, t = tenant;
  *lease << "select secret from report_keys where tenant = :tenant",
      soci::use(t, "tenant"), soci::into(secret);
  return secret;
}

void RecordRelease(Database& db, const ReportRelease& r) {
  auto lease = db.Acquire();
  SqlParams p;
  p.Text("id", NewId())
      .Text("tenant", r.tenant)
      .Int("at", ToMillis(r.at))
      .Text("actor_service", r.actor_service)
      .Text("actor_role", r.actor_role)
      .Text("kind", r.kind)
      .Text("period_from", r.period_from)
      .Text("period_to", r.period_to)
      .Text("group_by", r.group_by)
      .Text("figures", r.figures)
      .Int("remove_after", ToMillis(r.at + kKeepReleases));
  ExecCount(*lease,
            "insert into report_releases (id, tenant, at, actor_service, "
            "actor_role, kind, period_from, period_to, group_by, figures, "
            "remove_after) values (:id, :tenant, :at, :actor_service, "
            ":actor_role, :kind, :period_from, :period_to, :group_by, "
            ":figures, :remove_after)",
            p);
}

std::vector<ReportRelease> LoadReleases(Database& db,
                                        const std::string& tenant) {
  auto lease = db.Acquire();
  std::vector<ReportRelease> out;
  ReportRelease r;
  long long at = 0;
  std::string t = tenant;
  soci::statement st(*lease);
  st.exchange(soci::into(at));
  st.exchange(soci::into(r.actor_service));
  st.exchange(soci::into(r.actor_role));
  st.exchange(soci::into(r.kind));
  st.exchange(soci::into(r.period_from));
  st.exchange(soci::into(r.period_to));
  st.exchange(soci::into(r.group_by));
  st.exchange(soci::into(r.figures));
  st.exchange(soci::use(t, "tenant"));
  PrepareOnce(st,
              "select at, actor_service, actor_role, kind, period_from, "
              "period_to, group_by, figures from report_releases where "
              "tenant = :tenant order by at, id");
  st.execute();
  while (st.fetch()) {
    r.tenant = tenant;
    r.at = FromMillis(at);
    out.push_back(r);
  }
  return out;
}

}  // namespace stafett::store
