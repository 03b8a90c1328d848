// VerifyJournal: walks every checkpoint and every case chain of a tenant.
// The journal is streamed in (case_id, seq) order, so memory holds the
// latest recorded head per case, not the journal.
#include "store/audit/audit.h"

#include <algorithm>
#include <map>
#include <set>

#include <soci/soci.h>

#include "store/audit/audit_hash.h"
#include "store/cases/case_codec.h"
#include "store/cases/journal_hash.h"
#include "store/cases/journal_rows.h"
#include "store/sql/sql_params.h"

namespace stafett::store {

namespace {

std::string Seq(std::int64_t n) { return std::to_string(n); }

class TenantVerifier {
 public:
  TenantVerifier(soci::session& sql, std::string tenant, VerifyReport& report)
      : sql_(sql), tenant_(std::move(tenant)), report_(report) {}

  void Run() {
    Checkpoints();
    Cases();
    std::stable_sort(case_problems_.begin(), case_problems_.end(),
                     [](const AuditProblem& a, const AuditProblem& b) {
                       return a.case_id < b.case_id;
                     });
    for (auto& p : case_problems_) Add(std::move(p));
  }

 private:
  void Add(AuditProblem p) {
    if (report_.problems.size() < kMaxProblems) {
      report_.problems.push_back(std::move(p));
    }
  }
  void CheckpointProblem(std::int64_t seq, std::string message) {
    report_.checkpoint_broken = true;
    Add({tenant_, "", seq, true, std::move(message)});
  }
  void CaseProblem(const std::string& case_id, std::int64_t seq,
                   std::string message) {
    report_.broken_cases.insert(case_id);
    case_problems_.push_back(
        {tenant_, case_id, seq, false, std::move(message)});
  }

  // The checkpoint chain, rebuilding the recorded heads as it goes.
  void Checkpoints() {
    std::vector<Checkpoint> checkpoints;
    {
      Checkpoint c;
      c.tenant = tenant_;
      long long seq = 0, at = 0, count = 0;
      std::string t = tenant_;
      soci::statement st(sql_);
      st.exchange(soci::into(seq));
      st.exchange(soci::into(at));
      st.exchange(soci::into(count));
      st.exchange(soci::into(c.heads_hash));
      st.exchange(soci::into(c.prev_hash));
      st.exchange(soci::into(c.hash));
      st.exchange(soci::use(t, "tenant"));
      PrepareOnce(st,
                  "select seq, at, case_count, heads_hash, prev_hash, hash "
                  "from audit_checkpoints where tenant = :tenant order by "
                  "seq");
      st.execute();
      while (st.fetch()) {
        c.seq = seq;
        c.at = FromMillis(at);
        c.case_count = count;
        checkpoints.push_back(c);
      }
    }
    std::map<std::int64_t, std::vector<std::pair<std::string, CaseHead>>>
        deltas;
    {
      long long cp = 0, seq = 0;
      std::string t = tenant_, case_id, head;
      soci::statement st(sql_);
      st.exchange(soci::into(cp));
      st.exchange(soci::into(case_id));
      st.exchange(soci::into(seq));
      st.exchange(soci::into(head));
      st.exchange(soci::use(t, "tenant"));
      PrepareOnce(st,
                  "select checkpoint_seq, case_id, journal_seq, head from "
                  "audit_checkpoint_heads where tenant = :tenant order by "
                  "checkpoint_seq, case_id");
      st.execute();
      while (st.fetch()) deltas[cp].push_back({case_id, CaseHead{seq, head}});
    }

    std::string prev;
    std::int64_t expect = 1;
    for (const Checkpoint& c : checkpoints) {
      ++report_.checkpoints;
      if (c.seq != expect) {
        CheckpointProblem(c.seq, "sjekkpunkt " + Seq(expect) +
                                     " mangler; neste er " + Seq(c.seq));
      }
      if (c.prev_hash != prev) {
        CheckpointProblem(c.seq, "sjekkpunkt " + Seq(c.seq) +
                                     " peker ikke på sjekkpunktet før seg");
      } else if (CheckpointHash(c.prev_hash, c) != c.hash) {
        CheckpointProblem(c.seq, "sjekkpunkt " + Seq(c.seq) +
                                     " er endret (hashen stemmer ikke)");
      }
      auto d = deltas.find(c.seq);
      if (d != deltas.end()) {
        for (const auto& [id, head] : d->second) recorded_[id] = head;
        deltas.erase(d);
      }
      if (static_cast<std::int64_t>(recorded_.size()) != c.case_count ||
          HeadsHash(recorded_) != c.heads_hash) {
        CheckpointProblem(c.seq, "sakshodene i sjekkpunkt " + Seq(c.seq) +
                                     " er endret, lagt til eller fjernet");
      }
      prev = c.hash;
      expect = c.seq + 1;
    }
    for (const auto& [seq, rows] : deltas) {
      CheckpointProblem(
          seq, "sakshoder for sjekkpunkt " + Seq(seq) + ", som ikke finnes");
    }
  }

  struct CaseState {
    std::string id;
    bool tombstone = false;
    std::int64_t first_seq = 0;
    std::string first_prev;
    std::int64_t expect = 1;
    std::string prev;
    std::int64_t last_seq = 0;
    std::string last_hash;
    bool recorded_seen = false;
  };

