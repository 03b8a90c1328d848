// The expanded-size bounds on YAML documents (routine/yaml_limits.h), and
// every reader of YAML refusing a "billion laughs" document instead of
// walking it.
#include "routine/yaml_limits.h"

#include <string>

#include <gtest/gtest.h>

#include "routine/loader.h"
#include "routine/sim_profile.h"
#include "routine/test_fixtures.h"

namespace stafett::routine {
namespace {

using testing::Fixture;
using testing::kStart;

// Ten aliases per level: level k expands to 10^k copies of "x". Under 1 KB
// of text for any depth that matters.
std::string Laughs(int levels, const std::string& indent = "") {
  std::string s = indent + "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int k = 1; k <= levels; ++k) {
    const std::string prev = "*l" + std::to_string(k - 1);
    s += indent + "l" + std::to_string(k) + ": &l" + std::to_string(k) + " [";
    for (int i = 0; i < 10; ++i) s += (i ? ", " : "") + prev;
    s += "]\n";
  }
  return s;
}

TEST(YamlLimitsTest, AliasesAreCountedAsTheyExpand) {
  // 10^4 leaves and their lists: about 12,000 nodes.
  EXPECT_TRUE(WithinYamlLimits(YAML::Load(Laughs(3))));
  // 10^6 and 10^9 leaves: past the bound, found without walking them all.
  EXPECT_FALSE(WithinYamlLimits(YAML::Load(Laughs(5))));
  EXPECT_FALSE(WithinYamlLimits(YAML::Load(Laughs(8))));
}

TEST(YamlLimitsTest, ALongTextRepeatedByAliasesIsCountedInBytes) {
  std::string doc = "t: &t " + std::string(60'000, 'a') + "\nl: [";
  for (int i = 0; i < 300; ++i) doc += (i ? ", " : "") + std::string("*t");
  doc += "]\n";
  // 300 nodes, but 18 MB of text once expanded.
  EXPECT_FALSE(WithinYamlLimits(YAML::Load(doc)));
}

// Found by the routine fuzzer: an alias inside its own anchor is a cycle.
// Walking it overflowed the stack (200,000 frames before the node bound).
TEST(YamlLimitsTest, AnAliasInsideItsOwnAnchorIsRefused) {
  for (const char* doc : {
           "a: &a [*a]\n",
           "a: &a [x, *a, y]\n",
           "a: &a {k: *a}\n",
           "a: &a {k: [v, {w: *a}]}\n",
           "l0: &l0 [x]\nl1: &l1 [*l1, *l0]\n",
       }) {
    EXPECT_FALSE(WithinYamlLimits(YAML::Load(doc))) << doc;
    const LoadResult r = LoadRoutineText(doc, "cycle.yaml");
    ASSERT_EQ(r.diagnostics.size(), 1u) << doc;
    EXPECT_NE(r.diagnostics[0].message.find("nivåer"), std::string::npos)
        << r.diagnostics[0].message;
  }
}

// Depth is counted with the root as level 1: kMaxYamlDepth levels pass, one
// more is refused.
TEST(YamlLimitsTest, NestingIsBoundedAtTheDepthLimit) {
  const auto nested = [](std::size_t levels) {
    return std::string(levels - 1, '[') + "x" + std::string(levels - 1, ']');
  };
  EXPECT_TRUE(WithinYamlLimits(YAML::Load(nested(kMaxYamlDepth))));
  EXPECT_FALSE(WithinYamlLimits(YAML::Load(nested(kMaxYamlDepth + 1))));
}

TEST(YamlLimitsTest, AShippedRoutineIsFarBelowTheBounds) {
  EXPECT_TRUE(WithinYamlLimits(YAML::Load(Fixture(kStart))));
}

TEST(YamlLimitsTest, TheRoutineLoaderRefusesABillionLaughs) {
  const LoadResult r = LoadRoutineText(Laughs(8), "laughs.yaml");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].line, 1);
  EXPECT_NE(r.diagnostics[0].message.find("ankre og aliaser"),
            std::string::npos)
      << r.diagnostics[0].message;
}

// Where the reader descends: steps, their outcomes, the fields an outcome
// requires and a field's options, each level 40 aliases of the one below
// (2.7 million options from under 2 KB; with 64 KiB, 3,000 per level).
TEST(YamlLimitsTest, TheRoutineLoaderRefusesAliasesThatMultiplySteps) {
  const auto times = [](const std::string& alias) {
    std::string s;
    for (int i = 0; i < 40; ++i) s += ", " + alias;
    return s;
  };
  std::string steps =
      "  - &s {id: start, kind: concern, level: 0, title: S, responsible: "
      "reporter, deadline: P1D, outcomes: [&o {name: a, to: slutt, requires: "
      "[&f {name: c, type: choice, options: [&v v" +
      times("*v") + "]}" + times("*f") + "]}" + times("*o") + "]}\n";
  for (int i = 0; i < 40; ++i) steps += "  - *s\n";
  const LoadResult r = LoadRoutineText(Fixture(steps), "steps.yaml");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.diagnostics.size(), 1u) << r.diagnostics[0].ToString();
  EXPECT_NE(r.diagnostics[0].message.find("ankre og aliaser"),
            std::string::npos);
}

// Below the bounds, one broken rule repeated by aliases is still a short
// answer: the first diagnostics and a count of the rest.
TEST(YamlLimitsTest, ManyDiagnosticsAreCutToTheFirstAndACount) {
  std::string steps = "  - &s " + std::string(kStart.substr(4));
  for (int i = 0; i < 500; ++i) steps += "  - *s\n";
  const LoadResult r = LoadRoutineText(Fixture(steps), "dup.yaml");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.diagnostics.size(), DiagnosticList::kMaxDiagnostics + 1);
  EXPECT_NE(r.diagnostics.back().message.find("og 400 feil til"),
            std::string::npos)
      << r.diagnostics.back().message;
}

TEST(YamlLimitsTest, TheSimulationProfileRefusesABillionLaughs) {
  const LoadResult routine = LoadRoutineText(Fixture(kStart), "r.yaml");
  ASSERT_TRUE(routine.ok());
  const SimProfileResult p =
      ReadSimProfile(Laughs(8), "profile", *routine.routine);
  EXPECT_FALSE(p.profile.has_value());
  ASSERT_FALSE(p.diagnostics.empty());
  EXPECT_NE(p.diagnostics[0].message.find("ankre og aliaser"),
            std::string::npos);
}

}  // namespace
}  // namespace stafett::routine
