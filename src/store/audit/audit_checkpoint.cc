// WriteCheckpoint: the audit operation that writes (the purge, which also
// writes, is store/lifecycle/purge.h).
#include <set>

#include <soci/soci.h>

#include "store/audit/audit.h"
#include "store/audit/audit_hash.h"
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

// Records the heads in the next checkpoint, except those of `broken`.
// Verification is the caller's.
CheckpointResult Record(Database& db, const std::string& tenant, TimePoint now,
                        const std::set<std::string>& broken) {
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
    if (broken.count(id)) continue;
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
  return CheckpointResult{c.seq,
                          c.hash,
                          c.case_count,
                          static_cast<std::int64_t>(changed.size()),
                          {broken.begin(), broken.end()}};
}

}  // namespace

Result<CheckpointResult> WriteCheckpoint(Database& db,
                                         const std::string& tenant,
                                         TimePoint now) {
  VerifyReport v = VerifyJournal(db, tenant);
  // A broken case is evidence, kept and left out; the others are recorded,
  // or none of them could ever be purged. A broken checkpoint chain
  // refuses the whole.
  if (v.checkpoint_broken) return Refused(v, "Sjekkpunkt");
  return Record(db, tenant, now, v.broken_cases);
}

}  // namespace stafett::store
