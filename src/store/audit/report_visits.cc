// The report's two big statements (store/audit/report.h): they aggregate
// step_visits in SQL, by cell (all counts) and by the requested dimensions
// plus whole hours in step (completed visits only), so a million visits
// come back as a few thousand rows.
#include <optional>

#include "store/audit/report_fold.h"

namespace stafett::store::report_fold {
namespace {

// The month a visit began, as an index from the period's first month. The
// boundaries are Oslo midnights computed here and bound as parameters.
std::string MonthIndexSql(Dialect dialect, const ComplianceQuery& q,
                          SqlParams& p) {
  const int months = q.period.months();
  if (months <= 1) return "0";
  if (dialect == Dialect::kPostgresql) {
    // width_bucket over a sorted array is a binary search per row.
    std::string bounds = "{";
    for (int i = 1; i < months; ++i) {
      if (i > 1) bounds += ',';
      bounds +=
          std::to_string(ToMillis(MonthStart(AddMonths(q.period.first, i))));
    }
    bounds += '}';
    p.Text("bounds", bounds);
    return "width_bucket(entered_at, cast(:bounds as bigint[]))";
  }
  std::string sql = "case";
  for (int i = 1; i < months; ++i) {
    const std::string name = "b" + std::to_string(i);
    p.Int(name, ToMillis(MonthStart(AddMonths(q.period.first, i))));
    sql += " when entered_at < :" + name + " then " + std::to_string(i - 1);
  }
  sql += " else " + std::to_string(months - 1) + " end";
  return sql;
}

// The distinct tag sets of the catalogue's tagged steps, and for each
// tagged step the index of its set (1-based; 0 is "untagged").
struct TagSets {
  std::vector<std::vector<int>> sets{{}};
  struct Step {
    std::string routine_id;
    int version = 0;
    std::string step;
    int set = 0;
  };
  std::vector<Step> steps;
};

TagSets MakeTagSets(const ReportCatalog& catalog) {
  TagSets t;
  for (const auto& s : catalog.TaggedSteps()) {
    auto it = std::find(t.sets.begin(), t.sets.end(), s.tags);
    if (it == t.sets.end()) it = t.sets.insert(t.sets.end(), s.tags);
    t.steps.push_back({s.routine_id, s.version, s.step,
                       static_cast<int>(it - t.sets.begin())});
  }
  return t;
}

// Rows per fetch: SOCI copies a batch of rows per call instead of one.
constexpr std::size_t kBatch = 4096;

// Completed visits by the requested dimensions and whole hours in step:
// the groups' histograms (for the percentiles), nothing else. The groups'
// counts come from the cells (FoldCells), of which every group is a union.
void FoldHours(soci::session& sql, Dialect dialect,
               const ReportCatalog& catalog, const ComplianceQuery& q,
               Folder& folder) {
  const auto& g = q.group_by;
  const bool tags = Has(g, ReportDim::kSjumilssteget);
  const bool service = Has(g, ReportDim::kService);
  const bool unit = Has(g, ReportDim::kUnit);
  const bool step = Has(g, ReportDim::kStep);
  const bool level = Has(g, ReportDim::kLevel);
  const bool version = Has(g, ReportDim::kRoutineVersion);
  const bool month = Has(g, ReportDim::kMonth) || Has(g, ReportDim::kYear);

  SqlParams p;
  PeriodParams(p, q);
  const std::string month_sql = month ? MonthIndexSql(dialect, q, p) : "0";

  // A step's tags are resolved in SQL to the index of its tag set, so the
  // statement groups by a handful of sets instead of every step of every
  // routine version.
  const TagSets tag_sets = tags ? MakeTagSets(catalog) : TagSets{};
  std::string with, join;
  if (!tag_sets.steps.empty()) {
    with = "with tagged(tg_r, tg_v, tg_s, tg_i) as (values ";
    for (std::size_t i = 0; i < tag_sets.steps.size(); ++i) {
      const auto& t = tag_sets.steps[i];
      const std::string n = std::to_string(i);
      if (i) with += ", ";
      with += "(:tr" + n + ", cast(:tv" + n + " as integer), :ts" + n +
              ", cast(:ti" + n + " as integer))";
      p.Text("tr" + n, t.routine_id)
          .Int("tv" + n, t.version)
          .Text("ts" + n, t.step)
          .Int("ti" + n, t.set);
    }
    with += ") ";
    join =
        " left join tagged on tg_r = sv.routine_id and tg_v = "
        "sv.routine_version and tg_s = sv.step";
  }

  // Every dimension column is always selected (a constant when not grouped
  // on), so the statement has one shape to bind. Only the whitelisted
  // column names below are ever spliced in, never request text.
  std::vector<std::string> group_cols;
  auto col = [&](bool on, const char* column, const char* constant) {
    if (on) group_cols.emplace_back(column);
    return std::string(on ? column : constant);
  };
  std::string select = with + "select " + col(service, "sv.service", "''") +
                       " as d_s, " + col(unit, "sv.reporter_service", "''") +
                       " as d_u, " + col(step, "sv.step", "''") + " as d_st, " +
                       col(level, "sv.level", "0") + " as d_lv, " +
                       col(version, "sv.routine_version", "0") + " as d_rv, " +
                       col(!join.empty(), "coalesce(tg_i, 0)", "0") +
                       " as d_tg, " + month_sql + " as d_mi, ";
  if (month) group_cols.emplace_back("d_mi");
  group_cols.emplace_back("d_h");
  std::string query =
      select +
      "(sv.left_at - sv.entered_at) / 3600000 as d_h, count(*) as visits "
      "from step_visits sv" +
      join +
      " where sv.tenant = :tenant and sv.entered_at >= :begin and "
      "sv.entered_at < :end and sv.left_at is not null group by ";
  for (std::size_t i = 0; i < group_cols.size(); ++i) {
    if (i) query += ", ";
    query += group_cols[i];
  }

  std::vector<std::string> svc(kBatch), unt(kBatch), stp(kBatch);
  std::vector<int> lvl(kBatch), ver(kBatch), tg(kBatch), mi(kBatch);
  std::vector<long long> hours(kBatch), visits(kBatch);
  soci::statement st(sql);
  st.exchange(soci::into(svc));
  st.exchange(soci::into(unt));
  st.exchange(soci::into(stp));
  st.exchange(soci::into(lvl));
  st.exchange(soci::into(ver));
  st.exchange(soci::into(tg));
  st.exchange(soci::into(mi));
  st.exchange(soci::into(hours));
  st.exchange(soci::into(visits));
  p.BindTo(st);
  PrepareOnce(st, query);

  // No ORDER BY: it would turn PostgreSQL's hash aggregate into a sort of
  // every visit. The rows of one group (one per hour) are gathered here.
  struct Partial {
    VisitDims dims;
    int tag_set = 0;
    int month_index = 0;
    GroupCounts counts;  // hours only
  };
  std::unordered_map<std::string, Partial> partials;
  std::string key;
  auto resize = [&](std::size_t n) {
    for (auto* v : {&svc, &unt, &stp}) v->resize(n);
    for (auto* v : {&lvl, &ver, &tg, &mi}) v->resize(n);
    for (auto* v : {&hours, &visits}) v->resize(n);
  };
  // execute(true) fetches the first batch; fetch() the following ones.
  for (bool more = st.execute(true); more; more = st.fetch()) {
    for (std::size_t i = 0; i < svc.size(); ++i) {
      key.clear();
      for (const std::string* part : {&svc[i], &unt[i], &stp[i]}) {
        key += *part;
        key += '\x1f';
      }
      for (int part : {lvl[i], ver[i], tg[i], mi[i]}) {
        key += std::to_string(part);
        key += '\x1f';
      }
      auto [it, fresh] = partials.try_emplace(key);
      Partial& p = it->second;
      if (fresh) {
        p.dims.service = svc[i];
        p.dims.unit = unt[i];
        p.dims.step = stp[i];
        p.dims.level = lvl[i];
        p.dims.routine_version = ver[i];
        p.tag_set =
            static_cast<std::size_t>(tg[i]) < tag_sets.sets.size() ? tg[i] : 0;
        p.month_index = mi[i];
      }
      p.counts.hours[hours[i]] += visits[i];
    }
    resize(kBatch);
  }
  for (auto& [k, p] : partials) {
    p.dims.month = AddMonths(q.period.first, p.month_index);
    folder.AddToGroups(
        p.dims, tag_sets.sets[static_cast<std::size_t>(p.tag_set)], p.counts);
  }
}

// The period's visits by cell (every dimension and the month), all counts:
// what the disclosure control rounds, and, summed, the true counts of every
// group and the total (a group is a union of cells). One scan for all
// counts; FoldHours adds the histograms, whose rows are per requested group
// and hour (merging them here would multiply the cells by the hours).
void FoldCells(soci::session& sql, Dialect dialect, const ComplianceQuery& q,
               Folder& folder) {
  SqlParams p;
  PeriodParams(p, q);
  p.Int("now1", ToMillis(q.now)).Int("now2", ToMillis(q.now));
  const bool months = q.period.months() > 1;
  const std::string month_sql = MonthIndexSql(dialect, q, p);
  const std::string query =
      "select sv.service, sv.reporter_service, sv.routine_id, sv.step, "
      "sv.level, sv.routine_version, " +
      month_sql +
      " as d_mi, count(*) as visits, "
      "sum(case when sv.due_at is not null and (sv.left_at is not null or "
      "sv.due_at < :now1) then 1 else 0 end) as decided, "
      "sum(case when sv.left_at <= sv.due_at then 1 else 0 end) as on_time, "
      "sum(case when sv.left_at is null and sv.due_at < :now2 then 1 else 0 "
      "end) as overdue, "
      "sum(case when sv.left_at is not null then 1 else 0 end) as completed, "
      "sum(case when sv.level > sv.prev_level then 1 else 0 end) as up, "
      "sum(case when sv.level < sv.prev_level then 1 else 0 end) as down "
      "from step_visits sv where sv.tenant = :tenant and sv.entered_at >= "
      ":begin and sv.entered_at < :end group by sv.service, "
      "sv.reporter_service, sv.routine_id, sv.step, sv.level, "
      "sv.routine_version" +
      std::string(months ? ", d_mi" : "");

  std::vector<std::string> svc(kBatch), unt(kBatch), rid(kBatch), stp(kBatch);
  std::vector<int> lvl(kBatch), ver(kBatch), mi(kBatch);
  std::vector<long long> visits(kBatch), decided(kBatch), on_time(kBatch),
      overdue(kBatch), completed(kBatch), up(kBatch), down(kBatch);
  soci::statement st(sql);
  st.exchange(soci::into(svc));
  st.exchange(soci::into(unt));
  st.exchange(soci::into(rid));
  st.exchange(soci::into(stp));
  st.exchange(soci::into(lvl));
  st.exchange(soci::into(ver));
  st.exchange(soci::into(mi));
  st.exchange(soci::into(visits));
  st.exchange(soci::into(decided));
  st.exchange(soci::into(on_time));
  st.exchange(soci::into(overdue));
  st.exchange(soci::into(completed));
  st.exchange(soci::into(up));
  st.exchange(soci::into(down));
  p.BindTo(st);
  PrepareOnce(st, query);
  auto resize = [&](std::size_t n) {
    for (auto* v : {&svc, &unt, &rid, &stp}) v->resize(n);
    for (auto* v : {&lvl, &ver, &mi}) v->resize(n);
    for (auto* v :
         {&visits, &decided, &on_time, &overdue, &completed, &up, &down})
      v->resize(n);
  };
  for (bool more = st.execute(true); more; more = st.fetch()) {
    for (std::size_t i = 0; i < svc.size(); ++i) {
      VisitDims v;
      v.service = svc[i];
      v.unit = unt[i];
      v.routine_id = rid[i];
      v.step = stp[i];
      v.level = lvl[i];
      v.routine_version = ver[i];
      v.month = AddMonths(q.period.first, mi[i]);
      GroupCounts c;
      c.n[kVisits] = visits[i];
      c.n[kDecided] = decided[i];
      c.n[kLeftOnTime] = on_time[i];
      c.n[kOverdueNow] = overdue[i];
      c.n[kCompleted] = completed[i];
      c.n[kLevelUp] = up[i];
      c.n[kLevelDown] = down[i];
      folder.Add(v, c);
    }
    resize(kBatch);
  }
}

}  // namespace

// The two aggregates over the period's visits. On PostgreSQL they run in
// a transaction of their own, so these settings end with it:
//   - enable_sort off: PostgreSQL estimates the number of cells as the
//     product of each column's distinct values (a hundred thousand for the
//     benchmark's three thousand) and would sort every visit to disk
//     instead of hashing: twice the time. A cell count never comes near
//     that.
//   - jit off: the aggregates cost enough for PostgreSQL to compile them
//     with LLVM, which took longer (50-350 ms per statement, see
//     docs/performance.md) than it saved on a million rows.
void FoldVisits(soci::session& sql, Dialect dialect,
                const ReportCatalog& catalog, const ComplianceQuery& q,
                Folder& folder) {
  std::optional<soci::transaction> settings;
  if (dialect == Dialect::kPostgresql) {
    settings.emplace(sql);
    sql << "set local enable_sort = off";
    sql << "set local jit = off";
  }
  FoldCells(sql, dialect, q, folder);
  FoldHours(sql, dialect, catalog, q, folder);
  if (settings) settings->commit();
}

}  // namespace stafett::store::report_fold
