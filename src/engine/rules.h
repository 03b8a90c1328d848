// Internal to the engine: who is responsible, who may see a case, and what
// consent covers. These are the rules no routine can turn off; engine.h
// exposes ConsentEffective and CanSee, which are defined in rules.cc.
//
// Thread-safety: pure functions.
#ifndef STAFETT_ENGINE_RULES_H_
#define STAFETT_ENGINE_RULES_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "engine/case.h"
#include "routine/model.h"

namespace stafett::engine {

// The built-in level-0 outcome that no routine can remove.
inline constexpr std::string_view kSuspectedAbuse = "suspected_abuse";

// The service responsible for `step` in `snap`: the reporter, the baton
// holder (the reporter while nobody holds it) or the named service.
std::string ResponsibleFor(const routine::Step& step, const Snapshot& snap);

// The services consent must cover for the case to enter `to` (rule c):
// nothing for a closed step, a step that collects consent (consent:
// collect) or a step the case is at level 0 in (unless the step says
// consent: required); otherwise the service responsible for `to` and the
// baton holder, who follows the case.
std::vector<std::string> ServicesEntering(const routine::Step& to,
                                          const Snapshot& snap);

// fmtcore (issue 12): the level a case has once it entered `to`: the
// case's own level for a step that keeps it (keep_level, consent: collect;
// not for a closed step), else the step's.
int LevelEntering(const routine::Step& to, const Snapshot& snap);

// CanSee with the consent's effectiveness given rather than derived from a
// date; used to ask who could see the case before a consent lapsed.
bool CanSeeAssuming(const Snapshot& snap, const std::string& service,
                    bool consent_effective);

// The services in `services` that effective consent does not cover now
// (all of them when there is no effective consent), sorted and unique.
std::vector<std::string> NotCovered(const Snapshot& snap,
                                    const std::vector<std::string>& services,
                                    TimePoint now);

// Ok when effective consent covers every one of `services`; otherwise
// kNotAllowed naming the services missing. `what` says what needs the
// consent, e.g. "Steget 'tiltak' er på nivå 1".
Status RequireConsent(const Snapshot& snap,
                      const std::vector<std::string>& services, TimePoint now,
                      const std::string& what);

// Whether the actor works on the case now: the reporter, the responsible
// service of the current step or the baton holder.
bool IsCaseWorker(const Snapshot& snap, const routine::Step& step,
                  const std::string& service);

// kPermissionDenied unless `actor` may see `snap` now.
Status RequireSight(const Snapshot& snap, const Actor& actor, TimePoint now);

// "a, b, c"; "(ingen)" when empty.
std::string JoinNames(const std::vector<std::string>& names);
// "'a'"
std::string Quoted(std::string_view s);

}  // namespace stafett::engine

#endif  // STAFETT_ENGINE_RULES_H_
