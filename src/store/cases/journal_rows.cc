#include "store/cases/journal_rows.h"

#include "engine/case.h"
#include "store/cases/case_codec.h"
#include "store/sql/sql_params.h"

namespace stafett::store {

const char* const kJournalColumns =
    "case_id, seq, tenant, kind, step, level, actor_service, actor_role, at, "
    "text, detail_json, prev_hash, hash, actor_person";

void JournalRowReader::Bind(soci::statement& st) {
  st.exchange(soci::into(e_.case_id));
  st.exchange(soci::into(seq_));
  st.exchange(soci::into(e_.tenant));
  st.exchange(soci::into(e_.entry.kind));
  st.exchange(soci::into(e_.entry.step));
  st.exchange(soci::into(e_.entry.level));
  st.exchange(soci::into(e_.entry.actor_service));
  st.exchange(soci::into(role_));
  st.exchange(soci::into(at_));
  st.exchange(soci::into(e_.entry.text));
  st.exchange(soci::into(e_.entry.detail_json));
  st.exchange(soci::into(e_.prev_hash));
  st.exchange(soci::into(e_.hash));
  st.exchange(soci::into(e_.entry.actor_person));
}

StoredJournalEntry JournalRowReader::Row() const {
  StoredJournalEntry e = e_;
  e.seq = seq_;
  e.entry.at = FromMillis(at_);
  e.entry.actor_role = engine::ParseRole(role_).value_or(engine::Role::kWorker);
  return e;
}

bool JournalRowReader::RoleKnown() const {
  return engine::ParseRole(role_).has_value();
}

HeadMap CurrentCaseHeads(soci::session& sql, const std::string& tenant) {
  HeadMap out;
  std::string t = tenant, id, head;
  long long seq = 0;
  soci::statement st(sql);
  st.exchange(soci::into(id));
  st.exchange(soci::into(seq));
  st.exchange(soci::into(head));
  st.exchange(soci::use(t, "tenant"));
  PrepareOnce(st,
              "select id, journal_seq, journal_head from cases where "
              "tenant = :tenant");
  st.execute();
  while (st.fetch()) out[id] = CaseHead{seq, head};
  return out;
}

void InsertJournalRow(soci::session& sql, const StoredJournalEntry& tomb) {
  SqlParams p;
  p.Text("case_id", tomb.case_id)
      .Int("seq", tomb.seq)
      .Text("tenant", tomb.tenant)
      .Text("kind", tomb.entry.kind)
      .Text("step", tomb.entry.step)
      .Int("level", tomb.entry.level)
      .Text("actor_service", tomb.entry.actor_service)
      .Text("actor_role", RoleText(tomb.entry.actor_role))
      .Int("at", ToMillis(tomb.entry.at))
      .Text("text", tomb.entry.text)
      .Text("detail_json", tomb.entry.detail_json)
      .Text("prev_hash", tomb.prev_hash)
      .Text("hash", tomb.hash);
  ExecCount(sql,
            "insert into journal (case_id, seq, tenant, kind, step, level, "
            "actor_service, actor_role, at, text, detail_json, prev_hash, "
            "hash) values (:case_id, :seq, :tenant, :kind, :step, :level, "
            ":actor_service, :actor_role, :at, :text, :detail_json, "
            ":prev_hash, :hash)",
            p);
}

}  // namespace stafett::store
