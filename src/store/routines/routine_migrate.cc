#include "store/routines/routine_migrate.h"

#include <algorithm>
#include <tuple>

#include <soci/soci.h>

#include "engine/migrate_case.h"
#include "store/routines/routine_versions.h"
#include "store/sql/sql_params.h"

namespace stafett::store {

namespace {

struct OpenCase {
  std::string id, reference;
};

std::vector<OpenCase> ListOpen(Database& db, const std::string& tenant,
                               const std::string& routine_id) {
  std::vector<OpenCase> out;
  auto lease = db.Acquire();
  std::string t = tenant, r = routine_id, id, ref;
  soci::statement st(*lease);
  st.exchange(soci::into(id));
  st.exchange(soci::into(ref));
  st.exchange(soci::use(t, "tenant"));
  st.exchange(soci::use(r, "routine_id"));
  PrepareOnce(st,
              "select id, reference from cases where tenant = :tenant and "
              "routine_id = :routine_id and status = 'open' order by "
              "reference");
  st.execute();
  while (st.fetch()) out.push_back({id, ref});
  return out;
}

std::string TargetStep(const CaseMigrationRequest& r, const std::string& step) {
  auto it = r.map.find(step);
  return it == r.map.end() ? step : it->second;
}

}  // namespace

Result<CaseMigrationReport> MigrateOpenCases(
    CaseStore& store, const CaseMigrationRequest& request, const Clock& clock) {
  Database& db = store.database();
  auto found = FindRoutineVersion(db, request.tenant, request.routine_id,
                                  request.to_version);
  if (found.empty()) {
    return Status::NotFound("Rutinen «" + request.routine_id +
                            "» har ingen lagret versjon " +
                            std::to_string(request.to_version) + ".");
  }
  auto target = StoredRoutine(db, found.front().hash);
  if (!target) {
    return Status(Code::kInternal, "stored routine version does not load");
  }
  CaseMigrationReport report;
  report.dry_run = request.dry_run;
  report.to = request.to_version;
  report.to_hash = target->hash;

  // Plan: every open case, read once.
  const std::vector<OpenCase> open =
      ListOpen(db, request.tenant, request.routine_id);
  std::map<std::tuple<int, std::string, std::string>, int> counts;
  std::vector<std::string> to_move;  // case ids, in reference order
  const TimePoint now = clock.Now();
  for (const auto& c : open) {
    auto snap = store.GetCase(request.tenant, c.id);
    if (!snap || snap->status != engine::CaseStatus::kOpen) continue;
    CaseMigrationRow m;
    m.reference = snap->reference;
    m.from_version = snap->routine_version;
    m.from_step = snap->step;
    ++report.total;
    if (snap->routine_hash == target->hash) {
      m.to_step = snap->step;
      m.outcome = "already";
      ++report.already;
      report.cases.push_back(m);
      continue;
    }
    m.to_step = TargetStep(request, snap->step);
    m.outcome = engine::MigrationRefusal(*snap, *target, m.to_step, now);
    if (m.outcome == "no_target") m.to_step.clear();
    if (!m.outcome.empty()) ++report.refused;
    ++counts[{m.from_version, m.from_step, m.to_step}];
    to_move.push_back(c.id);
    report.cases.push_back(m);
  }
  for (const auto& [key, n] : counts) {
    report.by_step.push_back(
        {std::get<0>(key), std::get<1>(key), std::get<2>(key), n});
  }
  if (report.refused_run() || request.dry_run) return report;

  // Move: one transaction per case, re-planned on the row as it is then.
  int done = report.already;
  std::size_t index = 0;
  for (const auto& id : to_move) {
    while (index < report.cases.size() && !report.cases[index].outcome.empty())
      ++index;  // the plan rows of cases to move, in the same order
    CaseMigrationRow* row =
        index < report.cases.size() ? &report.cases[index++] : nullptr;
    std::string outcome;
    auto moved = store.ExecuteCommand(
        request.tenant, id, std::nullopt,
        [&](const engine::Snapshot& cur) -> Result<engine::Decision> {
          if (cur.routine_hash == target->hash) {
            outcome = "already";  // another runner was first
            return Status(Code::kNotAllowed, "already", "already");
          }
          return engine::MigrateCase(cur, *target,
                                     TargetStep(request, cur.step),
                                     request.actor, clock.Now());
        });
    if (moved.ok()) {
      outcome = "migrated";
      ++report.migrated;
    } else if (outcome == "already") {
      ++report.already;
    } else if (moved.status().code() == Code::kNotAllowed) {
      // The case changed since the plan (closed, or moved to a step
      // without a target): reported, the rest go on.
      outcome = moved.status().field();
      ++report.refused;
    } else {
      return moved.status();
    }
    if (row) row->outcome = outcome;
    ++done;
    if (request.progress) request.progress(done, report.total);
  }
  return report;
}

}  // namespace stafett::store
