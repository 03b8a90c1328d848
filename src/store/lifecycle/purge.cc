// Purging due cases in batches (store/lifecycle/purge.h); the logs are
// purge_logs.cc.
#include "store/lifecycle/purge.h"

#include <algorithm>
#include <map>

#include <soci/soci.h>

#include "core/ids.h"
#include "store/audit/audit_hash.h"
#include "store/cases/case_codec.h"
#include "store/cases/case_visibility.h"
#include "store/cases/journal_hash.h"
#include "store/cases/journal_rows.h"
#include "store/lifecycle/archive.h"
#include "store/lifecycle/purge_log_row.h"
#include "store/lifecycle/retention.h"
#include "store/sql/sql_params.h"
#include "store/work/outbox_store.h"

namespace stafett::store {

namespace {

constexpr long long kHoldBack = 24LL * 3600 * 1000;  // a broken chain: 1 day

// ":p0, :p1, ..." bound to ids.
std::string InList(const std::vector<std::string>& ids, const std::string& p,
                   SqlParams& params) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ", ";
    out += ":" + p + std::to_string(i);
    params.Text(p + std::to_string(i), ids[i]);
  }
  return out;
}

struct Claimed {
  std::string id;
  long long version = 0;
  CaseHead head;
};

std::vector<Claimed> ClaimDue(soci::session& sql, const Database& db,
                              const std::string& tenant, TimePoint now,
                              int batch) {
  std::vector<Claimed> out;
  std::string t = tenant, id, head;
  long long n = ToMillis(now), lim = std::max(1, batch), version = 0, seq = 0;
  soci::statement st(sql);
  st.exchange(soci::into(id));
  st.exchange(soci::into(version));
  st.exchange(soci::into(seq));
  st.exchange(soci::into(head));
  st.exchange(soci::use(t, "tenant"));
  st.exchange(soci::use(n, "now"));
  st.exchange(soci::use(lim, "lim"));
  PrepareOnce(st,
              "select id, version, journal_seq, journal_head from cases "
              "where tenant = :tenant and remove_after is not null and "
              "remove_after <= :now and status = 'closed' and reference <> "
              "'SLETTET-' || id order by remove_after, id limit :lim" +
                  std::string(SkipLockedClause(db.dialect())));
  st.execute();
  while (st.fetch()) out.push_back(Claimed{id, version, CaseHead{seq, head}});
  return out;
}

// The latest recorded head of each of `ids`.
HeadMap RecordedHeadsOf(soci::session& sql, const std::string& tenant,
                        const std::vector<std::string>& ids) {
  HeadMap out;
  SqlParams p;
  p.Text("tenant", tenant).Text("tenant2", tenant);
  const std::string in = InList(ids, "c", p);
  std::string id, head;
  long long seq = 0;
  soci::statement st(sql);
  st.exchange(soci::into(id));
  st.exchange(soci::into(seq));
  st.exchange(soci::into(head));
  p.BindTo(st);
  PrepareOnce(st,
              "select h.case_id, h.journal_seq, h.head from "
              "audit_checkpoint_heads h where h.tenant = :tenant and "
              "h.case_id in (" +
                  in +
                  ") and h.checkpoint_seq = (select max(h2.checkpoint_seq) "
                  "from audit_checkpoint_heads h2 where h2.tenant = :tenant2 "
                  "and h2.case_id = h.case_id)");
  st.execute();
  while (st.fetch()) out[id] = CaseHead{seq, head};
  return out;
}

// Whether each case's chain re-hashes to its head and passes through the
// head a checkpoint recorded for it, if any. The second catches a chain
// rewritten consistently, or cut back by an old restore, which only the
// recorded head shows: such a case is held back like any broken one, not
// left waiting for a checkpoint that will never record it.
std::map<std::string, bool> ChainsIntact(soci::session& sql,
                                         const std::string& tenant,
                                         const std::vector<Claimed>& cases,
                                         const HeadMap& recorded) {
  if (cases.empty()) return {};
  std::vector<std::string> ids;
  for (const auto& c : cases) ids.push_back(c.id);
  std::map<std::string, std::vector<StoredJournalEntry>> chains;
  {
    SqlParams p;
    p.Text("tenant", tenant);
    const std::string in = InList(ids, "c", p);
    JournalRowReader row;
    soci::statement st(sql);
    row.Bind(st);
    p.BindTo(st);
    PrepareOnce(st, std::string("select ") + kJournalColumns +
                        " from journal where tenant = :tenant and case_id "
                        "in (" +
                        in + ") order by case_id, seq");
    st.execute();
    while (st.fetch()) {
      StoredJournalEntry e = row.Row();
      if (!row.RoleKnown()) e.entry.kind += "?";  // fails the hash below
      chains[e.case_id].push_back(std::move(e));
    }
  }
  std::map<std::string, bool> out;
  for (const auto& c : cases) {
    const auto& entries = chains[c.id];
    bool ok = !entries.empty() && !FirstBrokenLink(entries) &&
              entries.back().seq == c.head.seq &&
              entries.back().hash == c.head.hash;
    if (auto r = recorded.find(c.id); ok && r != recorded.end()) {
      ok = std::any_of(entries.begin(), entries.end(), [&](const auto& e) {
        return e.seq == r->second.seq && e.hash == r->second.hash;
      });
    }
    out[c.id] = ok;
  }
  return out;
}

