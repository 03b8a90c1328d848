// The report's view of a tenant's routines: which Sjumilssteget steps each
// step of each stored routine version is tagged with.
#include <algorithm>
#include <map>
#include <memory>

#include <soci/soci.h>

#include "routine/stored.h"
#include "store/audit/report.h"
#include "store/sql/sql_params.h"

namespace stafett::store {

namespace {

const std::vector<int> kNoTags;

}  // namespace

void ReportCatalog::Add(const routine::Routine& r) {
  Version& v = versions_[{r.id, r.version}];
  for (const auto& s : r.steps) {
    std::vector<int> tags = s.sjumilssteget;
    std::sort(tags.begin(), tags.end());
    tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
    v.tags[s.id] = std::move(tags);
  }
}

const std::vector<int>& ReportCatalog::Tags(const std::string& routine_id,
                                            int version,
                                            const std::string& step) const {
  auto it = versions_.find({routine_id, version});
  if (it == versions_.end()) return kNoTags;
  auto s = it->second.tags.find(step);
  return s == it->second.tags.end() ? kNoTags : s->second;
}

std::vector<ReportCatalog::TaggedStep> ReportCatalog::TaggedSteps() const {
  std::vector<TaggedStep> out;
  for (const auto& [key, v] : versions_) {
    for (const auto& [step, tags] : v.tags) {
      if (!tags.empty()) out.push_back({key.first, key.second, step, tags});
    }
  }
  return out;
}

ReportCatalog LoadReportCatalog(Database& db, const std::string& tenant) {
  ReportCatalog catalog;
  auto lease = db.Acquire();
  std::string t = tenant, hash, name, text;
  soci::statement st(*lease);
  st.exchange(soci::into(hash));
  st.exchange(soci::into(name));
  st.exchange(soci::into(text));
  st.exchange(soci::use(t, "tenant"));
  PrepareOnce(st,
              "select hash, source_name, source_text from routine_versions "
              "where tenant = :tenant order by routine_id, version, loaded_at");
  st.execute();
  while (st.fetch()) {
    // The one cache of parsed versions (routine/stored.h), shared with the
    // HTTP catalogue; stored versions load with the rules of their time.
    auto r = routine::VersionCache::Process().FromSource(hash, text, name);
    if (!r) continue;
    catalog.Add(*r);
  }
  return catalog;
}

}  // namespace stafett::store
