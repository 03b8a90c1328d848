#include "store/work/outbox_store.h"

#include <algorithm>
#include <charconv>

#include <soci/soci.h>

#include "core/ids.h"
#include "store/sql/sql_params.h"
#include "store/sql/sql_util.h"
#include "store/work/next_due.h"

namespace stafett::store {

namespace {

const char* const kColumns =
    "id, tenant, case_id, service, audience, event, payload_json, "
    "created_at, status, attempts, attempt_base, next_attempt_at, "
    "lease_owner, lease_until, last_error, delivered_at, channels_done, "
    "delivered_by";

// Host variables for one row of kColumns.
class Reader {
 public:
  void Bind(soci::statement& st) {
    st.exchange(soci::into(m_.id));
    st.exchange(soci::into(m_.tenant));
    st.exchange(soci::into(m_.case_id));
    st.exchange(soci::into(m_.service));
    st.exchange(soci::into(m_.audience));
    st.exchange(soci::into(m_.event));
    st.exchange(soci::into(m_.payload_json));
    st.exchange(soci::into(created_at_));
    st.exchange(soci::into(m_.status));
    st.exchange(soci::into(m_.attempts));
    st.exchange(soci::into(m_.attempt_base));
    st.exchange(soci::into(next_attempt_at_));
    st.exchange(soci::into(lease_owner_, lease_owner_ind_));
    st.exchange(soci::into(lease_until_, lease_until_ind_));
    st.exchange(soci::into(m_.last_error));
    st.exchange(soci::into(delivered_at_, delivered_at_ind_));
    st.exchange(soci::into(channels_done_));
    st.exchange(soci::into(m_.delivered_by));
  }

  OutboxMessage Row() const {
    OutboxMessage m = m_;
    m.created_at = FromMillis(created_at_);
    m.next_attempt_at = FromMillis(next_attempt_at_);
    m.lease_owner = lease_owner_ind_ == soci::i_ok ? lease_owner_ : "";
    if (lease_until_ind_ == soci::i_ok)
      m.lease_until = FromMillis(lease_until_);
    if (delivered_at_ind_ == soci::i_ok) {
      m.delivered_at = FromMillis(delivered_at_);
    }
    m.channels_done = DecodeList(channels_done_);
    return m;
  }

 private:
  OutboxMessage m_;
  long long created_at_ = 0, next_attempt_at_ = 0, lease_until_ = 0,
            delivered_at_ = 0;
  std::string lease_owner_, channels_done_;
  soci::indicator lease_owner_ind_ = soci::i_null,
                  lease_until_ind_ = soci::i_null,
                  delivered_at_ind_ = soci::i_null;
};

std::vector<OutboxMessage> FetchAll(soci::session& sql,
                                    const std::string& query,
                                    SqlParams& params) {
  Reader reader;
  soci::statement st(sql);
  reader.Bind(st);
  params.BindTo(st);
  PrepareOnce(st, query);
  std::vector<OutboxMessage> out;
  st.execute();
  while (st.fetch()) out.push_back(reader.Row());
  return out;
}

// Cursor of the failed list: "<created_at>.<id>" of the last row shown.
std::string MakeCursor(const OutboxMessage& m) {
  return std::to_string(ToMillis(m.created_at)) + "." + m.id;
}

bool ParseCursor(const std::string& c, long long* created_at, std::string* id) {
  std::size_t dot = c.find('.');
  if (dot == std::string::npos || dot == 0 || dot > 19) return false;
  for (std::size_t i = 0; i < dot; ++i) {
    if (c[i] < '0' || c[i] > '9') return false;
  }
  // from_chars, not stoll: 19 digits can exceed long long, and stoll's
  // out_of_range would be a 500 (found by tests/fuzz/fuzz_headers).
  auto [ptr, ec] = std::from_chars(c.data(), c.data() + dot, *created_at);
  if (ec != std::errc() || ptr != c.data() + dot) return false;
  *id = c.substr(dot + 1);
  return IsWellFormedId(*id);
}

}  // namespace

OutboxStore::OutboxStore(Database& db) : db_(db) {}

std::vector<OutboxMessage> OutboxStore::Claim(const std::string& owner,
                                              TimePoint now, Millis lease,
                                              int limit) {
  auto session = db_.Acquire();
  soci::session& sql = *session;
  WriteTransaction tx(sql, db_.dialect());
  SqlParams p;
  p.Text("owner", owner)
      .Int("until", ToMillis(now + lease))
      .Int("now", ToMillis(now))
      .Int("limit", std::max(1, limit));
  // The candidates are chosen and leased in one statement. On PostgreSQL
  // SKIP LOCKED makes a concurrent claimer pass over rows another claimer
  // has selected but not yet committed, instead of waiting for it and then
  // finding them leased.
  const std::string lock = SkipLockedClause(db_.dialect());
  auto rows = FetchAll(
      sql,
      std::string("update outbox set lease_owner = :owner, lease_until = "
                  ":until, attempts = attempts + 1 where id in (select id "
                  "from outbox where status = 'pending' and next_attempt_at "
                  "<= :now and (lease_until is null or lease_until < :now) "
                  "order by next_attempt_at, id limit :limit") +
          lock + ") returning " + kColumns,
      p);
  tx.Commit();
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.next_attempt_at != b.next_attempt_at
               ? a.next_attempt_at < b.next_attempt_at
               : a.id < b.id;
  });
  return rows;
}

