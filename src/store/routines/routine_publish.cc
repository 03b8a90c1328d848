#include "store/routines/routine_publish.h"

#include <algorithm>
#include <map>

#include "routine/loader.h"
#include "routine/stored.h"

namespace stafett::store {

PublishCheck CheckPublish(Database& db, std::string_view text,
                          const std::string& name, const std::string& tenant) {
  PublishCheck c;
  routine::LoadResult loaded = routine::LoadRoutineText(text, name);
  c.diagnostics = std::move(loaded.diagnostics);
  if (!loaded.ok()) return c;
  c.routine = loaded.routine;
  const routine::Routine& r = *c.routine;
  if (!tenant.empty() && r.tenant != tenant) {
    c.refusal_code = "tenant_mismatch";
    c.refusal_detail = "Rutinen gjelder kommunen «" + r.tenant +
                       "», ikke din («" + tenant + "»).";
    return c;
  }

  for (const auto& cur : CurrentRoutines(db)) {
    if (cur->tenant == r.tenant && cur->id == r.id) c.against = cur;
    if (cur->tenant != r.tenant &&
        cur->reference_prefix == r.reference_prefix && c.refusal_code.empty()) {
      c.refusal_code = "prefix_taken";
      c.refusal_detail = "Saksnummerprefikset «" + r.reference_prefix +
                         "» brukes allerede av kommunen «" + cur->tenant +
                         "». Velg et annet reference_prefix.";
    }
  }
  for (const auto& v : FindRoutineVersion(db, r.tenant, r.id, r.version)) {
    if (v.hash == r.hash) c.already_published = true;
  }
  if (!c.already_published) {
    auto same = FindRoutineVersion(db, r.tenant, r.id, r.version);
    if (!same.empty()) {
      c.refusal_code = "version_exists";
      c.refusal_detail =
          "Versjon " + std::to_string(r.version) + " av «" + r.id +
          "» er allerede publisert med annet innhold (sha256 " +
          same.front().hash.substr(0, 12) +
          "). Øk versjonsnummeret (version: " +
          std::to_string(
              std::max(r.version, c.against ? c.against->version : 0) + 1) +
          ") og publiser på nytt.";
    } else if (c.against && r.version < c.against->version) {
      c.refusal_code = "version_not_newer";
      c.refusal_detail = "Gjeldende versjon av «" + r.id + "» er " +
                         std::to_string(c.against->version) +
                         "; en ny versjon må ha et høyere nummer (version: " +
                         std::to_string(c.against->version + 1) + ").";
    }
  }

  c.diff = c.against ? routine::DiffRoutines(*c.against, r)
                     : routine::RoutineDiff{{}, {}, {}};
  if (!c.against) {
    for (const auto& s : r.steps) c.diff->steps_added.push_back(s.id);
  }
  std::map<std::string, int> by_step;
  for (const auto& [key, n] : OpenCasesByVersionStep(db, r.tenant, r.id)) {
    by_step[key.second] += n;
    c.open_cases += n;
  }
  for (const auto& [step, n] : by_step) {
    c.by_step.push_back({step, n, c.diff->Changes(step)});
  }
  return c;
}

Published Publish(Database& db, const PublishCheck& check, TimePoint now) {
  Published p = PublishRoutineVersion(db, *check.routine, now);
  if (p.result != PublishResult::kVersionExists) {
    routine::VersionCache::Process().Put(check.routine);
  }
  return p;
}

}  // namespace stafett::store
