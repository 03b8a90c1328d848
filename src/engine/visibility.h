// Who may see a case, listed: engine::CanSee made enumerable, so that the
// store can keep one row per (case, service) and the worklist can page
// through the rows of one service in index order (docs/store.md,
// "case_visibility").
//
// CanSee stays the one rule: WhoSees asks CanSeeAssuming (rules.h) about
// every service the rule could name, with consent assumed effective and
// not, and turns the answer into a date window. For every `now`:
//   CanSee(snap, s, now)  <=>  some Sight of s has
//                              FormatDate(OsloDate(now)) <= seen_through.
// (visibility_test.cc checks this for random snapshots, services and
// times; the store's property test checks the stored rows.)
//
// Thread-safety: pure functions.
#ifndef STAFETT_ENGINE_VISIBILITY_H_
#define STAFETT_ENGINE_VISIBILITY_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "engine/case.h"

namespace stafett::engine {

// seen_through of a service whose sight does not hang on consent.
inline constexpr std::string_view kSeenAlways = "9999-12-31";

struct Sight {
  std::string service;
  // The last Oslo date (YYYY-MM-DD, inclusive) on which the service sees
  // the case: the consent's valid_until when only effective consent lets
  // it in, kSeenAlways otherwise. ISO dates compare as strings.
  std::string seen_through;
  // The case is on the service's own worklist (HasWorkOn, roles.h): what a
  // worker lists; unit leaders and coordinators list every Sight.
  bool work = false;

  friend bool operator==(const Sight&, const Sight&) = default;
};

// Every service that sees `snap` now or until some date, sorted by service,
// one Sight each. Empty services never see anything.
std::vector<Sight> WhoSees(const Snapshot& snap);

// The Oslo date `now` falls on, as WhoSees' seen_through compares it.
std::string SightDate(TimePoint now);

}  // namespace stafett::engine

#endif  // STAFETT_ENGINE_VISIBILITY_H_
