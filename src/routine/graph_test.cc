#include "routine/graph.h"

#include <gtest/gtest.h>

#include "routine/loader.h"
#include "routine/test_fixtures.h"

namespace stafett::routine {
namespace {

TEST(GraphTest, EveryShippedStepIsReachableAndCanClose) {
  for (const LoadResult& r :
       LoadRoutineDir(std::string(STAFETT_SOURCE_DIR) + "/workflows")) {
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(ReachableSteps(*r.routine).size(), r.routine->steps.size());
    EXPECT_EQ(StepsThatCanClose(*r.routine).size(), r.routine->steps.size());
  }
}

TEST(GraphTest, TheShortcutLeavesOnlyOpenLevelZeroSteps) {
  // kStart (level 0) -> slutt; meld is reached only by the shortcut.
  LoadResult r = LoadRoutineText(testing::Fixture(testing::kStart), "f.yaml");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(ReachableSteps(*r.routine),
            (std::set<std::string>{"start", "meld", "slutt"}));

  Routine from_closed = *r.routine;
  from_closed.initial = "slutt";  // a closed level-0 step takes no shortcut
  EXPECT_EQ(ReachableSteps(from_closed), std::set<std::string>{"slutt"});
}

TEST(GraphTest, StepsThatCanCloseFollowOutcomesOnly) {
  LoadResult r = LoadRoutineText(testing::Fixture(testing::kStart), "f.yaml");
  ASSERT_TRUE(r.ok());
  Routine stuck = *r.routine;
  stuck.steps[0].outcomes[0].to = "start";  // start loops on itself
  EXPECT_EQ(StepsThatCanClose(stuck), (std::set<std::string>{"meld", "slutt"}));
}

}  // namespace
}  // namespace stafett::routine
