// WriteCheckpoint and PurgeExpired: the two audit operations that write.
#include <soci/soci.h>

#include "store/audit/audit.h"
#include "store/audit/audit_hash.h"
#include "store/cases/case_codec.h"
#include "store/cases/case_visibility.h"
#include "store/cases/journal_rows.h"
#include "store/sql/sql_params.h"

namespace stafett::store {

namespace {

constexpr std::size_t kHeadsPerInsert = 200;

// The latest recorded head of every case of the tenant.
HeadMap RecordedHeads(soci::session& sql, const std::string& tenant) {
  HeadMap out;
  std::string t = tenant, t2 = tenant, id, head;
  long long seq = 0;
  soci::statement st(sql);
  st.exchange(soci::into(id));
  st.exchange(soci::into(seq));
  st.exchange(soci::into(head));
  st.exchange(soci::use(t, "tenant"));
  st.exchange(soci::use(t2, "tenant2"));
  PrepareOnce(st,
              "select h.case_id, h.journal_seq, h.head from "
              "audit_checkpoint_heads h where h.tenant = :tenant and "
              "h.checkpoint_seq = (select max(h2.checkpoint_seq) from "
              "audit_checkpoint_heads h2 where h2.tenant = :tenant2 and "
              "h2.case_id = h.case_id)");
  st.execute();
  while (st.fetch()) out[id] = CaseHead{seq, head};
  return out;
}

std::optional<CaseHead> RecordedHead(soci::session& sql,
                                     const std::string& tenant,
                                     const std::string& case_id) {
  std::string t = tenant, id = case_id, head;
  long long seq = 0;
  sql << "select journal_seq, head from audit_checkpoint_heads where tenant "
         "= :tenant and case_id = :case_id order by checkpoint_seq desc "
         "limit 1",
      soci::use(t, "tenant"), soci::use(id, "case_id"), soci::into(seq),
      soci::into(head);
  if (!sql.got_data()) return std::nullopt;
  return CaseHead{seq, head};
}

Status Refused(const VerifyReport& v, const char* what) {
  return Status::NotAllowed(std::string(what) +
                            " nektet: journalen er ikke intakt (" +
                            v.problems.front().message +
                            "). Kjør stafett "
                            "audit verify.");
}

void InsertHeads(soci::session& sql, const std::string& tenant,
                 std::int64_t checkpoint,
                 const std::vector<std::pair<std::string, CaseHead>>& heads) {
  for (std::size_t start = 0; start < heads.size(); start += kHeadsPerInsert) {
    SqlParams p;
    std::string q =
        "insert into audit_checkpoint_heads (tenant, checkpoint_seq, "
        "case_id, journal_seq, head) values ";
    const std::size_t end = std::min(heads.size(), start + kHeadsPerInsert);
    for (std::size_t i = start; i < end; ++i) {
      const std::string n = std::to_string(i - start);
      if (i > start) q += ", ";
      q += "(:t" + n + ", :c" + n + ", :id" + n + ", :s" + n + ", :h" + n + ")";
      p.Text("t" + n, tenant)
          .Int("c" + n, checkpoint)
          .Text("id" + n, heads[i].first)
          .Int("s" + n, heads[i].second.seq)
          .Text("h" + n, heads[i].second.hash);
    }
    ExecCount(sql, q, p);
  }
}

// Records the heads in the next checkpoint. Verification is the caller's.
CheckpointResult Record(Database& db, const std::string& tenant,
                        TimePoint now) {
  auto lease = db.Acquire();
  soci::session& sql = *lease;
  WriteTransaction tx(sql, db.dialect());
  Checkpoint c;
  c.tenant = tenant;
  {
    std::string t = tenant;
    long long seq = 0;
    std::string hash;
    sql << "select seq, hash from audit_checkpoints where tenant = :tenant "
           "order by seq desc limit 1",
        soci::use(t, "tenant"), soci::into(seq), soci::into(hash);
    if (sql.got_data()) {
      c.seq = seq + 1;
      c.prev_hash = hash;
    } else {
      c.seq = 1;
    }
  }
  HeadMap heads = RecordedHeads(sql, tenant);
  std::vector<std::pair<std::string, CaseHead>> changed;
  for (const auto& [id, now_head] : CurrentCaseHeads(sql, tenant)) {
    auto it = heads.find(id);
    if (it == heads.end() || it->second != now_head) {
      changed.emplace_back(id, now_head);
    }
  }
  // A recorded case missing from cases stays recorded: verify reports it.
  for (const auto& [id, head] : changed) heads[id] = head;
  c.at = now;
  c.case_count = static_cast<std::int64_t>(heads.size());
  c.heads_hash = HeadsHash(heads);
  c.hash = CheckpointHash(c.prev_hash, c);
  SqlParams p;
  p.Text("tenant", tenant)
      .Int("seq", c.seq)
      .Int("at", ToMillis(c.at))
      .Int("case_count", c.case_count)
      .Text("heads_hash", c.heads_hash)
      .Text("prev_hash", c.prev_hash)
      .Text("hash", c.hash);
  ExecCount(sql,
            "insert into audit_checkpoints (tenant, seq, at, case_count, "
            "heads_hash, prev_hash, hash) values (:tenant, :seq, :at, "
            ":case_count, :heads_hash, :prev_hash, :hash)",
            p);
  InsertHeads(sql, tenant, c.seq, changed);
  tx.Commit();
  return CheckpointResult{c.seq, c.hash, c.case_count,
                          static_cast<std::int64_t>(changed.size())};
}

std::vector<std::string> DueCases(Database& db, const std::string& tenant,
                                  const PurgeOptions& o) {
  auto lease = db.Acquire();
  std::vector<std::string> out;
  std::string t = tenant, id;
  long long now = ToMillis(o.now);
  long long use_cutoff = o.closed_for ? 1 : 0;
  long long cutoff = o.closed_for ? ToMillis(o.now - *o.closed_for) : 0;
  long long limit = std::max(1, o.limit);
  soci::statement st(*lease);
  st.exchange(soci::into(id));
  st.exchange(soci::use(t, "tenant"));
  st.exchange(soci::use(now, "now"));
  st.exchange(soci::use(use_cutoff, "use_cutoff"));
  st.exchange(soci::use(cutoff, "cutoff"));
  st.exchange(soci::use(limit, "lim"));
  // A purged case keeps its row as a skeleton whose reference says so.
  PrepareOnce(st,
              "select id from cases where tenant = :tenant and status = "
              "'closed' and reference <> 'SLETTET-' || id and "
              "((remove_after is not null and remove_after <= :now) or "
              "(:use_cutoff = 1 and updated_at <= :cutoff)) order by id "
              "limit :lim");
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

// Purges one case in one transaction. "" when done, else why it was left.
std::string PurgeOne(Database& db, const std::string& tenant,
                     const std::string& case_id, TimePoint now) {
  auto lease = db.Acquire();
  soci::session& sql = *lease;
  WriteTransaction tx(sql, db.dialect());
  std::string t = tenant, id = case_id, status, head;
  long long version = 0, seq = 0;
  sql << "select version, status, journal_seq, journal_head from cases where "
         "tenant = :tenant and id = :id",
      soci::use(t, "tenant"), soci::use(id, "id"), soci::into(version),
      soci::into(status), soci::into(seq), soci::into(head);
  if (!sql.got_data() || status != "closed") return "ikke lenger avsluttet";
  std::optional<CaseHead> recorded = RecordedHead(sql, tenant, case_id);
  if (!recorded || *recorded != CaseHead{seq, head}) {
    return "endret etter sjekkpunktet; slettes ved neste kjøring";
  }
  for (const char* table : {"step_visits", "deadlines", "outbox", "journal"}) {
    SqlParams p;
    p.Text("case_id", case_id);
    ExecCount(sql,
              std::string("delete from ") + table + " where case_id = :case_id",
              p);
  }
  {
    SqlParams p;
    p.Text("tenant", tenant).Text("case_id", case_id);
    ExecCount(sql,
              "delete from idempotency where tenant = :tenant and case_id = "
              ":case_id",
              p);
  }
  const StoredJournalEntry tomb =
      Tombstone(tenant, case_id, seq, head, now, "retention");
  InsertJournalRow(sql, tomb);
  SqlParams p;
  p.Text("reference", "SLETTET-" + case_id)
      .Int("journal_seq", tomb.seq)
      .Text("journal_head", tomb.hash)
      .Int("now", ToMillis(now))
      .Text("id", case_id)
      .Text("tenant", tenant)
      .Int("version", version);
  // What stays is what the tombstone and the statistics of other cases
  // need: the id, tenant, routine pin, step, level and timestamps.
  if (ExecCount(sql,
                "update cases set reference = :reference, closed_reason = "
                "'', responsible_service = '', consent_given_by = '', "
                "consent_services = '', consent_valid_until = '', "
                "consent_given_at = null, baton = 'none', baton_holder = '', "
                "baton_offered_to = '', age_band = '', categories = '', "
                "due_at = null, worklist_due = 9223372036854775807, "
                "child_welfare_reported_at = null, child_welfare_confirmed_at "
                "= null, "
                "journal_seq = "
                ":journal_seq, journal_head = :journal_head, remove_after = "
                "null, version = version + 1, updated_at = :now where id = "
                ":id and tenant = :tenant and version = :version",
                p) != 1) {
    return "endret samtidig; slettes ved neste kjøring";
  }
  // The skeleton's sight (its reporter), in the same transaction.
  RefreshVisibility(sql, tenant, case_id);
  tx.Commit();
  return "";
}

}  // namespace

Result<CheckpointResult> WriteCheckpoint(Database& db,
                                         const std::string& tenant,
                                         TimePoint now) {
  VerifyReport v = VerifyJournal(db, tenant);
  if (!v.ok()) return Refused(v, "Sjekkpunkt");
  return Record(db, tenant, now);
}

Result<PurgeReport> PurgeExpired(Database& db, const std::string& tenant,
                                 const PurgeOptions& options) {
  PurgeReport report;
  const std::vector<std::string> due = DueCases(db, tenant, options);
  if (due.empty()) return report;
  VerifyReport v = VerifyJournal(db, tenant);
  if (!v.ok()) return Refused(v, "Sletting");
  // Anchor the heads about to be replaced by tombstones.
  Record(db, tenant, options.now);
  for (const auto& id : due) {
    std::string why = PurgeOne(db, tenant, id, options.now);
    if (why.empty()) {
      report.purged.push_back(id);
    } else {
      report.skipped.emplace_back(id, why);
    }
  }
  // Anchor the tombstones.
  report.checkpoint = Record(db, tenant, options.now);
  return report;
}

}  // namespace stafett::store
