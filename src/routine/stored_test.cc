// Stored versions load with the rules of their own time; the diff an
// administrator reviews before publishing.
#include "routine/stored.h"

#include <gtest/gtest.h>

#include "routine/diff.h"
#include "routine/loader.h"
#include "routine/test_fixtures.h"

namespace stafett::routine {
namespace {

using testing::Fixture;
using testing::kStart;

// A step at level 4: ValidateRoutine refuses it today. Stands for a rule
// tightened after a version was stored: the version stays loadable.
const std::string kTightened = Fixture(
    "  - {id: start, kind: concern, level: 4, title: S, responsible: "
    "reporter, deadline: P1D, outcomes: [{name: a, to: slutt}]}\n");

TEST(StoredRoutine, NewVersionsMeetTodaysRulesStoredOnesLoadAnyway) {
  LoadResult fresh = LoadRoutineText(kTightened, "ny.yaml");
  ASSERT_FALSE(fresh.ok());
  EXPECT_NE(fresh.diagnostics.front().message.find("nivå"), std::string::npos)
      << fresh.diagnostics.front().ToString();

  LoadResult stored = LoadStoredRoutineText(kTightened, "routine_versions/x");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored.routine->FindStep("start")->level, 4);
  EXPECT_EQ(stored.routine->source_text, kTightened);
}

TEST(StoredRoutine, TextThatIsNoLongerARoutineStillFails) {
  EXPECT_FALSE(LoadStoredRoutineText("routine: [", "x").ok());
}

TEST(VersionCache, SharesOneParsedVersionByHash) {
  VersionCache cache;
  auto a = LoadRoutineText(Fixture(kStart), "a.yaml").routine;
  ASSERT_TRUE(a);
  EXPECT_EQ(cache.Find(a->hash), nullptr);
  auto b = cache.FromSource(a->hash, a->source_text, "stored");
  ASSERT_TRUE(b);
  EXPECT_EQ(cache.FromSource(a->hash, "ignored", "stored"), b);
  EXPECT_EQ(cache.FromSource("0000", a->source_text, "stored"), nullptr)
      << "a source whose hash differs is not the version asked for";
}

struct DiffCase {
  const char* name;
  std::string step;  // replaces kStart in the new version
  std::vector<std::string> added, removed;
  std::vector<std::string> changed_what;  // of step "start"
};

TEST(RoutineDiff, NamesWhatChangedPerStep) {
  const std::string other =
      "  - {id: ny, kind: action, level: 0, title: N, responsible: reporter, "
      "deadline: P2D, outcomes: [{name: a, to: slutt}]}\n";
  const std::vector<DiffCase> cases = {
      {"same", std::string(kStart), {}, {}, {}},
      {"deadline",
       "  - {id: start, kind: concern, level: 0, title: S, responsible: "
       "reporter, deadline: P2D, outcomes: [{name: a, to: slutt}]}\n",
       {},
       {},
       {"deadline"}},
      {"title and responsible",
       "  - {id: start, kind: concern, level: 0, title: Ny, responsible: "
       "skole, deadline: P1D, outcomes: [{name: a, to: slutt}]}\n",
       {},
       {},
       {"title", "responsible"}},
      {"outcome target",
       "  - {id: start, kind: concern, level: 0, title: S, responsible: "
       "reporter, deadline: P1D, outcomes: [{name: a, to: meld}]}\n",
       {},
       {},
       {"outcomes"}},
      {"step added",
       "  - {id: start, kind: concern, level: 0, title: S, responsible: "
       "reporter, deadline: P1D, outcomes: [{name: a, to: ny}]}\n" +
           other,
       {"ny"},
       {},
       {"outcomes"}},
      {"step renamed",
       "  - {id: begynn, kind: concern, level: 0, title: S, responsible: "
       "reporter, deadline: P1D, outcomes: [{name: a, to: slutt}]}\n",
       {"begynn"},
       {"start"},
       {}},
  };
  auto from = LoadRoutineText(Fixture(kStart), "v1").routine;
  ASSERT_TRUE(from);
  for (const auto& c : cases) {
    std::string text = Fixture(c.step);
    // `initial` defaults to the first step; a renamed first step is fine.
    auto to = LoadRoutineText(text, "v2");
    ASSERT_TRUE(to.ok()) << c.name << ": " << to.diagnostics.front().ToString();
    RoutineDiff d = DiffRoutines(*from, *to.routine);
    EXPECT_EQ(d.steps_added, c.added) << c.name;
    EXPECT_EQ(d.steps_removed, c.removed) << c.name;
    std::vector<std::string> what;
    for (const auto& s : d.steps_changed) {
      if (s.step == "start") what = s.what;
    }
    EXPECT_EQ(what, c.changed_what) << c.name;
    EXPECT_EQ(d.Changes("start"), !c.changed_what.empty() || !c.removed.empty())
        << c.name;
    EXPECT_FALSE(d.Changes("slutt")) << c.name;
  }
}

}  // namespace
}  // namespace stafett::routine
