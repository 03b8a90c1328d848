#include "store/work/deadline_store.h"

#include <algorithm>

#include <soci/soci.h>

#include "store/cases/case_row.h"
#include "store/cases/decision_history.h"
#include "store/sql/sql_params.h"
#include "store/work/next_due.h"

namespace stafett::store {

namespace {

constexpr int kMaxAttempts = 4;  // the first try and 3 retries

const char* const kColumns =
    "case_id, kind, tenant, due_at, next_fire_at, stage, lease_owner, "
    "lease_until, fired_at, updated_at";

std::vector<DeadlineRow> FetchRows(soci::session& sql, const std::string& q,
                                   SqlParams& params) {
  DeadlineRow d;
  long long due = 0, next = 0, lease_until = 0, fired = 0, updated = 0;
  soci::indicator next_ind = soci::i_null, owner_ind = soci::i_null,
                  until_ind = soci::i_null, fired_ind = soci::i_null;
  std::string owner;
  soci::statement st(sql);
  st.exchange(soci::into(d.case_id));
  st.exchange(soci::into(d.kind));
  st.exchange(soci::into(d.tenant));
  st.exchange(soci::into(due));
  st.exchange(soci::into(next, next_ind));
  st.exchange(soci::into(d.stage));
  st.exchange(soci::into(owner, owner_ind));
  st.exchange(soci::into(lease_until, until_ind));
  st.exchange(soci::into(fired, fired_ind));
  st.exchange(soci::into(updated));
  params.BindTo(st);
  PrepareOnce(st, q);
  std::vector<DeadlineRow> out;
  st.execute();
  while (st.fetch()) {
    DeadlineRow r = d;
    r.due_at = FromMillis(due);
    // Claimed rows always have a next firing; keep CaseStore's convention
    // (due_at) for the NULL of a finished row.
    r.next_fire_at = next_ind == soci::i_ok ? FromMillis(next) : r.due_at;
    r.lease_owner = owner_ind == soci::i_ok ? owner : "";
    if (until_ind == soci::i_ok) r.lease_until = FromMillis(lease_until);
    if (fired_ind == soci::i_ok) r.fired_at = FromMillis(fired);
    r.updated_at = FromMillis(updated);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

DeadlineStore::DeadlineStore(Database& db) : db_(db) {}

std::vector<DeadlineRow> DeadlineStore::Claim(const std::string& owner,
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
  const std::string lock = SkipLockedClause(db_.dialect());
  auto rows = FetchRows(
      sql,
      std::string("update deadlines set lease_owner = :owner, lease_until = "
                  ":until where (case_id, kind) in (select case_id, kind "
                  "from deadlines where next_fire_at is not null and "
                  "next_fire_at <= :now and (lease_until is null or "
                  "lease_until < :now) order by next_fire_at, case_id, kind "
                  "limit :limit") +
          lock + ") returning " + kColumns,
      p);
  tx.Commit();
  // Fire in planned order (RETURNING gives no order).
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    if (a.next_fire_at != b.next_fire_at)
      return a.next_fire_at < b.next_fire_at;
    if (a.case_id != b.case_id) return a.case_id < b.case_id;
    return a.kind < b.kind;
  });
  return rows;
}

DeadlineStore::Outcome DeadlineStore::Process(const DeadlineRow& row,
                                              const std::string& owner,
                                              TimePoint now,
                                              const DeadlineDecider& decide) {
  auto session = db_.Acquire();
  soci::session& sql = *session;
  for (int attempt = 1;; ++attempt) {
    WriteTransaction tx(sql, db_.dialect());
    std::optional<CaseRow> current = LoadCase(sql, row.tenant, row.case_id);
    if (!current) return Outcome::kCaseGone;
    DeadlineStep step = decide(row, current->snapshot);

    // The case row first (the lock order of CaseStore's commands).
    std::vector<StoredJournalEntry> journal;
    engine::Decision d;
    if (step.journal) {
      d.snapshot = current->snapshot;
      d.snapshot.version = current->snapshot.version + 1;
      d.journal.push_back(*step.journal);
      journal = ChainJournal(d.snapshot, current->journal_seq,
                             current->journal_head, d.journal);
      if (!UpdateCase(sql, d.snapshot, current->snapshot.version, now,
                      journal.back().seq, journal.back().hash)) {
        // A command on the case committed since LoadCase (PostgreSQL).
        tx.Rollback();
        if (attempt < kMaxAttempts) continue;
        return Outcome::kLostLease;  // the lease runs out; retried later
      }
    }

    SqlParams p;
    p.Int("stage", step.stage)
        .OptInt("next", step.next_fire_at ? std::optional<long long>(
                                                ToMillis(*step.next_fire_at))
                                          : std::nullopt)
        .OptInt("fired", step.firing ? std::optional<long long>(ToMillis(now))
                                     : std::nullopt)
        .Text("case_id", row.case_id)
        .Text("kind", row.kind)
        .Text("owner", owner)
        .Int("due", ToMillis(row.due_at))
        .Int("old_stage", row.stage);
    if (ExecCount(sql,
                  "update deadlines set stage = :stage, next_fire_at = :next, "
                  "fired_at = coalesce(:fired, fired_at), lease_owner = null, "
                  "lease_until = null where case_id = :case_id and kind = "
                  ":kind and lease_owner = :owner and due_at = :due and stage "
                  "= :old_stage",
                  p) != 1) {
      return Outcome::kLostLease;  // rolled back by the destructor
    }

    if (step.firing) {
      const DeadlineFiring& f = *step.firing;
      SqlParams fp;
      fp.Text("case_id", row.case_id)
          .Text("kind", row.kind)
          .Int("due", ToMillis(row.due_at))
          .Int("stage", f.stage)
          .Text("stage_name", f.stage_name)
          .Text("tenant", row.tenant)
          .Int("planned", ToMillis(f.planned_at))
          .Int("fired", ToMillis(now))
          .Text("worker", owner);
      if (ExecCount(sql,
                    "insert into deadline_firings (case_id, kind, due_at, "
                    "stage, stage_name, tenant, planned_at, fired_at, worker) "
                    "values (:case_id, :kind, :due, :stage, :stage_name, "
                    ":tenant, :planned, :fired, :worker) on conflict do "
                    "nothing",
                    fp) != 1) {
        return Outcome::kLostLease;  // this stage already fired
      }
    }
    if (!journal.empty()) {
      Status s = WriteHistory(sql, d, journal, now);
      if (!s.ok()) throw std::runtime_error(s.message());
    }
    InsertOutboxMessages(sql, step.notices, now);
    BumpCounters(sql, step.counters);
    tx.Commit();
    return Outcome::kDone;
  }
}

bool DeadlineStore::Release(const DeadlineRow& row, const std::string& owner) {
  auto session = db_.Acquire();
  SqlParams p;
  p.Text("case_id", row.case_id).Text("kind", row.kind).Text("owner", owner);
  return ExecCount(*session,
                   "update deadlines set lease_owner = null, lease_until = "
                   "null where case_id = :case_id and kind = :kind and "
                   "lease_owner = :owner",
                   p) == 1;
}

std::optional<TimePoint> DeadlineStore::NextDue() {
  // deadlines_by_next_fire gives the order (store/work/next_due.h).
  return NextDueOf(db_,
                   "select next_fire_at, lease_until from deadlines where "
                   "next_fire_at is not null order by next_fire_at");
}

std::vector<DeadlineFiring> DeadlineStore::Firings(const std::string& case_id) {
  auto session = db_.Acquire();
  DeadlineFiring f;
  long long due = 0, planned = 0, fired = 0;
  std::string id = case_id;
  soci::statement st(*session);
  st.exchange(soci::into(f.case_id));
  st.exchange(soci::into(f.kind));
  st.exchange(soci::into(due));
  st.exchange(soci::into(f.stage));
  st.exchange(soci::into(f.stage_name));
  st.exchange(soci::into(f.tenant));
  st.exchange(soci::into(planned));
  st.exchange(soci::into(fired));
  st.exchange(soci::into(f.worker));
  st.exchange(soci::use(id, "case_id"));
  PrepareOnce(st,
              "select case_id, kind, due_at, stage, stage_name, tenant, "
              "planned_at, fired_at, worker from deadline_firings where "
              "case_id = :case_id order by fired_at, kind, stage");
  std::vector<DeadlineFiring> out;
  st.execute();
  while (st.fetch()) {
    DeadlineFiring r = f;
    r.due_at = FromMillis(due);
    r.planned_at = FromMillis(planned);
    r.fired_at = FromMillis(fired);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace stafett::store
