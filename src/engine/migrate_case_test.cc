// MigrateCase: which cases cannot move to which step, and what a move does.
#include "engine/migrate_case.h"

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/test_routines.h"

namespace stafett::engine {
namespace {

using namespace testing;  // engine/test_routines.h

Snapshot Opened(const routine::Routine& r) {
  NewCase n{"0123456789abcdef0123456789abcdef",
            "TST-2026-0042",
            "6-12",
            {},
            "Bekymring."};
  auto d = OpenCase(r, n, Actor{"nesseby", kSchool, Role::kWorker}, T0());
  EXPECT_TRUE(d.ok());
  return d->snapshot;
}

TEST(MigrateCaseTest, RefusesStepsACaseCannotStandOn) {
  routine::Routine to = BtiRoutine();
  to.version += 1;
  to.hash = "v2";
  Snapshot open = Opened(BtiRoutine());
  Snapshot closed = open;
  closed.status = CaseStatus::kClosed;
  struct Row {
    const char* name;
    const Snapshot* snap;
    std::string step;
    std::string refusal;
  };
  const Row rows[] = {
      {"same step", &open, "undring", ""},
      {"another level-0 step", &open, "observasjon", ""},
      {"no such step", &open, "borte", "no_target"},
      {"a closed step", &open, "avsluttet", "target_closed"},
      {"level 1 without consent", &open, "plan1", "no_consent"},
      {"a closed case", &closed, "undring", "closed"},
  };
  Actor admin{"nesseby", "admin", Role::kAdmin};
  for (const Row& row : rows) {
    EXPECT_EQ(MigrationRefusal(*row.snap, to, row.step, T0()), row.refusal)
        << row.name;
    auto d = MigrateCase(*row.snap, to, row.step, admin, T0());
    EXPECT_EQ(d.ok(), row.refusal.empty()) << row.name;
    if (!d.ok()) {
      EXPECT_EQ(d.status().field(), row.refusal) << row.name;
    }
  }
}

TEST(MigrateCaseTest, AnotherStepIsEnteredNowAndItsServiceIsTold) {
  routine::Routine to = BtiRoutine();
  to.version += 1;
  to.hash = "v2";
  Snapshot open = Opened(BtiRoutine());
  const TimePoint later = T0() + std::chrono::hours(30);
  auto d = MigrateCase(open, to, "drofting",
                       Actor{"nesseby", "admin", Role::kAdmin}, later);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->snapshot.routine_hash, "v2");
  EXPECT_EQ(d->snapshot.routine_version, to.version);
  EXPECT_EQ(d->snapshot.step, "drofting");
  EXPECT_EQ(d->snapshot.responsible_service, "ppt");
  EXPECT_EQ(d->snapshot.step_entered_at, later);
  ASSERT_TRUE(d->left);
  EXPECT_EQ(d->left->outcome, "routine_migrated");
  ASSERT_TRUE(d->entered);
  EXPECT_EQ(d->entered->step, "drofting");
  ASSERT_EQ(d->journal.size(), 1u);
  EXPECT_EQ(d->journal[0].kind, "routine_migrated");
  bool told = false;
  for (const auto& e : d->effects) {
    told = told || (e.kind == Effect::Kind::kNotify && e.service == "ppt" &&
                    e.event == "step_assigned");
  }
  EXPECT_TRUE(told);
}

}  // namespace
}  // namespace stafett::engine
