#include "store/lifecycle/archive.h"

#include <algorithm>

#include <soci/soci.h>

#include "store/sql/sql_params.h"

namespace stafett::store {

std::optional<ArchiveRecord> ArchiveOf(Database& db,
                                       const std::string& case_id) {
  auto lease = db.Acquire();
  std::string id = case_id;
  ArchiveRecord r;
  long long requested = 0, archived = 0;
  soci::indicator ind = soci::i_null;
  *lease << "select requested_at, outbox_id, archived_at, receipt from "
            "case_archive where case_id = :id",
      soci::use(id, "id"), soci::into(requested), soci::into(r.outbox_id),
      soci::into(archived, ind), soci::into(r.receipt);
  if (!lease->got_data()) return std::nullopt;
  r.requested_at = FromMillis(requested);
  if (ind == soci::i_ok) r.archived_at = FromMillis(archived);
  return r;
}

void RecordArchived(Database& db, const std::string& case_id,
                    const std::string& receipt, TimePoint now) {
  auto lease = db.Acquire();
  SqlParams p;
  p.Int("now", ToMillis(now)).Text("receipt", receipt).Text("id", case_id);
  ExecCount(*lease,
            "update case_archive set archived_at = :now, receipt = :receipt "
            "where case_id = :id and archived_at is null",
            p);
}

ArchiveStatus ArchiveStatusOf(Database& db, const std::string& tenant,
                              int limit) {
  ArchiveStatus out;
  auto lease = db.Acquire();
  std::string t = tenant;
  // Counted in one pass; an archive request whose outbox row is gone (the
  // outbox retention removed it) counts by its receipt alone.
  long long pending = 0, failed = 0, archived = 0;
  soci::indicator ip = soci::i_ok, iff = soci::i_ok, ia = soci::i_ok;
  *lease << "select "
            "sum(case when a.archived_at is null and coalesce(o.status, '') "
            "<> 'failed' then 1 else 0 end), "
            "sum(case when a.archived_at is null and o.status = 'failed' "
            "then 1 else 0 end), "
            "sum(case when a.archived_at is not null then 1 else 0 end) "
            "from case_archive a left join outbox o on o.id = a.outbox_id "
            "where a.tenant = :tenant",
      soci::use(t, "tenant"), soci::into(pending, ip), soci::into(failed, iff),
      soci::into(archived, ia);
  out.pending = ip == soci::i_ok ? pending : 0;
  out.failed = iff == soci::i_ok ? failed : 0;
  out.archived = ia == soci::i_ok ? archived : 0;

  std::string reference, status, error;
  long long attempts = 0, base = 0, next = 0, lim = std::max(1, limit);
  soci::indicator ir = soci::i_ok;
  soci::statement st(*lease);
  st.exchange(soci::into(reference, ir));
  st.exchange(soci::into(attempts));
  st.exchange(soci::into(base));
  st.exchange(soci::into(status));
  st.exchange(soci::into(error));
  st.exchange(soci::into(next));
  st.exchange(soci::use(t, "tenant"));
  st.exchange(soci::use(lim, "lim"));
  PrepareOnce(st,
              "select c.reference, o.attempts, o.attempt_base, o.status, "
              "o.last_error, o.next_attempt_at from case_archive a "
              "join outbox o on o.id = a.outbox_id "
              "left join cases c on c.id = a.case_id "
              "where a.tenant = :tenant and a.archived_at is null "
              "and o.last_error <> '' order by a.requested_at, a.case_id "
              "limit :lim");
  st.execute();
  while (st.fetch()) {
    ArchiveFailure f;
    f.reference = ir == soci::i_ok ? reference : "";
    f.attempts = static_cast<int>(attempts - base);
    f.status = status;
    f.last_error = error;
    if (status == "pending") f.next_attempt_at = FromMillis(next);
    out.failures.push_back(std::move(f));
  }
  return out;
}

}  // namespace stafett::store
