// Property: whatever sequence of commands arrives, in any order, by any
// service, at any time, every snapshot the engine hands back is legal
// (test_walk.h IsLegal), every Decision is well formed, and the engine
// never fails with kInternal.
#include <gtest/gtest.h>

#include "engine/test_routines.h"
#include "engine/test_walk.h"

namespace stafett::engine {
namespace {

using namespace testing;

TEST(PropertyTest, RandomWalksOverTheTestRoutineStayLegal) {
  auto r = BtiRoutine();
  WalkStats all;
  for (std::uint32_t seed = 1; seed <= 10 && !HasFailure(); ++seed) {
    WalkStats s = RandomWalks(r, seed, 100, 60);
    all.accepted += s.accepted;
    all.steps.insert(s.steps.begin(), s.steps.end());
    all.commands.insert(s.commands.begin(), s.commands.end());
    all.refusal_codes.insert(s.refusal_codes.begin(), s.refusal_codes.end());
  }
  // The walks must get somewhere, not bounce off refusals.
  EXPECT_GT(all.accepted, 2000);
  EXPECT_EQ(all.steps.size(), r.steps.size());
  EXPECT_EQ(all.commands.size(), 11u);  // every command type
  EXPECT_EQ(all.refusal_codes,
            (std::set<std::string>{"invalid_argument", "not_allowed",
                                   "permission_denied"}));
}

TEST(PropertyTest, RandomWalksOverFieldsRoutineStayLegal) {
  using routine::FieldType;
  auto r = RoutineWithFields(
      {Spec("t", FieldType::kText), Spec("d", FieldType::kDate),
       Spec("dt", FieldType::kDateTime, false), Spec("s", FieldType::kService),
       Spec("ss", FieldType::kServices, false),
       Spec("n", FieldType::kInteger, false), Spec("b", FieldType::kBoolean),
       Spec("c", FieldType::kChoice, true, {"a", "b"})});
  WalkStats s = RandomWalks(r, 7, 300, 20);
  EXPECT_GT(s.accepted, 300);
  EXPECT_EQ(s.steps.size(), 2u);
}

TEST(PropertyTest, ClosedStepReachableFromEveryTestStep) {
  auto r = BtiRoutine();
  for (const auto& s : r.steps) {
    EXPECT_TRUE(ClosedStepReachable(r, s.id)) << s.id;
  }
}

}  // namespace
}  // namespace stafett::engine
