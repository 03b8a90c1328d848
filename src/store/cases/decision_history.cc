#include "store/cases/decision_history.h"

#include "core/ids.h"
#include "core/json_writer.h"
#include "store/cases/case_codec.h"
#include "store/cases/journal_hash.h"
#include "store/sql/sql_params.h"
#include "store/sql/sql_util.h"
#include "store/sql/statement_batch.h"
#include "store/work/notice_payload.h"

namespace stafett::store {

namespace {

std::string OutboxPayload(const engine::Snapshot& s, const engine::Effect& e) {
  // A notice names the deadline it is about when that is not the step's.
  if (!e.deadline_kind.empty()) {
    return NoticePayload(s, e.event, e.service, e.due_at, e.deadline_kind);
  }
  return NoticePayload(s, e.event, e.service, s.due_at, "");
}

void InsertJournal(StatementBatch& batch,
                   const std::vector<StoredJournalEntry>& journal) {
  if (journal.empty()) return;
  SqlParams p;
  std::string q =
      "insert into journal (case_id, seq, tenant, kind, step, level, "
      "actor_service, actor_role, at, text, detail_json, prev_hash, hash, "
      "actor_person) "
      "values ";
  for (std::size_t i = 0; i < journal.size(); ++i) {
    const auto& j = journal[i];
    const std::string n = std::to_string(i);
    if (i) q += ", ";
    q += "(:case_id" + n + ", :seq" + n + ", :tenant" + n + ", :kind" + n +
         ", :step" + n + ", :level" + n + ", :actor_service" + n +
         ", :actor_role" + n + ", :at" + n + ", :text" + n + ", :detail_json" +
         n + ", :prev_hash" + n + ", :hash" + n + ", :actor_person" + n + ")";
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
        .Text("hash" + n, j.hash)
        .Text("actor_person" + n, j.entry.actor_person);
  }
  batch.Add(std::move(q), std::move(p));
}

// Applies the deadline effects in order, collapsed to the final state per
// kind: one multi-row upsert and at most one delete.
void WriteDeadlines(StatementBatch& batch, const engine::Decision& d,
                    TimePoint now, const DeadlinePlanner* planner) {
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
      PlannedDeadline plan{0, now};
      if (planner != nullptr && *planner) {
        plan = (*planner)(d.snapshot, kind, *due, now);
      }
      set_values += "(:case_id, :kind" + i + ", :tenant, :due_at" + i +
                    ", :next" + i + ", :stage" + i + ", :now)";
      set_params.Text("kind" + i, kind)
          .Int("due_at" + i, ToMillis(*due))
          .OptInt("next" + i, OptMillis(plan.next_fire_at))
          .Int("stage" + i, plan.stage);
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
    // Without a planner, stage 0 with next_fire_at = now hands the deadline
    // to the notifier at once (it knows the routine's reminder settings;
    // the store does not); with one, the row starts where the notifier's
    // first pass would have put it, and nothing is claimed until a stage is
    // due. An unchanged due time keeps the notifier's progress.
    batch.Add(
        "insert into deadlines (case_id, kind, tenant, due_at, "
        "next_fire_at, stage, updated_at) values " +
            set_values +
            " on conflict (case_id, kind) do update set "
            "due_at = excluded.due_at, next_fire_at = "
            "excluded.next_fire_at, stage = excluded.stage, lease_owner = "
            "null, "
            "lease_until = null, fired_at = null, updated_at = "
            "excluded.updated_at where deadlines.due_at <> "
            "excluded.due_at",
        std::move(set_params));
  }
  if (!clear_list.empty()) {
    clear_params.Text("case_id", s.case_id);
    batch.Add("delete from deadlines where case_id = :case_id and kind in (" +
                  clear_list + ")",
              std::move(clear_params));
  }
}

void WriteOutbox(StatementBatch& batch, const engine::Decision& d,
                 TimePoint now) {
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
  batch.Add(
      "insert into outbox (id, tenant, case_id, service, event, "
      "payload_json, created_at, status, attempts, next_attempt_at) "
      "values " +
          values,
      std::move(p));
}

}  // namespace

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

int AddHistory(StatementBatch& batch, const engine::Decision& d,
               const std::vector<StoredJournalEntry>& journal, TimePoint now,
               const DeadlinePlanner* planner) {
  const engine::Snapshot& s = d.snapshot;
  InsertJournal(batch, journal);
  int left = -1;
  if (d.left) {
    SqlParams p;
    p.Int("left_at", ToMillis(d.left->left_at))
        .Text("outcome", d.left->outcome)
        .Text("case_id", s.case_id)
        .Int("seq", d.left->seq);
    left = batch.Add(
        "update step_visits set left_at = :left_at, outcome = :outcome where "
        "case_id = :case_id and seq = :seq and left_at is null",
        std::move(p), 1);
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
    // the previous visit by primary key, so it costs no extra statement
    // (and, in one PostgreSQL statement with the close above, it reads the
    // row as it was before: its level is not changed by the close).
    batch.Add(
        "insert into step_visits (case_id, seq, tenant, routine_id, "
        "routine_version, step, kind, level, service, entered_at, "
        "due_at, reporter_service, prev_level) values (:case_id, :seq, "
        ":tenant, :routine_id, :routine_version, :step, :kind, :level, "
        ":service, :entered_at, :due_at, :reporter_service, (select "
        "p.level from step_visits p where p.case_id = :prev_case_id and "
        "p.seq = :prev_seq))",
        std::move(p));
  }
  WriteDeadlines(batch, d, now, planner);
  WriteOutbox(batch, d, now);
  return left;
}

Status CheckHistoryCounts(const engine::Decision& d, int left_part,
                          const std::vector<long long>& counts) {
  if (left_part >= 0 && counts[left_part] != 1) {
    return Status(Code::kInternal, "step visit " + std::to_string(d.left->seq) +
                                       " to leave is not open");
  }
  return Status::Ok();
}

Status WriteHistory(soci::session& sql, const engine::Decision& d,
                    const std::vector<StoredJournalEntry>& journal,
                    TimePoint now) {
  StatementBatch batch(Dialect::kSqlite);  // one by one
  const int left = AddHistory(batch, d, journal, now);
  return CheckHistoryCounts(d, left, batch.Run(sql));
}

}  // namespace stafett::store
