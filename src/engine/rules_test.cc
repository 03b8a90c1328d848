// The access rules: effective consent, who sees a case, who is responsible.
#include "engine/rules.h"

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/test_routines.h"

namespace stafett::engine {
namespace {

using namespace testing;

Snapshot WithConsent(Sharing sharing, std::string valid_until) {
  Snapshot s;
  s.reporter_service = kSchool;
  s.sharing = sharing;
  s.consent =
      Consent{"guardians", {kSchool, kPpt}, std::move(valid_until), T0()};
  return s;
}

struct EffectiveRow {
  std::string name;
  Sharing sharing;
  bool has_consent;
  std::string valid_until;
  std::string now;
  bool effective;
};

class ConsentEffectiveTest : public ::testing::TestWithParam<EffectiveRow> {};

TEST_P(ConsentEffectiveTest, Decides) {
  const auto& row = GetParam();
  Snapshot s = WithConsent(row.sharing, row.valid_until);
  if (!row.has_consent) s.consent.reset();
  EXPECT_EQ(ConsentEffective(s, At(row.now)), row.effective);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ConsentEffectiveTest,
    ::testing::Values(
        EffectiveRow{"Anonymous", Sharing::kAnonymous, false, "",
                     "2026-03-02T09:00:00Z", false},
        EffectiveRow{"Valid", Sharing::kConsented, true, "2026-12-31",
                     "2026-03-02T09:00:00Z", true},
        // valid_until is inclusive, in Oslo time (UTC+1 in winter).
        EffectiveRow{"LastOsloMinute", Sharing::kConsented, true, "2026-03-10",
                     "2026-03-10T22:59:59Z", true},
        EffectiveRow{"OsloMidnight", Sharing::kConsented, true, "2026-03-10",
                     "2026-03-10T23:00:00Z", false},
        EffectiveRow{"SummerMidnight", Sharing::kConsented, true, "2026-06-10",
                     "2026-06-10T22:00:00Z", false},
        EffectiveRow{"SummerLastMinute", Sharing::kConsented, true,
                     "2026-06-10", "2026-06-10T21:59:00Z", true},
        EffectiveRow{"Withdrawn", Sharing::kWithdrawn, true, "2026-12-31",
                     "2026-03-02T09:00:00Z", false},
        EffectiveRow{"ConsentedWithoutRecord", Sharing::kConsented, false, "",
                     "2026-03-02T09:00:00Z", false},
        EffectiveRow{"UnreadableDate", Sharing::kConsented, true, "31.12.2026",
                     "2026-03-02T09:00:00Z", false}),
    [](const auto& info) { return info.param.name; });

struct SeeRow {
  std::string name;
  int level;
  Sharing sharing;
  std::string service;
  bool sees;
};

class CanSeeTest : public ::testing::TestWithParam<SeeRow> {};

// The case: reported by skole, responsible ppt, baton held by helsestasjon
// and offered to barnevern; consent (when given) covers skole and ppt.
TEST_P(CanSeeTest, Decides) {
  const auto& row = GetParam();
  Snapshot s = WithConsent(row.sharing, "2026-12-31");
  s.level = row.level;
  s.responsible_service = kPpt;
  s.baton = BatonState::kOffered;
  s.baton_holder = kHealth;
  s.baton_offered_to = kChildWelfare;
  EXPECT_EQ(CanSee(s, row.service, T0()), row.sees);
}

INSTANTIATE_TEST_SUITE_P(
    Table, CanSeeTest,
    ::testing::Values(
        SeeRow{"ReporterAlways", 2, Sharing::kWithdrawn, kSchool, true},
        SeeRow{"ReporterAnonymousLevel3", 3, Sharing::kAnonymous, kSchool,
               true},
        SeeRow{"ResponsibleAtLevel0", 0, Sharing::kAnonymous, kPpt, true},
        SeeRow{"HolderAtLevel0", 0, Sharing::kAnonymous, kHealth, true},
        SeeRow{"OffereeAtLevel0", 0, Sharing::kAnonymous, kChildWelfare, true},
        SeeRow{"OutsiderAtLevel0", 0, Sharing::kAnonymous, kNav, false},
        SeeRow{"InScopeAbove0", 2, Sharing::kConsented, kPpt, true},
        SeeRow{"HolderOutOfScopeAbove0", 2, Sharing::kConsented, kHealth,
               false},
        SeeRow{"OffereeOutOfScopeAbove0", 1, Sharing::kConsented, kChildWelfare,
               false},
        SeeRow{"ResponsibleAfterWithdrawal", 1, Sharing::kWithdrawn, kPpt,
               false},
        SeeRow{"ResponsibleAnonymousAbove0", 1, Sharing::kAnonymous, kPpt,
               false},
        SeeRow{"Nobody", 0, Sharing::kConsented, "", false}),
    [](const auto& info) { return info.param.name; });

TEST(RulesTest, ResponsibleForEachKind) {
  auto r = BtiRoutine();
  Snapshot s;
  s.reporter_service = kSchool;
  EXPECT_EQ(ResponsibleFor(*r.FindStep("undring"), s), kSchool);
  EXPECT_EQ(ResponsibleFor(*r.FindStep("drofting"), s), kPpt);
  // Nobody holds the baton: the reporter stands in.
  EXPECT_EQ(ResponsibleFor(*r.FindStep("plan1"), s), kSchool);
  s.baton_holder = kHealth;
  s.baton_offered_to = kPpt;
  // An offer does not move responsibility; only acceptance does.
  EXPECT_EQ(ResponsibleFor(*r.FindStep("plan1"), s), kHealth);
}

TEST(RulesTest, NotCoveredIsSortedAndUnique) {
  Snapshot s = WithConsent(Sharing::kConsented, "2026-12-31");
  EXPECT_EQ(NotCovered(s, {kNav, kPpt, kHealth, kNav}, T0()),
            (std::vector<std::string>{kHealth, kNav}));
  s.sharing = Sharing::kWithdrawn;
  EXPECT_EQ(NotCovered(s, {kPpt}, T0()), (std::vector<std::string>{kPpt}));
}

}  // namespace
}  // namespace stafett::engine
