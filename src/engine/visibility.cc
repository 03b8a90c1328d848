#include "engine/visibility.h"

#include <algorithm>
#include <set>

#include "engine/engine.h"
#include "engine/roles.h"
#include "engine/rules.h"

namespace stafett::engine {

std::vector<Sight> WhoSees(const Snapshot& snap) {
  // Every service CanSeeAssuming can say yes to: the reporter, the team
  // working at level 0, and the consent's scope.
  std::set<std::string> candidates = {snap.reporter_service,
                                      snap.responsible_service,
                                      snap.baton_holder, snap.baton_offered_to};
  if (snap.consent) {
    candidates.insert(snap.consent->services.begin(),
                      snap.consent->services.end());
  }
  candidates.erase("");
  // Effective consent is sharing == consented on or before valid_until
  // (ConsentEffective); an unreadable date never lets anyone in.
  std::string through;
  if (snap.sharing == Sharing::kConsented && snap.consent) {
    auto until = ParseDate(snap.consent->valid_until);
    if (until.ok()) through = FormatDate(*until);
  }
  std::vector<Sight> out;
  for (const auto& s : candidates) {
    Sight sight{s, "", HasWorkOn(snap, s)};
    if (CanSeeAssuming(snap, s, false)) {
      sight.seen_through = std::string(kSeenAlways);
    } else if (!through.empty() && CanSeeAssuming(snap, s, true)) {
      sight.seen_through = through;
    } else {
      continue;
    }
    out.push_back(std::move(sight));
  }
  return out;  // sorted: the set was
}

std::string SightDate(TimePoint now) { return FormatDate(OsloDate(now)); }

}  // namespace stafett::engine
