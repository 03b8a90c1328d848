#include "store/case_row.h"

#include <map>

#include "core/ids.h"
#include "core/json_writer.h"
#include "store/case_codec.h"
#include "store/journal_hash.h"
#include "store/sql_params.h"
#include "store/sql_util.h"

namespace stafett::store {

const char* const kCaseColumns =
    "id, tenant, reference, routine_id, routine_version, routine_hash, "
    "version, status, closed_reason, step, level, reporter_service, "
    "responsible_service, sharing, consent_given_by, consent_services, "
    "consent_valid_until, consent_given_at, baton, baton_holder, "
    "baton_offered_to, age_band, categories, created_at, step_entered_at, "
    "due_at, worklist_due, visit_seq, child_welfare_reported_at, "
    "child_welfare_confirmed_at, journal_seq, journal_head";

namespace {

// The columns a write sets, in the order of the INSERT and the UPDATE.
// id and tenant are only inserted, never updated.
const char* const kWritten[] = {"reference",
                                "routine_id",
                                "routine_version",
                                "routine_hash",
                                "version",
                                "status",
                                "closed_reason",
                                "step",
                                "level",
                                "reporter_service",
                                "responsible_service",
                                "sharing",
                                "consent_given_by",
                                "consent_services",
                                "consent_valid_until",
                                "consent_given_at",
                                "baton",
                                "baton_holder",
                                "baton_offered_to",
                                "age_band",
                                "categories",
                                "created_at",
                                "updated_at",
                                "step_entered_at",
                                "due_at",
                                "worklist_due",
                                "visit_seq",
                                "child_welfare_reported_at",
                                "child_welfare_confirmed_at",
                                "journal_seq",
                                "journal_head"};

std::optional<long long> OptMillis(const std::optional<TimePoint>& t) {
  if (!t) return std::nullopt;
  return ToMillis(*t);
}

void AddCaseParams(SqlParams& p, const engine::Snapshot& s, TimePoint now,
                   std::int64_t journal_seq, const std::string& journal_head) {
  const engine::Consent* c = s.consent ? &*s.consent : nullptr;
  p.Text("reference", s.reference)
      .Text("routine_id", s.routine_id)
      .Int("routine_version", s.routine_version)
      .Text("routine_hash", s.routine_hash)
      .Int("version", s.version)
      .Text("status", StatusText(s.status))
      .Text("closed_reason", s.closed_reason)
      .Text("step", s.step)
      .Int("level", s.level)
      .Text("reporter_service", s.reporter_service)
      .Text("responsible_service", s.responsible_service)
      .Text("sharing", SharingText(s.sharing))
      .Text("consent_given_by", c ? c->given_by : "")
      .Text("consent_services", c ? JoinList(c->services) : "")
      .Text("consent_valid_until", c ? c->valid_until : "")
      .OptInt(
          "consent_given_at",
          c ? std::optional<long long>(ToMillis(c->given_at)) : std::nullopt)
      .Text("baton", BatonText(s.baton))
      .Text("baton_holder", s.baton_holder)
      .Text("baton_offered_to", s.baton_offered_to)
      .Text("age_band", s.age_band)
      .Text("categories", JoinList(s.categories))
      .Int("created_at", ToMillis(s.created_at))
      .Int("updated_at", ToMillis(now))
      .Int("step_entered_at", ToMillis(s.step_entered_at))
      .OptInt("due_at", OptMillis(s.due_at))
      .Int("worklist_due", s.due_at ? ToMillis(*s.due_at) : kNoDeadline)
      .Int("visit_seq", s.visit_seq)
      .OptInt("child_welfare_reported_at",
              OptMillis(s.child_welfare_reported_at))
      .OptInt("child_welfare_confirmed_at",
              OptMillis(s.child_welfare_confirmed_at))
      .Int("journal_seq", journal_seq)
      .Text("journal_head", journal_head);
}

const std::string& InsertCaseSql() {
  static const std::string sql = [] {
    std::string cols = "id, tenant", vals = ":id, :tenant";
    for (const char* c : kWritten) {
      cols += std::string(", ") + c;
      vals += std::string(", :") + c;
    }
    return "insert into cases (" + cols + ") values (" + vals + ")";
  }();
  return sql;
}

const std::string& UpdateCaseSql() {
  static const std::string sql = [] {
    std::string set;
    for (const char* c : kWritten) {
      if (!set.empty()) set += ", ";
      set += std::string(c) + " = :" + c;
    }
    return "update cases set " + set +
           " where id = :id and tenant = :tenant and version = :old_version";
  }();
  return sql;
}

std::string OutboxPayload(const engine::Snapshot& s, const engine::Effect& e) {
  // Only what a recipient needs to find the case in Stafett: never anything
  // about the child (no free text, no categories, no age band).
  JsonWriter w;
  w.BeginObject()
      .Field("event", e.event)
      .Field("tenant", s.tenant)
      .Field("case_id", s.case_id)
      .Field("reference", s.reference)
      .Field("step", s.step)
      .Field("level", s.level)
      .Field("service", e.service);
  w.Key("due_at");
  if (!e.deadline_kind.empty()) {
    w.String(FormatUtc(e.due_at));
  } else if (s.due_at) {
    w.String(FormatUtc(*s.due_at));
  } else {
    w.Null();
  }
  w.EndObject();
  return w.Take();
}

void InsertJournal(soci::session& sql,
                   const std::vector<StoredJournalEntry>& journal) {
  if (journal.empty()) return;
  SqlParams p;
  std::string q =
      "insert into journal (case_id, seq, tenant, kind, step, level, "
      "actor_service, actor_role, at, text, detail_json, prev_hash, hash) "
      "values ";
  for (std::size_t i = 0; i < journal.size(); ++i) {
    const auto& j = journal[i];
    const std::string n = std::to_string(i);
    if (i) q += ", ";
    q += "(:case_id" + n + ", :seq" + n + ", :tenant" + n + ", :kind" + n +
         ", :step" + n + ", :level" + n + ", :actor_service" + n +
         ", :actor_role" + n + ", :at" + n + ", :text" + n + ", :detail_json" +
         n + ", :prev_hash" + n + ", :hash" + n + ")";
    p.Text("case_id" + n, j.case_id)
        .Int("seq" + n, j.seq)
        .Text("tenant" + n, j.tenant)
        .Text("kind" + n, j.entry.kind)
        .Text("step" + n, j.entry.step)
        .Int("level" + n, j.entry.level)
        .Text("actor_service" + n, j.entry.actor_service)
        .Text("actor_role" + n, RoleText(j.entry.actor_role))
        .Int("at" + n, ToMillis(j.entry.at))
        .Text("text" + n, j.entry.text)
        .Text("detail_json" + n, j.entry.detail_json)
        .Text("prev_hash" + n, j.prev_hash)
        .Text("hash" + n, j.hash);
  }
  ExecCount(sql, q, p);
}

// Applies the deadline effects in order, collapsed to the final state per
// kind: one multi-row upsert and at most one delete.
void WriteDeadlines(soci::session& sql, const engine::Decision& d,
                    TimePoint now) {
  std::map<std::string, std::optional<TimePoint>> final_state;
  for (const auto& e : d.effects) {
    if (e.kind == engine::Effect::Kind::kSetDeadline) {
      final_state[e.deadline_kind] = e.due_at;
    } else if (e.kind == engine::Effect::Kind::kClearDeadline) {
      final_state[e.deadline_kind] = std::nullopt;
    }
  }
  if (final_state.empty()) return;
  const engine::Snapshot& s = d.snapshot;
  SqlParams set_params, clear_params;
  std::string set_values, clear_list;
  int n = 0;
  for (const auto& [kind, due] : final_state) {
    const std::string i = std::to_string(n++);
    if (due) {
      if (!set_values.empty()) set_values += ", ";
      set_values += "(:case_id, :kind" + i + ", :tenant, :due_at" + i +
                    ", :now, 0, :now)";
      set_params.Text("kind" + i, kind).Int("due_at" + i, ToMillis(*due));
    } else {
      if (!clear_list.empty()) clear_list += ", ";
      clear_list += ":kind" + i;
      clear_params.Text("kind" + i, kind);
    }
  }
  if (!set_values.empty()) {
    set_params.Text("case_id", s.case_id)
        .Text("tenant", s.tenant)
        .Int("now", ToMillis(now));
    // Stage 0 with next_fire_at = now hands the deadline to the notifier at
    // once (it knows the routine's reminder settings; the store does not).
    // An unchanged due time keeps the notifier's progress.
    ExecCount(sql,
              "insert into deadlines (case_id, kind, tenant, due_at, "
              "next_fire_at, stage, updated_at) values " +
                  set_values +
                  " on conflict (case_id, kind) do update set "
                  "due_at = excluded.due_at, next_fire_at = "
                  "excluded.next_fire_at, stage = 0, lease_owner = null, "
                  "lease_until = null, fired_at = null, updated_at = "
                  "excluded.updated_at where deadlines.due_at <> "
                  "excluded.due_at",
              set_params);
  }
  if (!clear_list.empty()) {
    clear_params.Text("case_id", s.case_id);
    ExecCount(sql,
              "delete from deadlines where case_id = :case_id and kind in (" +
                  clear_list + ")",
              clear_params);
  }
}

void WriteOutbox(soci::session& sql, const engine::Decision& d, TimePoint now) {
  SqlParams p;
  std::string values;
  int n = 0;
  for (const auto& e : d.effects) {
    if (e.kind != engine::Effect::Kind::kNotify) continue;
    const std::string i = std::to_string(n++);
    if (!values.empty()) values += ", ";
    values += "(:id" + i + ", :tenant, :case_id, :service" + i + ", :event" +
              i + ", :payload" + i + ", :now, 'pending', 0, :now)";
    p.Text("id" + i, NewId())
        .Text("service" + i, e.service)
        .Text("event" + i, e.event)
        .Text("payload" + i, OutboxPayload(d.snapshot, e));
  }
  if (n == 0) return;
  p.Text("tenant", d.snapshot.tenant)
      .Text("case_id", d.snapshot.case_id)
      .Int("now", ToMillis(now));
  ExecCount(sql,
            "insert into outbox (id, tenant, case_id, service, event, "
            "payload_json, created_at, status, attempts, next_attempt_at) "
            "values " +
                values,
            p);
}

}  // namespace

void CaseRowReader::Bind(soci::statement& st) {
  st.exchange(soci::into(id_));
  st.exchange(soci::into(tenant_));
  st.exchange(soci::into(reference_));
  st.exchange(soci::into(routine_id_));
  st.exchange(soci::into(routine_version_));
  st.exchange(soci::into(routine_hash_));
  st.exchange(soci::into(version_));
  st.exchange(soci::into(status_));
  st.exchange(soci::into(closed_reason_));
  st.exchange(soci::into(step_));
  st.exchange(soci::into(level_));
  st.exchange(soci::into(reporter_service_));
  st.exchange(soci::into(responsible_service_));
  st.exchange(soci::into(sharing_));
  st.exchange(soci::into(consent_given_by_));
  st.exchange(soci::into(consent_services_));
  st.exchange(soci::into(consent_valid_until_));
  st.exchange(soci::into(consent_given_at_, consent_given_at_ind_));
  st.exchange(soci::into(baton_));
  st.exchange(soci::into(baton_holder_));
  st.exchange(soci::into(baton_offered_to_));
  st.exchange(soci::into(age_band_));
  st.exchange(soci::into(categories_));
  st.exchange(soci::into(created_at_));
  st.exchange(soci::into(step_entered_at_));
  st.exchange(soci::into(due_at_, due_at_ind_));
  st.exchange(soci::into(worklist_due_));
  st.exchange(soci::into(visit_seq_));
  st.exchange(
      soci::into(child_welfare_reported_at_, child_welfare_reported_at_ind_));
  st.exchange(
      soci::into(child_welfare_confirmed_at_, child_welfare_confirmed_at_ind_));
  st.exchange(soci::into(journal_seq_));
  st.exchange(soci::into(journal_head_));
}

CaseRow CaseRowReader::Row() const {
  CaseRow r;
  engine::Snapshot& s = r.snapshot;
  s.case_id = id_;
  s.tenant = tenant_;
  s.reference = reference_;
  s.routine_id = routine_id_;
  s.routine_version = routine_version_;
  s.routine_hash = routine_hash_;
  s.version = version_;
  s.status = ParseStatusText(status_);
  s.closed_reason = closed_reason_;
  s.step = step_;
  s.level = level_;
  s.reporter_service = reporter_service_;
  s.responsible_service = responsible_service_;
  s.sharing = ParseSharingText(sharing_);
  if (consent_given_at_ind_ == soci::i_ok) {
    engine::Consent c;
    c.given_by = consent_given_by_;
    c.services = SplitList(consent_services_);
    c.valid_until = consent_valid_until_;
    c.given_at = FromMillis(consent_given_at_);
    s.consent = std::move(c);
  }
  s.baton = ParseBatonText(baton_);
  s.baton_holder = baton_holder_;
  s.baton_offered_to = baton_offered_to_;
  s.age_band = age_band_;
  s.categories = SplitList(categories_);
  s.created_at = FromMillis(created_at_);
  s.step_entered_at = FromMillis(step_entered_at_);
  if (due_at_ind_ == soci::i_ok) s.due_at = FromMillis(due_at_);
  s.visit_seq = visit_seq_;
  if (child_welfare_reported_at_ind_ == soci::i_ok) {
    s.child_welfare_reported_at = FromMillis(child_welfare_reported_at_);
  }
  if (child_welfare_confirmed_at_ind_ == soci::i_ok) {
    s.child_welfare_confirmed_at = FromMillis(child_welfare_confirmed_at_);
  }
  r.worklist_due = worklist_due_;
  r.journal_seq = journal_seq_;
  r.journal_head = journal_head_;
  return r;
}

std::optional<CaseRow> LoadCase(soci::session& sql, const std::string& tenant,
                                const std::string& case_id) {
  CaseRowReader reader;
  soci::statement st(sql);
  reader.Bind(st);
  std::string t = tenant, id = case_id;
  st.exchange(soci::use(id, "id"));
  st.exchange(soci::use(t, "tenant"));
  PrepareOnce(st, std::string("select ") + kCaseColumns +
                      " from cases where id = :id and tenant = :tenant");
  if (!st.execute(true)) return std::nullopt;
  return reader.Row();
}

Status ValidateDecision(const engine::Decision& d) {
  for (const auto& j : d.journal) {
    if (j.kind.empty()) {
      return Status(Code::kInternal, "journal entry without kind");
    }
  }
  for (const auto& e : d.effects) {
    if ((e.kind == engine::Effect::Kind::kSetDeadline ||
         e.kind == engine::Effect::Kind::kClearDeadline) &&
        !IsDeadlineKind(e.deadline_kind)) {
      return Status(Code::kInternal,
                    "unknown deadline kind '" + e.deadline_kind + "'");
    }
    if (e.kind == engine::Effect::Kind::kNotify &&
        (e.service.empty() || e.event.empty())) {
      return Status(Code::kInternal, "notify effect without service or event");
    }
  }
  for (const auto& item : d.snapshot.categories) {
    if (item.find(',') != std::string::npos) {
      return Status(Code::kInternal, "category contains ','");
    }
  }
  if (d.snapshot.consent) {
    for (const auto& item : d.snapshot.consent->services) {
      if (item.find(',') != std::string::npos) {
        return Status(Code::kInternal, "service id contains ','");
      }
    }
  }
  return Status::Ok();
}

std::vector<StoredJournalEntry> ChainJournal(
    const engine::Snapshot& snap, std::int64_t last_seq,
    const std::string& last_hash,
    const std::vector<engine::JournalEntry>& entries) {
  std::vector<StoredJournalEntry> out;
  out.reserve(entries.size());
  std::string prev = last_hash;
  std::int64_t seq = last_seq;
  for (const auto& e : entries) {
    StoredJournalEntry j;
    j.case_id = snap.case_id;
    j.seq = ++seq;
    j.tenant = snap.tenant;
    j.entry = e;
    j.prev_hash = prev;
    j.hash = JournalHash(prev, j);
    prev = j.hash;
    out.push_back(std::move(j));
  }
  return out;
}

void InsertCase(soci::session& sql, const engine::Snapshot& snap, TimePoint now,
                std::int64_t journal_seq, const std::string& journal_head) {
  SqlParams p;
  p.Text("id", snap.case_id).Text("tenant", snap.tenant);
  AddCaseParams(p, snap, now, journal_seq, journal_head);
  ExecCount(sql, InsertCaseSql(), p);
}

bool UpdateCase(soci::session& sql, const engine::Snapshot& snap,
                std::int64_t old_version, TimePoint now,
                std::int64_t journal_seq, const std::string& journal_head) {
  SqlParams p;
  AddCaseParams(p, snap, now, journal_seq, journal_head);
  p.Text("id", snap.case_id)
      .Text("tenant", snap.tenant)
      .Int("old_version", old_version);
  return ExecCount(sql, UpdateCaseSql(), p) == 1;
}

Status WriteHistory(soci::session& sql, const engine::Decision& d,
                    const std::vector<StoredJournalEntry>& journal,
                    TimePoint now) {
  const engine::Snapshot& s = d.snapshot;
  InsertJournal(sql, journal);
  if (d.left) {
    SqlParams p;
    p.Int("left_at", ToMillis(d.left->left_at))
        .Text("outcome", d.left->outcome)
        .Text("case_id", s.case_id)
        .Int("seq", d.left->seq);
    if (ExecCount(sql,
                  "update step_visits set left_at = :left_at, outcome = "
                  ":outcome where case_id = :case_id and seq = :seq and "
                  "left_at is null",
                  p) != 1) {
      return Status(Code::kInternal, "step visit " +
                                         std::to_string(d.left->seq) +
                                         " to leave is not open");
    }
  }
  if (d.entered) {
    const engine::StepVisitEnter& e = *d.entered;
    SqlParams p;
    p.Text("case_id", s.case_id)
        .Int("seq", e.seq)
        .Text("tenant", s.tenant)
        .Text("routine_id", s.routine_id)
        .Int("routine_version", s.routine_version)
        .Text("step", e.step)
        .Text("kind", e.kind)
        .Int("level", e.level)
        .Text("service", e.service)
        .Int("entered_at", ToMillis(e.entered_at))
        .OptInt("due_at", OptMillis(e.due_at))
        .Text("reporter_service", s.reporter_service)
        .Text("prev_case_id", s.case_id)
        .Int("prev_seq", e.seq - 1);
    // reporter_service and prev_level (migration 0020) let reports group by
    // unit and count level changes from this row alone; the subquery reads
    // the previous visit by primary key, so it costs no extra statement.
    ExecCount(sql,
              "insert into step_visits (case_id, seq, tenant, routine_id, "
              "routine_version, step, kind, level, service, entered_at, "
              "due_at, reporter_service, prev_level) values (:case_id, :seq, "
              ":tenant, :routine_id, :routine_version, :step, :kind, :level, "
              ":service, :entered_at, :due_at, :reporter_service, (select "
              "p.level from step_visits p where p.case_id = :prev_case_id and "
              "p.seq = :prev_seq))",
              p);
  }
  WriteDeadlines(sql, d, now);
  WriteOutbox(sql, d, now);
  return Status::Ok();
}

}  // namespace stafett::store
