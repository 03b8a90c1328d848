// The report's facts from the journal and the cases (store/audit/report.h):
// consent expiries, child-welfare reports and their confirmation, and cases
// without a baton holder, each folded onto a visit.
#include "store/audit/report_fold.h"

namespace stafett::store::report_fold {
namespace {

// One fact per row of `query`, which selects kVisitColumns first.
template <typename OnRow>
void FoldFacts(soci::session& sql, const std::string& query, SqlParams& p,
               OnRow on_row) {
  VisitReader r;
  soci::statement st(sql);
  r.Bind(st);
  p.BindTo(st);
  PrepareOnce(st, query);
  st.execute();
  while (st.fetch()) on_row(r.Row(), r.entered_at);
}

// A child-welfare report's confirmation: the first confirmation of the case
// after it, unless another report came first (the engine confirms the
// latest report only).
struct CaseEvent {
  long long seq = 0;
  long long at = 0;
  bool is_report = false;
};

// Reports and confirmations of the tenant from `begin` on, by case and seq.
std::map<std::string, std::vector<CaseEvent>> ChildWelfareEvents(
    soci::session& sql, const ComplianceQuery& q) {
  std::map<std::string, std::vector<CaseEvent>> out;
  std::string t = q.tenant, case_id, kind;
  long long begin = ToMillis(q.period.begin()), seq = 0, at = 0;
  soci::statement st(sql);
  st.exchange(soci::into(case_id));
  st.exchange(soci::into(seq));
  st.exchange(soci::into(kind));
  st.exchange(soci::into(at));
  st.exchange(soci::use(t, "tenant"));
  st.exchange(soci::use(begin, "begin"));
  PrepareOnce(st,
              "select case_id, seq, kind, at from journal where tenant = "
              ":tenant and kind in ('child_welfare_reported', "
              "'child_welfare_report_confirmed') and at >= :begin");
  st.execute();
  while (st.fetch()) {
    out[case_id].push_back({seq, at, kind == "child_welfare_reported"});
  }
  for (auto& [id, events] : out) {
    std::sort(
        events.begin(), events.end(),
        [](const CaseEvent& a, const CaseEvent& b) { return a.seq < b.seq; });
  }
  return out;
}

bool ConfirmedSameDay(const std::vector<CaseEvent>& events, long long seq,
                      long long at) {
  for (const CaseEvent& e : events) {
    if (e.seq <= seq) continue;
    if (e.is_report) return false;  // superseded before any confirmation
    return OsloDate(FromMillis(e.at)) == OsloDate(FromMillis(at));
  }
  return false;
}

}  // namespace

// Consent expiries and child-welfare reports, each counted on the visit
// that was open when it was journaled: [entered_at, left_at).
void FoldJournalFacts(soci::session& sql, const ComplianceQuery& q,
                      Folder& folder) {
  const auto confirmations = ChildWelfareEvents(sql, q);
  SqlParams p;
  PeriodParams(p, q);
  p.Text("tenant2", q.tenant).Int("begin2", ToMillis(q.period.begin()));
  VisitReader r;
  std::string kind, case_id;
  long long seq = 0, at = 0;
  soci::statement st(sql);
  r.Bind(st);
  st.exchange(soci::into(kind));
  st.exchange(soci::into(case_id));
  st.exchange(soci::into(seq));
  st.exchange(soci::into(at));
  p.BindTo(st);
  // The visit open when the entry was journaled is the case's latest visit
  // entered at or before it. As a correlated subquery it is one primary-key
  // probe per (rare) entry; a plain join lets PostgreSQL hash every visit.
  PrepareOnce(st, std::string("select ") + kVisitColumns +
                      ", j.kind, j.case_id, j.seq, j.at from journal j join "
                      "step_visits sv on sv.case_id = j.case_id and sv.seq = "
                      "(select max(v.seq) from step_visits v where v.case_id "
                      "= j.case_id and v.entered_at <= j.at) where j.tenant = "
                      ":tenant2 and j.kind in ('consent_expired', "
                      "'child_welfare_reported') and j.at >= :begin and "
                      "sv.tenant = :tenant and sv.entered_at >= :begin2 and "
                      "sv.entered_at < :end");
  st.execute();
  while (st.fetch()) {
    GroupCounts c;
    if (kind == "consent_expired") {
      c.n[kConsentsExpired] = 1;
    } else {
      c.n[kChildWelfareReports] = 1;
      auto it = confirmations.find(case_id);
      if (it != confirmations.end() && ConfirmedSameDay(it->second, seq, at)) {
        c.n[kChildWelfareConfirmedSameDay] = 1;
      }
    }
    folder.Add(r.Row(), c);
  }
}

void FoldWithoutBatonHolder(soci::session& sql, const ComplianceQuery& q,
                            Folder& folder) {
  SqlParams p;
  PeriodParams(p, q);
  p.Text("tenant2", q.tenant);
  // The baton belongs to the stafettlogg, which starts at level 1.
  FoldFacts(sql,
            std::string("select ") + kVisitColumns +
                " from cases c join step_visits sv on sv.case_id = c.id and "
                "sv.seq = c.visit_seq where c.tenant = :tenant2 and c.status "
                "= 'open' and c.level >= 1 and c.baton_holder = '' and "
                "sv.tenant = :tenant and sv.entered_at >= :begin and "
                "sv.entered_at < :end",
            p, [&](const VisitDims& v, long long) {
              GroupCounts c;
              c.n[kWithoutBatonHolder] = 1;
              folder.Add(v, c);
            });
}

}  // namespace stafett::store::report_fold
