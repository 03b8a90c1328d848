// CaseStore's reads: one statement each, no transaction (a single
// statement sees one consistent snapshot on both backends).
#include <algorithm>
#include <stdexcept>

#include <soci/soci.h>

#include "engine/visibility.h"
#include "store/cases/case_codec.h"
#include "store/cases/case_row.h"
#include "store/cases/case_store.h"
#include "store/cases/journal_rows.h"
#include "store/sql/pg_exec.h"
#include "store/sql/sql_params.h"

namespace stafett::store {

namespace {

std::optional<TimePoint> OptTime(long long v, soci::indicator ind) {
  if (ind != soci::i_ok) return std::nullopt;
  return FromMillis(v);
}

std::string OptText(const std::string& v, soci::indicator ind) {
  return ind == soci::i_ok ? v : std::string();
}

}  // namespace

std::optional<engine::Snapshot> CaseStore::GetCase(const std::string& tenant,
                                                   const std::string& case_id) {
  auto lease = db_.Acquire();
  auto row = LoadCase(*lease, tenant, case_id);
  if (!row) return std::nullopt;
  return std::move(row->snapshot);
}

std::optional<engine::Snapshot> CaseStore::GetCaseByReference(
    const std::string& tenant, const std::string& reference) {
  auto lease = db_.Acquire();
  CaseRowReader reader;
  soci::statement st(*lease);
  reader.Bind(st);
  std::string t = tenant, ref = reference;
  st.exchange(soci::use(t, "tenant"));
  st.exchange(soci::use(ref, "reference"));
  PrepareOnce(st, std::string("select ") + kCaseColumns +
                      " from cases where tenant = :tenant and reference = "
                      ":reference");
  if (!st.execute(true)) return std::nullopt;
  return reader.Row().snapshot;
}

std::vector<StoredJournalEntry> CaseStore::Journal(const std::string& tenant,
                                                   const std::string& case_id) {
  auto lease = db_.Acquire();
  std::vector<StoredJournalEntry> out;
  std::string t = tenant, id = case_id;
  JournalRowReader row;
  soci::statement st(*lease);
  row.Bind(st);
  st.exchange(soci::use(id, "case_id"));
  st.exchange(soci::use(t, "tenant"));
  PrepareOnce(st, std::string("select ") + kJournalColumns +
                      " from journal where case_id = :case_id and tenant = "
                      ":tenant order by seq");
  st.execute();
  while (st.fetch()) {
    if (!row.RoleKnown()) {
      throw std::runtime_error("store: unknown role in journal of case " + id);
    }
    out.push_back(row.Row());
  }
  return out;
}

std::vector<StepVisitRow> CaseStore::StepVisits(const std::string& tenant,
                                                const std::string& case_id) {
  auto lease = db_.Acquire();
  std::vector<StepVisitRow> out;
  StepVisitRow v;
  long long entered = 0, due = 0, left = 0;
  soci::indicator due_ind = soci::i_null, left_ind = soci::i_null;
  std::string t = tenant, id = case_id;
  soci::statement st(*lease);
  st.exchange(soci::into(v.case_id));
  st.exchange(soci::into(v.seq));
  st.exchange(soci::into(v.tenant));
  st.exchange(soci::into(v.routine_id));
  st.exchange(soci::into(v.routine_version));
  st.exchange(soci::into(v.step));
  st.exchange(soci::into(v.kind));
  st.exchange(soci::into(v.level));
  st.exchange(soci::into(v.service));
  st.exchange(soci::into(entered));
  st.exchange(soci::into(due, due_ind));
  st.exchange(soci::into(left, left_ind));
  st.exchange(soci::into(v.outcome));
  st.exchange(soci::use(id, "case_id"));
  st.exchange(soci::use(t, "tenant"));
  PrepareOnce(st,
              "select case_id, seq, tenant, routine_id, routine_version, "
              "step, kind, level, service, entered_at, due_at, left_at, "
              "outcome from step_visits where case_id = :case_id and tenant "
              "= :tenant order by seq");
  st.execute();
  while (st.fetch()) {
    StepVisitRow r = v;
    r.entered_at = FromMillis(entered);
    r.due_at = OptTime(due, due_ind);
    r.left_at = OptTime(left, left_ind);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<DeadlineRow> CaseStore::Deadlines(const std::string& tenant,
                                              const std::string& case_id) {
  auto lease = db_.Acquire();
  std::vector<DeadlineRow> out;
  DeadlineRow d;
  long long due = 0, next = 0, lease_until = 0, fired = 0, updated = 0;
  soci::indicator next_ind = soci::i_null, owner_ind = soci::i_null,
                  until_ind = soci::i_null, fired_ind = soci::i_null;
  std::string owner;
  std::string t = tenant, id = case_id;
  soci::statement st(*lease);
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
  st.exchange(soci::use(id, "case_id"));
  st.exchange(soci::use(t, "tenant"));
  PrepareOnce(st,
              "select case_id, kind, tenant, due_at, next_fire_at, stage, "
              "lease_owner, lease_until, fired_at, updated_at from deadlines "
              "where case_id = :case_id and tenant = :tenant order by kind");
  st.execute();
  while (st.fetch()) {
    DeadlineRow r = d;
    r.due_at = FromMillis(due);
    // next_fire_at is NULL once every stage has fired; report it as due_at.
    r.next_fire_at = next_ind == soci::i_ok ? FromMillis(next) : r.due_at;
    r.lease_owner = OptText(owner, owner_ind);
    r.lease_until = OptTime(lease_until, until_ind);
    r.fired_at = OptTime(fired, fired_ind);
    r.updated_at = FromMillis(updated);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<OutboxRow> CaseStore::Outbox(const std::string& tenant,
                                         const std::string& case_id) {
  auto lease = db_.Acquire();
  std::vector<OutboxRow> out;
  OutboxRow o;
  long long created = 0, next = 0, until = 0, delivered = 0;
  soci::indicator owner_ind = soci::i_null, until_ind = soci::i_null,
                  delivered_ind = soci::i_null;
  std::string owner;
  std::string t = tenant, id = case_id;
  soci::statement st(*lease);
  st.exchange(soci::into(o.id));
  st.exchange(soci::into(o.tenant));
  st.exchange(soci::into(o.case_id));
  st.exchange(soci::into(o.service));
  st.exchange(soci::into(o.event));
  st.exchange(soci::into(o.payload_json));
  st.exchange(soci::into(created));
  st.exchange(soci::into(o.status));
  st.exchange(soci::into(o.attempts));
  st.exchange(soci::into(next));
  st.exchange(soci::into(owner, owner_ind));
  st.exchange(soci::into(until, until_ind));
  st.exchange(soci::into(o.last_error));
  st.exchange(soci::into(delivered, delivered_ind));
  st.exchange(soci::use(id, "case_id"));
  st.exchange(soci::use(t, "tenant"));
  PrepareOnce(st,
              "select id, tenant, case_id, service, event, payload_json, "
              "created_at, status, attempts, next_attempt_at, lease_owner, "
              "lease_until, last_error, delivered_at from outbox where "
              "case_id = :case_id and tenant = :tenant order by created_at, "
              "event, service, id");
  st.execute();
  while (st.fetch()) {
    OutboxRow r = o;
    r.created_at = FromMillis(created);
    r.next_attempt_at = FromMillis(next);
    r.lease_owner = OptText(owner, owner_ind);
    r.lease_until = OptTime(until, until_ind);
    r.delivered_at = OptTime(delivered, delivered_ind);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<AccessRecord> CaseStore::AccessLog(const std::string& tenant,
                                               const std::string& case_id) {
  auto lease = db_.Acquire();
  std::vector<AccessRecord> out;
  AccessRecord a;
  std::string role;
  long long at = 0;
  std::string t = tenant, id = case_id;
  soci::statement st(*lease);
  st.exchange(soci::into(a.tenant));
  st.exchange(soci::into(a.case_id));
  st.exchange(soci::into(a.actor_service));
  st.exchange(soci::into(role));
  st.exchange(soci::into(at));
  st.exchange(soci::into(a.action));
  st.exchange(soci::into(a.reason));
  st.exchange(soci::into(a.actor_person));
  st.exchange(soci::use(t, "tenant"));
  st.exchange(soci::use(id, "case_id"));
  PrepareOnce(st,
              "select tenant, case_id, actor_service, actor_role, at, action, "
              "reason, actor_person from access_log where tenant = :tenant and "
              "case_id = "
              ":case_id order by at, id");
  st.execute();
  while (st.fetch()) {
    AccessRecord r = a;
    r.actor_role = ParseRoleText(role);
    r.at = FromMillis(at);
    out.push_back(std::move(r));
  }
  return out;
}

namespace {

// kCaseColumns with every column qualified by `alias`.
std::string QualifiedCaseColumns(const std::string& alias) {
  std::string out, col;
  for (const char* c = kCaseColumns;; ++c) {
    if (*c == ',' || *c == '\0') {
      out += (out.empty() ? "" : ", ") + alias + "." + col;
      col.clear();
      if (*c == '\0') break;
    } else if (*c != ' ') {
      col += *c;
    }
  }
  return out;
}

}  // namespace

Result<WorklistPage> CaseStore::Worklist(const std::string& tenant,
                                         const WorklistFilter& f) {
  const int limit = std::clamp(f.limit, 1, 500);
  SqlParams p;
  // A service's list reads its case_visibility rows
  // (store/cases/case_visibility.h) in the order of case_visibility_list (or
  // _work, for a worker's own work): every filter but the reference is a column
  // of the row, so the LIMIT stops after `limit` matching rows and joins only
  // those to cases. Without seen_by (tests, tools) the query reads cases alone.
  const bool sight = f.seen_by.has_value();
  const std::string k = sight ? "v." : "";  // the keyset's table
  std::string from = "cases";
  std::string where;
  if (sight) {
    from = "case_visibility v join cases c on c.id = v.case_id";
    where = "v.tenant = :tenant and v.service = :seen_by";
    if (f.work_only) where += " and v.work = 1";
    where += " and v.seen_through >= :today";
    p.Text("tenant", tenant)
        .Text("seen_by", *f.seen_by)
        .Text("today", engine::SightDate(f.now));
  } else {
    where = "tenant = :tenant";
    p.Text("tenant", tenant);
  }
  // Only the filters given become predicates, so each query shape matches
  // an index (docs/store.md); values are always bound.
  if (f.status) {
    where += " and " + k + "status = :status";
    p.Text("status", StatusText(*f.status));
  }
  if (f.responsible_service) {
    where += " and " + k + "responsible_service = :service";
    p.Text("service", *f.responsible_service);
  }
  if (f.step) {
    where += " and " + k + "step = :step";
    p.Text("step", *f.step);
  }
  if (f.level) {
    where += " and " + k + "level = :level";
    p.Int("level", *f.level);
  }
  if (f.reference) {
    // cases_reference_unique (tenant, reference) serves this.
    where +=
        std::string(" and ") + (sight ? "c." : "") + "reference = :reference";
    p.Text("reference", *f.reference);
    if (sight) {
      where += " and c.tenant = :tenant2";
      p.Text("tenant2", tenant);
    }
  }
  const std::string id = sight ? "v.case_id" : "id";
  if (f.overdue_only) {
    // worklist_due is the deadline or kNoDeadline, so no NULL test needed.
    where += " and " + k + "worklist_due < :now";
    p.Int("now", ToMillis(f.now));
  }
  if (!f.cursor.empty()) {
    auto cur = DecodeCursor(f.cursor);
    if (!cur) return Status::Invalid("ugyldig markør (cursor)", "cursor");
    where +=
        " and (" + k + "worklist_due, " + id + ") > (:after_due, :after_id)";
    p.Int("after_due", cur->first).Text("after_id", cur->second);
  }
  // One row more than asked tells whether another page exists.
  p.Int("limit", limit + 1);
  static const std::string kQualified = QualifiedCaseColumns("c");
  const std::string query = std::string("select ") +
                            (sight ? kQualified : kCaseColumns) + " from " +
                            from + " where " + where + " order by " + k +
                            "worklist_due, " + id + " limit :limit";

  auto lease = db_.Acquire();
  WorklistPage page;
  CaseRowReader reader;
  auto add = [&](std::int64_t& last_due) {
    if (static_cast<int>(page.cases.size()) == limit) {
      page.next_cursor = EncodeCursor(last_due, page.cases.back().case_id);
      return false;
    }
    CaseRow row = reader.Row();
    last_due = row.worklist_due;
    page.cases.push_back(std::move(row.snapshot));
    return true;
  };
  std::int64_t last_due = 0;
  if (IsPostgres(*lease)) {
    // Prepared once per pooled session (store/sql/pg_exec.h): the worklist is
    // the hottest read.
    const PgResult r = PgExec(*lease, query, p);
    for (int i = 0; i < r.rows(); ++i) {
      reader.ReadPg(r, i);
      if (!add(last_due)) break;
    }
    return page;
  }
  soci::statement st(*lease);
  reader.Bind(st);
  p.BindTo(st);
  PrepareOnce(st, query);
  st.execute();
  while (st.fetch()) {
    if (!add(last_due)) break;
  }
  return page;
}

}  // namespace stafett::store
