#include "store/cases/case_row.h"

#include "store/cases/case_codec.h"
#include "store/cases/case_visibility.h"
#include "store/sql/sql_params.h"
#include "store/sql/sql_util.h"

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
                                "journal_head",
                                "sight"};

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
      .Text("consent_services", c ? EncodeList(c->services) : "")
      .Text("consent_valid_until", c ? c->valid_until : "")
      .OptInt(
          "consent_given_at",
          c ? std::optional<long long>(ToMillis(c->given_at)) : std::nullopt)
      .Text("baton", BatonText(s.baton))
      .Text("baton_holder", s.baton_holder)
      .Text("baton_offered_to", s.baton_offered_to)
      .Text("age_band", s.age_band)
      .Text("categories", EncodeList(s.categories))
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
      .Text("journal_head", journal_head)
      // Who may see the case; a trigger keeps case_visibility to it
      // (store/cases/case_visibility.h).
      .Text("sight", SightJson(s));
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
    c.services = DecodeList(consent_services_);
    c.valid_until = consent_valid_until_;
    c.given_at = FromMillis(consent_given_at_);
    s.consent = std::move(c);
  }
  s.baton = ParseBatonText(baton_);
  s.baton_holder = baton_holder_;
  s.baton_offered_to = baton_offered_to_;
  s.age_band = age_band_;
  s.categories = DecodeList(categories_);
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

void CaseRowReader::ReadPg(const PgResult& r, int row) {
  int c = 0;
  auto text = [&](std::string& out) { out = r.Text(row, c++); };
  auto num = [&](auto& out) { out = r.Int(row, c++); };
  auto opt = [&](long long& out, soci::indicator& ind) {
    ind = r.IsNull(row, c) ? soci::i_null : soci::i_ok;
    out = r.Int(row, c++);
  };
  text(id_);
  text(tenant_);
  text(reference_);
  text(routine_id_);
  num(routine_version_);
  text(routine_hash_);
  num(version_);
  text(status_);
  text(closed_reason_);
  text(step_);
  num(level_);
  text(reporter_service_);
  text(responsible_service_);
  text(sharing_);
  text(consent_given_by_);
  text(consent_services_);
  text(consent_valid_until_);
  opt(consent_given_at_, consent_given_at_ind_);
  text(baton_);
  text(baton_holder_);
  text(baton_offered_to_);
  text(age_band_);
  text(categories_);
  num(created_at_);
  num(step_entered_at_);
  opt(due_at_, due_at_ind_);
  num(worklist_due_);
  num(visit_seq_);
  opt(child_welfare_reported_at_, child_welfare_reported_at_ind_);
  opt(child_welfare_confirmed_at_, child_welfare_confirmed_at_ind_);
  num(journal_seq_);
  text(journal_head_);
}

std::optional<CaseRow> LoadCase(soci::session& sql, const std::string& tenant,
                                const std::string& case_id, bool for_update) {
  CaseRowReader reader;
  if (IsPostgres(sql)) {
    // Prepared once per session (store/sql/pg_exec.h): the hot read.
    SqlParams p;
    p.Text("id", case_id).Text("tenant", tenant);
    const PgResult r =
        PgExec(sql,
               std::string("select ") + kCaseColumns +
                   " from cases where id = :id and tenant = :tenant" +
                   (for_update ? " for update" : ""),
               p);
    if (r.rows() == 0) return std::nullopt;
    reader.ReadPg(r, 0);
    return reader.Row();
  }
  soci::statement st(sql);
  reader.Bind(st);
  std::string t = tenant, id = case_id;
  st.exchange(soci::use(id, "id"));
  st.exchange(soci::use(t, "tenant"));
  PrepareOnce(st, std::string("select ") + kCaseColumns +
                      " from cases where id = :id and tenant = :tenant" +
                      (for_update ? " for update" : ""));
  if (!st.execute(true)) return std::nullopt;
  return reader.Row();
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

int AddInsertCase(StatementBatch& batch, const engine::Snapshot& snap,
                  TimePoint now, std::int64_t journal_seq,
                  const std::string& journal_head) {
  SqlParams p;
  p.Text("id", snap.case_id).Text("tenant", snap.tenant);
  AddCaseParams(p, snap, now, journal_seq, journal_head);
  return batch.Add(InsertCaseSql(), std::move(p), 1);
}

int AddUpdateCase(StatementBatch& batch, const engine::Snapshot& snap,
                  std::int64_t old_version, TimePoint now,
                  std::int64_t journal_seq, const std::string& journal_head) {
  SqlParams p;
  AddCaseParams(p, snap, now, journal_seq, journal_head);
  p.Text("id", snap.case_id)
      .Text("tenant", snap.tenant)
      .Int("old_version", old_version);
  return batch.Add(UpdateCaseSql(), std::move(p), 1);
}

}  // namespace stafett::store
