// The tenant's closures (routine `calendar`) in the engine's due times: a
// baton offer's answer window counts working days on the routine's
// calendar. (Step deadlines carry the calendar in their DeadlineSpec, set
// by the routine reader; routine/validate_escalation_test.cc covers that.)
#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/test_routines.h"

namespace stafett::engine {
namespace {

using namespace std::chrono;
using namespace testing;

TimePoint BatonDue(const routine::Routine& r) {
  Snapshot s = BtiCaseAt(r, "vurdering");
  auto d = Apply(s, r, OfferCmd(kPpt), As(kSchool), T0());
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  if (!d.ok()) return T0();
  for (const auto& e : d->effects) {
    if (e.kind == Effect::Kind::kSetDeadline && e.deadline_kind == "baton")
      return e.due_at;
  }
  ADD_FAILURE() << "no baton deadline";
  return T0();
}

TEST(ClosuresTest, TheBatonAnswerWindowSkipsTheTenantsClosures) {
  // T0 is Monday 2 March 2026, 10:00 Oslo.
  const struct {
    const char* name;
    std::vector<Closure> closures;
    const char* due;
  } rows[] = {
      {"no closures: 5 working days", {}, "2026-03-09T09:00:00Z"},
      {"Wednesday to Friday closed",
       {{false, 2026y / 3 / 4, 2026y / 3 / 6}},
       "2026-03-12T09:00:00Z"},
      {"an annual closure that does not touch the window",
       {{true, 2000y / 12 / 24, 2000y / 1 / 1}},
       "2026-03-09T09:00:00Z"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    auto r = BtiRoutine();
    if (!row.closures.empty()) {
      r.settings.calendar = std::make_shared<const WorkCalendar>(row.closures);
    }
    EXPECT_EQ(FormatUtc(BatonDue(r)), row.due);
  }
}

}  // namespace
}  // namespace stafett::engine
