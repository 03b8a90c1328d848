// Retention dates and policy changes (store/lifecycle/retention.h).
#include "store/lifecycle/retention.h"

#include <algorithm>
#include <iterator>
#include <vector>

#include <soci/soci.h>

#include "core/deadline.h"
#include "core/ids.h"
#include "store/sql/sql_params.h"

namespace stafett::store {

namespace {

// A rough length, only to pick the longer of two periods.
long long ApproxSeconds(const IsoDuration& d) {
  return ((d.years * 365LL + d.months * 30LL + d.weeks * 7LL + d.days) * 24 +
          d.hours) *
             3600 +
         d.minutes * 60 + d.seconds;
}

const IsoDuration& Longer(const IsoDuration& a, const IsoDuration& b) {
  return ApproxSeconds(b) > ApproxSeconds(a) ? b : a;
}

}  // namespace

TimePoint RemoveAfter(const routine::Retention& policy, TimePoint closed_at,
                      bool reported_to_child_welfare) {
  return AddIsoDuration(closed_at, reported_to_child_welfare
                                       ? policy.closed_case_reported
                                       : policy.closed_case);
}

std::optional<TimePoint> RemoveAfterFor(const routine::Retention& policy,
                                        const engine::Snapshot& s) {
  if (s.status != engine::CaseStatus::kClosed) return std::nullopt;
  return RemoveAfter(policy, s.step_entered_at,
                     s.child_welfare_reported_at.has_value());
}

TimePoint Cutoff(TimePoint now, const IsoDuration& period) {
  return SubtractIsoDuration(now, period);
}

routine::Retention Longest(const routine::Retention& a,
                           const routine::Retention& b) {
  routine::Retention r;
  r.closed_case = Longer(a.closed_case, b.closed_case);
  r.closed_case_reported =
      Longer(a.closed_case_reported, b.closed_case_reported);
  r.access_log = Longer(a.access_log, b.access_log);
  r.notifications_delivered =
      Longer(a.notifications_delivered, b.notifications_delivered);
  r.notifications_failed =
      Longer(a.notifications_failed, b.notifications_failed);
  r.idempotency_keys = Longer(a.idempotency_keys, b.idempotency_keys);
  // Any routine that must archive makes the tenant archive.
  r.archive = a.archive.required() ? a.archive : b.archive;
  return r;
}

routine::Retention PolicyFor(
    const std::vector<std::shared_ptr<const routine::Routine>>& routines,
    const std::string& routine_id) {
  if (routines.empty()) return routine::Retention{};
  routine::Retention tenant = routines.front()->retention;
  for (const auto& r : routines) {
    if (!routine_id.empty() && r->id == routine_id) return r->retention;
    tenant = Longest(tenant, r->retention);
  }
  return tenant;
}

void WriteRemoveAfter(soci::session& sql, const engine::Snapshot& s,
                      const routine::Retention& policy) {
  SqlParams p;
  p.OptInt("remove_after", OptMillis(RemoveAfterFor(policy, s)))
      .Text("id", s.case_id)
      .Text("tenant", s.tenant);
  ExecCount(sql,
            "update cases set remove_after = :remove_after where id = :id and "
            "tenant = :tenant",
            p);
}

std::optional<routine::Retention> ParseRetentionText(const std::string& text) {
  routine::Retention r;
  const std::pair<const char*, IsoDuration*> keys[] = {
      {"closed_case", &r.closed_case},
      {"closed_case_reported", &r.closed_case_reported},
      {"access_log", &r.access_log},
      {"notifications_delivered", &r.notifications_delivered},
      {"notifications_failed", &r.notifications_failed},
      {"idempotency_keys", &r.idempotency_keys}};
  std::size_t start = 0, found = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string part = text.substr(start, end - start);
    const std::size_t eq = part.find('=');
    if (eq == std::string::npos) return std::nullopt;
    bool known = false;
    for (const auto& [key, out] : keys) {
      if (part.compare(0, eq, key) != 0 || std::string_view(key).size() != eq)
        continue;
      Result<IsoDuration> d = ParseIsoDuration(part.substr(eq + 1));
      if (!d.ok()) return std::nullopt;
      *out = *d;
      known = true;
      ++found;
    }
    if (!known) return std::nullopt;
    start = end + 1;
  }
  if (found != std::size(keys)) return std::nullopt;
  return r;
}