  void Cases() {
    current_ = CurrentCaseHeads(sql_, tenant_);

    std::string t = tenant_;
    JournalRowReader row;
    soci::statement st(sql_);
    row.Bind(st);
    st.exchange(soci::use(t, "tenant"));
    PrepareOnce(st, std::string("select ") + kJournalColumns +
                        " from journal where tenant = :tenant order by "
                        "case_id, seq");
    st.execute();
    CaseState s;
    bool have = false;
    while (st.fetch()) {
      // A role no Stafett version wrote is a changed row too.
      const StoredJournalEntry e = row.Row();
      if (!have || e.case_id != s.id) {
        if (have) Finish(s);
        s = CaseState{};
        s.id = e.case_id;
        have = true;
        Start(s, e);
      }
      ++report_.entries;
      Entry(s, e, row.RoleKnown());
    }
    if (have) Finish(s);

    for (const auto& [id, head] : current_) {
      if (!seen_.count(id)) {
        ++report_.cases;
        CaseProblem(id, 0, "saken " + id + " har ingen journal");
      }
    }
    for (const auto& [id, head] : recorded_) {
      if (!seen_.count(id) && !current_.count(id)) {
        CaseProblem(id, head.seq,
                    "saken " + id +
                        " er borte, men sjekkpunktet registrerte "
                        "oppføring " +
                        Seq(head.seq));
      }
    }
  }

  void Start(CaseState& s, const StoredJournalEntry& e) {
    s.first_seq = e.seq;
    s.first_prev = e.prev_hash;
    if (IsTombstone(e)) {
      // The purge deleted entries 1..seq-1; the chain continues from the
      // hash they ended in (checked against the checkpoint in Finish).
      s.tombstone = true;
      s.expect = e.seq;
      s.prev = e.prev_hash;
    }
  }

  void Entry(CaseState& s, const StoredJournalEntry& e, bool role_ok) {
    const std::string at = "saken " + s.id + ", oppføring " + Seq(e.seq);
    if (e.seq != s.expect) {
      CaseProblem(s.id, e.seq,
                  e.seq > s.expect
                      ? at + ": oppføring " + Seq(s.expect) + " mangler"
                      : at + ": kommer i feil rekkefølge");
      s.expect = e.seq;
    } else if (e.prev_hash != s.prev) {
      CaseProblem(s.id, e.seq,
                  at + ": peker ikke på oppføringen før (prev_hash)");
    } else if (!role_ok || e.tenant != tenant_ ||
               JournalHash(s.prev, e) != e.hash) {
      CaseProblem(s.id, e.seq,
                  at + ": innholdet er endret (hashen stemmer "
                       "ikke)");
    }
    auto r = recorded_.find(s.id);
    if (r != recorded_.end() && r->second.seq == e.seq) {
      s.recorded_seen = true;
      if (r->second.hash != e.hash) {
        CaseProblem(s.id, e.seq,
                    at + ": er ikke den oppføringen sjekkpunktet registrerte");
      }
    }
    s.prev = e.hash;
    s.expect = e.seq + 1;
    s.last_seq = e.seq;
    s.last_hash = e.hash;
  }

  void Finish(const CaseState& s) {
    ++report_.cases;
    seen_.insert(s.id);
    auto c = current_.find(s.id);
    if (c == current_.end()) {
      CaseProblem(s.id, s.first_seq,
                  "journalen til saken " + s.id + " har ingen sak");
    } else if (c->second.seq != s.last_seq || c->second.hash != s.last_hash) {
      CaseProblem(s.id, s.last_seq,
                  "saken " + s.id + " peker på oppføring " +
                      Seq(c->second.seq) + ", men journalen slutter på " +
                      Seq(s.last_seq));
    }
    auto r = recorded_.find(s.id);
    if (r == recorded_.end()) {
      if (s.tombstone) {
        CaseProblem(s.id, s.first_seq,
                    "saken " + s.id +
                        " er slettet uten sjekkpunkt før "
                        "slettingen");
      }
      return;
    }
    if (s.recorded_seen) return;
    const CaseHead& head = r->second;
    if (s.tombstone && head.seq == s.first_seq - 1) {
      if (head.hash != s.first_prev) {
        CaseProblem(s.id, s.first_seq,
                    "saken " + s.id +
                        ": slettingen bygger ikke på "
                        "oppføringen sjekkpunktet registrerte");
      }
      return;
    }
    CaseProblem(s.id, head.seq,
                "saken " + s.id + ": oppføring " + Seq(head.seq) +
                    ", som sjekkpunktet registrerte, finnes ikke");
  }

  soci::session& sql_;
  std::string tenant_;
  VerifyReport& report_;
  HeadMap recorded_;
  HeadMap current_;
  std::set<std::string> seen_;
  std::vector<AuditProblem> case_problems_;
};

std::vector<std::string> Tenants(soci::session& sql) {
  std::vector<std::string> out;
  std::string t;
  soci::statement st(sql);
  st.exchange(soci::into(t));
  PrepareOnce(st,
              "select tenant from cases union select tenant from "
              "audit_checkpoints order by tenant");
  st.execute();
  while (st.fetch()) out.push_back(t);
  return out;
}

}  // namespace

std::vector<std::string> AuditTenants(Database& db) {
  auto lease = db.Acquire();
  return Tenants(*lease);
}

VerifyReport VerifyJournal(Database& db, const std::string& tenant) {
  VerifyReport report;
  auto lease = db.Acquire();
  std::vector<std::string> tenants =
      tenant.empty() ? Tenants(*lease) : std::vector<std::string>{tenant};
  for (const auto& t : tenants) {
    ++report.tenants;
    TenantVerifier(*lease, t, report).Run();
  }
  return report;
}

}  // namespace stafett::store