bool OutboxStore::RenewLease(const std::string& id, const std::string& owner,
                             TimePoint until) {
  auto session = db_.Acquire();
  SqlParams p;
  p.Int("until", ToMillis(until)).Text("id", id).Text("owner", owner);
  return ExecCount(*session,
                   "update outbox set lease_until = :until where id = :id "
                   "and lease_owner = :owner and status = 'pending'",
                   p) == 1;
}

bool OutboxStore::Release(const std::string& id, const std::string& owner) {
  auto session = db_.Acquire();
  SqlParams p;
  p.Text("id", id).Text("owner", owner);
  return ExecCount(*session,
                   "update outbox set lease_owner = null, lease_until = null, "
                   "attempts = attempts - 1 where id = :id and lease_owner = "
                   ":owner and status = 'pending'",
                   p) == 1;
}

bool OutboxStore::Finish(const std::string& id, const std::string& owner,
                         const AttemptOutcome& o, TimePoint now) {
  auto session = db_.Acquire();
  soci::session& sql = *session;
  WriteTransaction tx(sql, db_.dialect());
  SqlParams p;
  p.Text("done", EncodeList(o.channels_done))
      .Text("id", id)
      .Text("owner", owner);
  std::string set;
  switch (o.kind) {
    case AttemptOutcome::Kind::kDelivered:
      set =
          "status = 'delivered', delivered_at = :now, delivered_by = "
          ":owner, last_error = ''";
      p.Int("now", ToMillis(now));
      break;
    case AttemptOutcome::Kind::kRetry:
      set = "next_attempt_at = :next, last_error = :error";
      p.Int("next", ToMillis(o.next_attempt_at)).Text("error", o.error);
      break;
    case AttemptOutcome::Kind::kFailed:
      set = "status = 'failed', last_error = :error";
      p.Text("error", o.error);
      break;
  }
  if (ExecCount(sql,
                "update outbox set " + set +
                    ", channels_done = :done, lease_owner = null, "
                    "lease_until = null where id = :id and lease_owner = "
                    ":owner and status = 'pending'",
                p) != 1) {
    return false;  // the destructor rolls back (nothing was written)
  }
  BumpCounters(sql, o.counters);
  tx.Commit();
  return true;
}

std::optional<TimePoint> OutboxStore::NextDue() {
  // outbox_by_status_due gives the order (store/work/next_due.h).
  return NextDueOf(db_,
                   "select next_attempt_at, lease_until from outbox where "
                   "status = 'pending' order by next_attempt_at");
}

Result<FailedPage> OutboxStore::List(const std::string& tenant,
                                     const std::string& status, int limit,
                                     const std::string& cursor) {
  limit = std::clamp(limit, 1, 200);
  SqlParams p;
  p.Text("tenant", tenant).Text("status", status).Int("limit", limit + 1);
  std::string q = std::string("select ") + kColumns +
                  " from outbox where tenant = :tenant and status = :status";
  if (!cursor.empty()) {
    long long at = 0;
    std::string id;
    if (!ParseCursor(cursor, &at, &id)) {
      return Status::Invalid("ukjent markør (cursor)", "cursor");
    }
    // Keyset paging on (created_at, id) descending.
    q += " and (created_at < :at or (created_at = :at2 and id < :cid))";
    p.Int("at", at).Int("at2", at).Text("cid", id);
  }
  q += " order by created_at desc, id desc limit :limit";
  auto session = db_.Acquire();
  FailedPage page;
  page.items = FetchAll(*session, q, p);
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(limit);
    page.next_cursor = MakeCursor(page.items.back());
  }
  return page;
}