std::optional<std::string> AppliedPolicy(Database& db,
                                         const std::string& tenant,
                                         const std::string& routine_id) {
  auto lease = db.Acquire();
  std::string t = tenant, r = routine_id, policy;
  *lease << "select policy from retention_policies where tenant = :tenant "
            "and routine_id = :routine_id",
      soci::use(t, "tenant"), soci::use(r, "routine_id"), soci::into(policy);
  if (!lease->got_data()) return std::nullopt;
  return policy;
}

PolicySync SyncRetentionPolicy(Database& db, const std::string& tenant,
                               const std::string& routine_id,
                               const routine::Retention& policy, TimePoint now,
                               const std::string& worker) {
  PolicySync out;
  const std::string text = policy.ToString();
  auto lease = db.Acquire();
  soci::session& sql = *lease;
  WriteTransaction tx(sql, db.dialect());
  {
    // Claim the policy row first: on PostgreSQL a second replica syncing
    // the same change waits here for our commit, then sees the new text.
    SqlParams p;
    p.Text("tenant", tenant)
        .Text("routine_id", routine_id)
        .Int("now", ToMillis(now));
    ExecCount(sql,
              "insert into retention_policies (tenant, routine_id, policy, "
              "applied_at) values (:tenant, :routine_id, '', :now) on "
              "conflict (tenant, routine_id) do nothing",
              p);
    std::string t = tenant, r = routine_id;
    const std::string lock =
        db.dialect() == Dialect::kPostgresql ? " for update" : "";
    sql << "select policy from retention_policies where tenant = :tenant and "
           "routine_id = :routine_id" +
               lock,
        soci::use(t, "tenant"), soci::use(r, "routine_id"),
        soci::into(out.previous);
  }
  if (out.previous == text) return out;  // rolls back the no-op
  out.changed = true;

  struct Row {
    std::string id;
    long long closed_at = 0;
    bool reported = false;
    std::optional<long long> remove_after;
  };
  std::vector<Row> rows;
  {
    std::string t = tenant, r = routine_id, id;
    long long closed_at = 0, remove_after = 0, reported = 0;
    soci::indicator ind = soci::i_null;
    soci::statement st(sql);
    st.exchange(soci::into(id));
    st.exchange(soci::into(closed_at));
    st.exchange(soci::into(reported));
    st.exchange(soci::into(remove_after, ind));
    st.exchange(soci::use(t, "tenant"));
    st.exchange(soci::use(r, "routine_id"));
    // Purged skeletons keep no date: their data is gone already.
    PrepareOnce(st,
                "select id, step_entered_at, case when "
                "child_welfare_reported_at is null then 0 else 1 end, "
                "remove_after from cases where tenant = :tenant and "
                "routine_id = :routine_id and status = 'closed' and "
                "reference <> 'SLETTET-' || id");
    st.execute();
    while (st.fetch()) {
      rows.push_back(Row{id, closed_at, reported != 0,
                         ind == soci::i_ok
                             ? std::optional<long long>(remove_after)
                             : std::nullopt});
    }
  }
  for (const Row& row : rows) {
    const long long due =
        ToMillis(RemoveAfter(policy, FromMillis(row.closed_at), row.reported));
    if (row.remove_after == due) continue;
    SqlParams p;
    p.Int("due", due).Text("id", row.id);
    ExecCount(sql, "update cases set remove_after = :due where id = :id", p);
    ++out.moved;
  }
  {
    SqlParams p;
    p.Text("policy", text)
        .Int("now", ToMillis(now))
        .Int("moved", out.moved)
        .Text("tenant", tenant)
        .Text("routine_id", routine_id);
    ExecCount(sql,
              "update retention_policies set policy = :policy, applied_at = "
              ":now, moved = :moved where tenant = :tenant and routine_id = "
              ":routine_id",
              p);
  }
  {
    SqlParams p;
    p.Text("id", NewId())
        .Text("tenant", tenant)
        .Int("at", ToMillis(now))
        .Text("worker", worker)
        .Int("n", out.moved)
        .Text("detail", routine_id + ": " + text);
    ExecCount(sql,
              "insert into purge_log (id, tenant, at, worker, what, "
              "row_count, detail) values (:id, :tenant, :at, :worker, "
              "'policy', :n, :detail)",
              p);
  }
  tx.Commit();
  return out;
}

}  // namespace stafett::store