std::int64_t DeleteFor(soci::session& sql, const char* table,
                       const std::vector<std::string>& ids) {
  SqlParams p;
  const std::string in = InList(ids, "c", p);
  return ExecCount(
      sql,
      std::string("delete from ") + table + " where case_id in (" + in + ")",
      p);
}

void Skeleton(soci::session& sql, const std::string& tenant, const Claimed& c,
              const StoredJournalEntry& tomb, TimePoint now) {
  SqlParams p;
  p.Text("reference", "SLETTET-" + c.id)
      .Int("journal_seq", tomb.seq)
      .Text("journal_head", tomb.hash)
      .Int("now", ToMillis(now))
      .Text("id", c.id)
      .Text("tenant", tenant);
  // What stays is what the tombstone and other cases' statistics need. The
  // row is locked by the claim.
  ExecCount(sql,
            "update cases set reference = :reference, closed_reason = '', "
            "responsible_service = '', consent_given_by = '', "
            "consent_services = '', consent_valid_until = '', "
            "consent_given_at = null, baton = 'none', baton_holder = '', "
            "baton_offered_to = '', age_band = '', categories = '', due_at = "
            "null, worklist_due = 9223372036854775807, "
            "child_welfare_reported_at = null, child_welfare_confirmed_at = "
            "null, journal_seq = :journal_seq, journal_head = :journal_head, "
            "remove_after = null, version = version + 1, updated_at = :now "
            "where id = :id and tenant = :tenant",
            p);
  // The skeleton's sight (its reporter), in the same transaction.
  RefreshVisibility(sql, tenant, c.id);
}

}  // namespace

std::vector<std::string> TenantsWithRoutines(Database& db) {
  auto lease = db.Acquire();
  std::vector<std::string> out;
  std::string t;
  soci::statement st(*lease);
  st.exchange(soci::into(t));
  PrepareOnce(st,
              "select distinct tenant from routine_versions order by tenant");
  st.execute();
  while (st.fetch()) out.push_back(t);
  return out;
}

std::vector<std::string> TenantsWithDueCases(Database& db, TimePoint now) {
  auto lease = db.Acquire();
  std::vector<std::string> out;
  std::string t;
  long long n = ToMillis(now);
  soci::statement st(*lease);
  st.exchange(soci::into(t));
  st.exchange(soci::use(n, "now"));
  PrepareOnce(st,
              "select distinct tenant from cases where remove_after is not "
              "null and remove_after <= :now and status = 'closed' order by "
              "tenant");
  st.execute();
  while (st.fetch()) out.push_back(t);
  return out;
}

