// Restoring the machine from a snapshot: for every state reachable in the
// test routine, restore + a command that changes nothing but the version
// (a note) gives back the same snapshot. That proves every region's restore
// choice point lands in the state the snapshot names and that the read-back
// loses nothing.
#include <deque>
#include <map>

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/test_routines.h"
#include "engine/test_walk.h"

namespace stafett::engine {
namespace {

using namespace testing;

std::string StateKey(const Snapshot& s) {
  std::string k = std::string(CaseStatusName(s.status)) + "|" + s.step + "|" +
                  SharingName(s.sharing) + "|" + BatonStateName(s.baton) + "|" +
                  s.baton_holder + ">" + s.baton_offered_to + "|" +
                  s.responsible_service + "|" + s.closed_reason + "|";
  if (s.consent) {
    for (const auto& c : s.consent->services) k += c + ",";
  }
  return k;
}

// Breadth-first over CandidateMoves from a new case, at one instant.
std::map<std::string, Snapshot> ReachableStates(const routine::Routine& r) {
  std::map<std::string, Snapshot> seen;
  Snapshot start = Opened(r);
  seen.emplace(StateKey(start), start);
  std::deque<Snapshot> queue{start};
  while (!queue.empty() && seen.size() < 20000) {
    Snapshot s = queue.front();
    queue.pop_front();
    for (const auto& m : CandidateMoves(r, s, T0())) {
      auto d = Apply(s, r, m.cmd, m.actor, T0());
      if (!d.ok()) continue;
      if (seen.emplace(StateKey(d->snapshot), d->snapshot).second) {
        queue.push_back(d->snapshot);
      }
    }
  }
  return seen;
}

TEST(RestoreTest, EveryReachableStateRoundTrips) {
  auto r = BtiRoutine();
  auto states = ReachableStates(r);
  // Every step, both statuses, every sharing and baton state turn up.
  std::set<std::string> steps, sharings, batons;
  for (const auto& [key, s] : states) {
    steps.insert(s.step);
    sharings.insert(SharingName(s.sharing));
    batons.insert(BatonStateName(s.baton));
  }
  EXPECT_EQ(steps.size(), r.steps.size());
  EXPECT_EQ(sharings.size(), 3u);
  EXPECT_EQ(batons.size(), 3u);
  EXPECT_GT(states.size(), 500u);
  RecordProperty("states", static_cast<int>(states.size()));

  for (const auto& [key, s] : states) {
    EXPECT_TRUE(IsLegal(r, s)) << key;
    auto d = Apply(s, r, NoteCmd(), As(s.reporter_service), T0());
    ASSERT_TRUE(d.ok()) << key << ": " << d.status().ToString();
    Snapshot want = s;
    want.version = s.version + 1;
    EXPECT_EQ(d->snapshot, want) << key;
  }
}

}  // namespace
}  // namespace stafett::engine