std::optional<OutboxMessage> OutboxStore::Get(const std::string& tenant,
                                              const std::string& id) {
  auto session = db_.Acquire();
  SqlParams p;
  p.Text("tenant", tenant).Text("id", id);
  auto rows = FetchAll(*session,
                       std::string("select ") + kColumns +
                           " from outbox where tenant = :tenant and id = :id",
                       p);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

Result<OutboxMessage> OutboxStore::Retry(const std::string& tenant,
                                         const std::string& id, TimePoint now) {
  auto session = db_.Acquire();
  soci::session& sql = *session;
  WriteTransaction tx(sql, db_.dialect());
  SqlParams p;
  p.Int("now", ToMillis(now)).Text("tenant", tenant).Text("id", id);
  auto rows = FetchAll(
      sql,
      std::string("update outbox set status = 'pending', next_attempt_at = "
                  ":now, attempt_base = attempts, lease_owner = null, "
                  "lease_until = null where tenant = :tenant and id = :id "
                  "and status = 'failed' returning ") +
          kColumns,
      p);
  if (rows.empty()) {
    tx.Rollback();
    SqlParams q;
    q.Text("tenant", tenant).Text("id", id);
    auto existing =
        FetchAll(sql,
                 std::string("select ") + kColumns +
                     " from outbox where tenant = :tenant and id = :id",
                 q);
    if (existing.empty())
      return Status::NotFound("Varselet finnes ikke i kommunen.");
    return Status::NotAllowed("Varselet har status «" +
                              existing.front().status +
                              "»; bare varsler som har feilet kan sendes på "
                              "nytt.");
  }
  BumpCounters(sql, {{"stafett_notification_manual_retries_total", "", 1}});
  tx.Commit();
  return rows.front();
}

NotifyStats OutboxStore::Stats() {
  auto session = db_.Acquire();
  soci::session& sql = *session;
  NotifyStats s;
  s.outbox_by_status = {{"pending", 0}, {"delivered", 0}, {"failed", 0}};
  {
    std::string status;
    long long n = 0;
    soci::statement st = (sql.prepare << "select status, count(*) as n from "
                                         "outbox group by status",
                          soci::into(status), soci::into(n));
    st.execute();
    while (st.fetch()) s.outbox_by_status[status] = n;
  }
  {
    long long oldest = 0, firing = 0, scheduled = 0;
    soci::indicator oldest_ind = soci::i_null, firing_ind = soci::i_null;
    sql << "select (select min(created_at) from outbox where status = "
           "'pending') as oldest, (select min(next_fire_at) from deadlines "
           "where next_fire_at is not null) as firing, (select count(*) "
           "from deadlines where next_fire_at is not null) as scheduled",
        soci::into(oldest, oldest_ind), soci::into(firing, firing_ind),
        soci::into(scheduled);
    if (oldest_ind == soci::i_ok)
      s.oldest_pending_created_at = FromMillis(oldest);
    if (firing_ind == soci::i_ok) s.oldest_due_firing = FromMillis(firing);
    s.deadlines_scheduled = scheduled;
  }
  {
    std::string name, labels;
    long long value = 0;
    soci::statement st =
        (sql.prepare << "select name, labels, value from notify_counters",
         soci::into(name), soci::into(labels), soci::into(value));
    st.execute();
    while (st.fetch()) s.counters[name][labels] = value;
  }
  return s;
}

std::vector<OutboxMessage> OutboxStore::ForCase(const std::string& case_id) {
  auto session = db_.Acquire();
  SqlParams p;
  p.Text("case_id", case_id);
  return FetchAll(*session,
                  std::string("select ") + kColumns +
                      " from outbox where case_id = :case_id order by "
                      "created_at, id",
                  p);
}

void InsertOutboxMessages(soci::session& sql,
                          const std::vector<NewOutboxMessage>& rows,
                          TimePoint now) {
  if (rows.empty()) return;
  SqlParams p;
  std::string values;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const NewOutboxMessage& r = rows[i];
    const std::string n = std::to_string(i);
    if (i) values += ", ";
    values += "(:id" + n + ", :tenant" + n + ", :case_id" + n + ", :service" +
              n + ", :audience" + n + ", :event" + n + ", :payload" + n +
              ", :now, 'pending', 0, :now)";
    p.Text("id" + n, r.id)
        .Text("tenant" + n, r.tenant)
        .Text("case_id" + n, r.case_id)
        .Text("service" + n, r.service)
        .Text("audience" + n, r.audience)
        .Text("event" + n, r.event)
        .Text("payload" + n, r.payload_json);
  }
  p.Int("now", ToMillis(now));
  ExecCount(sql,
            "insert into outbox (id, tenant, case_id, service, audience, "
            "event, payload_json, created_at, status, attempts, "
            "next_attempt_at) values " +
                values,
            p);
}

void BumpCounters(soci::session& sql, const std::vector<CounterDelta>& deltas) {
  // One row per key: PostgreSQL refuses an upsert that touches a row twice.
  std::map<std::pair<std::string, std::string>, std::int64_t> merged;
  for (const auto& d : deltas) merged[{d.name, d.labels}] += d.delta;
  if (merged.empty()) return;
  SqlParams p;
  std::string values;
  int i = 0;
  for (const auto& [key, delta] : merged) {
    const std::string n = std::to_string(i++);
    if (!values.empty()) values += ", ";
    values += "(:name" + n + ", :labels" + n + ", :value" + n + ")";
    p.Text("name" + n, key.first)
        .Text("labels" + n, key.second)
        .Int("value" + n, delta);
  }
  ExecCount(sql,
            "insert into notify_counters (name, labels, value) values " +
                values +
                " on conflict (name, labels) do update set value = "
                "notify_counters.value + excluded.value",
            p);
}

}  // namespace stafett::store
