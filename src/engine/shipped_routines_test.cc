// The property test of property_test.cc over every routine shipped in
// workflows/, loaded with the real loader.
#include <gtest/gtest.h>

#include "engine/test_walk.h"
#include "routine/loader.h"

namespace stafett::engine {
namespace {

using namespace testing;

std::vector<routine::LoadResult> Shipped() {
  return routine::LoadRoutineDir(STAFETT_SOURCE_DIR "/workflows");
}

TEST(ShippedRoutinesTest, RandomWalksStayLegal) {
  auto loaded = Shipped();
  if (loaded.empty()) GTEST_SKIP() << "no routine files in workflows/";
  for (const auto& result : loaded) {
    std::string diagnostics;
    for (const auto& d : result.diagnostics) diagnostics += d.ToString() + "\n";
    ASSERT_TRUE(result.ok()) << diagnostics;
    const routine::Routine& r = *result.routine;
    SCOPED_TRACE(r.source_name);
    WalkStats all;
    for (std::uint32_t seed = 1; seed <= 5 && !HasFailure(); ++seed) {
      WalkStats s = RandomWalks(r, seed, 100, 80);
      all.accepted += s.accepted;
      all.steps.insert(s.steps.begin(), s.steps.end());
      all.commands.insert(s.commands.begin(), s.commands.end());
    }
    EXPECT_GT(all.accepted, 1000);
    EXPECT_EQ(all.commands.size(), 11u);  // every command type
    // Random walks need not reach every step of a large routine, but most.
    EXPECT_GE(all.steps.size() * 4, r.steps.size() * 3)
        << all.steps.size() << " of " << r.steps.size() << " steps reached";
  }
}

TEST(ShippedRoutinesTest, EveryStepCanStillBeClosed) {
  for (const auto& result : Shipped()) {
    ASSERT_TRUE(result.ok());
    const routine::Routine& r = *result.routine;
    ASSERT_NE(r.FindStep(r.abuse_step), nullptr) << r.source_name;
    for (const auto& s : r.steps) {
      EXPECT_TRUE(ClosedStepReachable(r, s.id))
          << r.source_name << ": " << s.id;
    }
  }
}

}  // namespace
}  // namespace stafett::engine