// Of `cases`, those with an archive receipt. The others are moved to
// out.awaiting_archive; those never asked for, or whose request's outbox
// row is gone, get an outbox row now.
std::vector<Claimed> Archived(soci::session& sql, const std::string& tenant,
                              const std::vector<Claimed>& cases, TimePoint now,
                              CasePurgeResult& out) {
  std::vector<std::string> ids;
  for (const auto& c : cases) ids.push_back(c.id);
  // case -> archived, and for the others whether the request's outbox row
  // still exists.
  struct Asked {
    bool archived = false;
    bool outbox_row = false;
  };
  std::map<std::string, Asked> known;
  {
    SqlParams p;
    const std::string in = InList(ids, "c", p);
    std::string id;
    long long done = 0, row = 0;
    soci::statement st(sql);
    st.exchange(soci::into(id));
    st.exchange(soci::into(done));
    st.exchange(soci::into(row));
    p.BindTo(st);
    PrepareOnce(st,
                "select a.case_id, case when a.archived_at is null then 0 "
                "else 1 end, case when o.id is null then 0 else 1 end from "
                "case_archive a left join outbox o on o.id = a.outbox_id "
                "where a.case_id in (" +
                    in + ")");
    st.execute();
    while (st.fetch()) known[id] = Asked{done != 0, row != 0};
  }
  std::vector<Claimed> ready;
  std::vector<NewOutboxMessage> asks;
  for (const auto& c : cases) {
    auto k = known.find(c.id);
    if (k != known.end() && k->second.archived) {
      ready.push_back(c);
      continue;
    }
    out.awaiting_archive.push_back(c.id);
    // Asked before and the delivery pending, or failed and waiting for the
    // administrator's retry. A request whose failed row the outbox's own
    // retention removed is asked again: else nothing would ever archive,
    // or purge, the case.
    if (k != known.end() && k->second.outbox_row) continue;
    const bool again = k != known.end();
    NewOutboxMessage m;
    m.id = NewId();
    m.tenant = tenant;
    m.case_id = c.id;
    m.service = kArchiveService;
    m.audience = "service";
    m.event = kArchiveEvent;
    m.payload_json = "{}";
    SqlParams p;
    p.Text("case_id", c.id)
        .Text("tenant", tenant)
        .Int("now", ToMillis(now))
        .Text("outbox_id", m.id);
    ExecCount(sql,
              again ? "update case_archive set requested_at = :now, outbox_id "
                      "= :outbox_id where case_id = :case_id and tenant = "
                      ":tenant and archived_at is null"
                    : "insert into case_archive (case_id, tenant, "
                      "requested_at, outbox_id) values (:case_id, :tenant, "
                      ":now, :outbox_id)",
              p);
    asks.push_back(std::move(m));
  }
  InsertOutboxMessages(sql, asks, now);
  return ready;
}

CasePurgeResult PurgeDueCases(Database& db, const std::string& tenant,
                              TimePoint now, int batch,
                              const std::string& worker, bool archive_first) {
  CasePurgeResult out;
  auto lease = db.Acquire();
  soci::session& sql = *lease;
  WriteTransaction tx(sql, db.dialect());
  std::vector<Claimed> claimed = ClaimDue(sql, db, tenant, now, batch);
  if (claimed.empty()) return out;

  std::vector<std::string> ids;
  for (const auto& c : claimed) ids.push_back(c.id);
  const HeadMap recorded = RecordedHeadsOf(sql, tenant, ids);
  if (archive_first) claimed = Archived(sql, tenant, claimed, now, out);
  // Integrity first: a broken case is held back whether or not a checkpoint
  // recorded it (a checkpoint leaves it out, so waiting for one would ask
  // for a checkpoint on every pass).
  const auto intact = ChainsIntact(sql, tenant, claimed, recorded);
  std::vector<Claimed> go;
  for (const auto& c : claimed) {
    if (!intact.at(c.id)) {
      out.held.emplace_back(c.id,
                            "journalen er ikke intakt; kjør stafett audit "
                            "verify (slettingen venter en dag)");
      SqlParams p;
      p.Int("later", ToMillis(now) + kHoldBack).Text("id", c.id);
      ExecCount(sql, "update cases set remove_after = :later where id = :id",
                p);
      continue;
    }
    auto r = recorded.find(c.id);
    if (r == recorded.end() || r->second != c.head) {
      out.unanchored.push_back(c.id);
    } else {
      go.push_back(c);
    }
  }
  if (!go.empty()) {
    std::vector<std::string> go_ids;
    for (const auto& c : go) go_ids.push_back(c.id);
    // Children before the journal: nothing references the journal, but
    // deadline_firings and outbox reference cases, which stay.
    for (const char* table : {"step_visits", "deadline_firings", "deadlines",
                              "outbox", "journal"}) {
      out.rows += DeleteFor(sql, table, go_ids);
    }
    {
      SqlParams p;
      p.Text("tenant", tenant);
      const std::string in = InList(go_ids, "c", p);
      out.rows += ExecCount(sql,
                            "delete from idempotency where tenant = :tenant "
                            "and case_id in (" +
                                in + ")",
                            p);
    }
    for (const auto& c : go) {
      const StoredJournalEntry tomb =
          Tombstone(tenant, c.id, c.head.seq, c.head.hash, now, "retention");
      InsertJournalRow(sql, tomb);
      Skeleton(sql, tenant, c, tomb, now);
      out.purged.push_back(c.id);
    }
    WritePurgeLog(sql, tenant, now, worker, "cases",
                  static_cast<std::int64_t>(go.size()), go_ids,
                  std::to_string(out.rows) + " rader");
    BumpCounters(sql, {{kPurgedRowsCounter, PurgedRowsLabels("cases"),
                        static_cast<std::int64_t>(go.size())},
                       {kPurgedRowsCounter, PurgedRowsLabels("case_history"),
                        out.rows}});
  }
  tx.Commit();
  return out;
}

}  // namespace stafett::store
