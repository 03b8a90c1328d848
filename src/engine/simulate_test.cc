// The routine simulator: what holds for every routine and seed
// (conservation, only legal transitions, determinism), and that the
// profile steers it.
#include "engine/simulate.h"

#include <gtest/gtest.h>

#include "engine/test_walk.h"
#include "routine/loader.h"

namespace stafett::engine {
namespace {

using routine::SimProfile;

std::vector<std::shared_ptr<const routine::Routine>> Shipped() {
  std::vector<std::shared_ptr<const routine::Routine>> out;
  for (const auto& r :
       routine::LoadRoutineDir(STAFETT_SOURCE_DIR "/workflows")) {
    EXPECT_TRUE(r.ok());
    if (r.ok()) out.push_back(r.routine);
  }
  EXPECT_FALSE(out.empty());
  return out;
}

SimOptions Small(std::uint64_t seed, int cases = 300) {
  SimOptions o;
  o.cases = cases;
  o.months = 12;
  o.seed = seed;
  return o;
}

SimProfile Profile(const routine::Routine& r, const std::string& text) {
  auto p = routine::ReadSimProfile(text, "p.yaml", r);
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.diagnostics.front().ToString());
  return p.ok() ? *p.profile : SimProfile{};
}

TEST(SimulateTest, EveryCaseEndsClosedOrOpen) {
  for (const auto& r : Shipped()) {
    SCOPED_TRACE(r->id);
    for (std::uint64_t seed = 1; seed <= 2; ++seed) {
      auto res = Simulate(*r, SimProfile{}, Small(seed));
      ASSERT_TRUE(res.ok()) << res.status().message();
      EXPECT_EQ(res->closed + res->open, res->cases);
      EXPECT_GT(res->closed, 0);
      EXPECT_EQ(res->refusals, 0) << "a sound routine refuses nothing";
      // Every step entered within the horizon is a service's load.
      int entered = 0, visits = 0;
      for (const auto& l : res->load) {
        for (int n : l.steps_entered) entered += n;
      }
      for (const auto& s : res->steps) {
        visits += s.visits;
        EXPECT_LE(s.finished, s.visits);
        EXPECT_LE(s.missed, s.visits);
      }
      EXPECT_EQ(entered, visits);
    }
  }
}

TEST(SimulateTest, TakesOnlyLegalTransitions) {
  for (const auto& r : Shipped()) {
    SCOPED_TRACE(r->id);
    int checked = 0;
    SimOptions o = Small(7, 200);
    o.observer = [&](const Snapshot& before, const Decision& d,
                     const Command& cmd, const Actor& actor, TimePoint now) {
      ++checked;
      EXPECT_TRUE(testing::IsLegal(*r, d.snapshot));
      if (!before.case_id.empty()) {
        EXPECT_TRUE(testing::IsWellFormed(*r, before, d, actor, now))
            << CommandTypeName(cmd.type) << " " << cmd.outcome;
      }
    };
    auto res = Simulate(*r, SimProfile{}, o);
    ASSERT_TRUE(res.ok());
    EXPECT_GT(checked, 1000);
  }
}

TEST(SimulateTest, TheSameSeedGivesTheSameResultOnAnyThreadCount) {
  for (const auto& r : Shipped()) {
    SCOPED_TRACE(r->id);
    SimOptions one = Small(42, 200);
    SimOptions two = one;
    two.threads = 2;
    auto a = Simulate(*r, SimProfile{}, one);
    auto b = Simulate(*r, SimProfile{}, one);
    auto c = Simulate(*r, SimProfile{}, two);
    ASSERT_TRUE(a.ok() && b.ok() && c.ok());
    EXPECT_EQ(SimResultJson(*a), SimResultJson(*b));
    EXPECT_EQ(SimResultJson(*a), SimResultJson(*c));
    EXPECT_EQ(SimResultCsv(*a), SimResultCsv(*c));
    auto d = Simulate(*r, SimProfile{}, Small(43, 200));
    ASSERT_TRUE(d.ok());
    EXPECT_NE(SimResultJson(*a), SimResultJson(*d)) << "the seed matters";
  }
}

TEST(SimulateTest, TheProfileSteersOutcomes) {
  auto bti = routine::LoadRoutineFile(STAFETT_SOURCE_DIR "/workflows/bti.yaml");
  ASSERT_TRUE(bti.ok());
  const routine::Routine& r = *bti.routine;
  // Every concern found groundless at the anonymous discussion: nothing
  // reaches level 1, and nobody is ever asked for consent.
  auto res = Simulate(r,
                      Profile(r,
                              "steps:\n"
                              "  droftet_anonymt:\n"
                              "    outcomes: {no_further_concern: 1}\n"),
                      Small(3));
  ASSERT_TRUE(res.ok());
  for (const auto& s : res->steps) {
    if (s.level > 0) {
      EXPECT_EQ(s.visits, 0) << s.step;
    }
  }
  EXPECT_EQ(res->consent_refused, 0);
  EXPECT_LT(res->close_p90_days, 60);

  // Guardians who never consent: no level-1 step is ever entered either,
  // but for the steps where consent is asked for (consent: collect).
  auto refused = Simulate(r, Profile(r, "consent: 0\n"), Small(3));
  ASSERT_TRUE(refused.ok());
  EXPECT_GT(refused->consent_refused, 0);
  for (const auto& s : refused->steps) {
    const bool asks =
        r.FindStep(s.step)->consent == routine::ConsentPoint::kCollect;
    if (s.level > 0 && s.step != r.abuse_step && !asks) {
      EXPECT_EQ(s.visits, 0) << s.step;
    }
  }
}

TEST(SimulateTest, FastServicesMissNoDeadline) {
  auto bti = routine::LoadRoutineFile(STAFETT_SOURCE_DIR "/workflows/bti.yaml");
  ASSERT_TRUE(bti.ok());
  const routine::Routine& r = *bti.routine;
  // No baton hand-overs: waiting for an offeree is not handling time.
  std::string text = "baton: 0\nsteps:\n";
  for (const auto& s : r.steps) {
    if (s.kind == routine::StepKind::kClosed) continue;
    text += "  " + s.id + ": {handling: {median: PT1H, p90: PT2H}}\n";
  }
  auto res = Simulate(r, Profile(r, text), Small(5));
  ASSERT_TRUE(res.ok());
  for (const auto& s : res->steps) EXPECT_EQ(s.missed, 0) << s.step;
  // and the default (60 % / 110 % of each deadline) misses some.
  auto slow = Simulate(r, SimProfile{}, Small(5));
  ASSERT_TRUE(slow.ok());
  int missed = 0;
  for (const auto& s : slow->steps) missed += s.missed;
  EXPECT_GT(missed, 0);
  EXPECT_FALSE(slow->bottlenecks.empty());
}

TEST(SimulateTest, RefusesOptionsOutOfRange) {
  auto bti = routine::LoadRoutineFile(STAFETT_SOURCE_DIR "/workflows/bti.yaml");
  ASSERT_TRUE(bti.ok());
  struct Row {
    SimOptions o;
    const char* field;
  };
  SimOptions zero_cases = Small(1), many_months = Small(1),
             no_threads = Small(1);
  zero_cases.cases = 0;
  many_months.months = 121;
  no_threads.threads = 0;
  for (const Row& row : {Row{zero_cases, "cases"}, Row{many_months, "months"},
                         Row{no_threads, "threads"}}) {
    auto res = Simulate(*bti.routine, SimProfile{}, row.o);
    ASSERT_FALSE(res.ok());
    EXPECT_EQ(res.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(res.status().field(), row.field);
  }
}

TEST(SimulateTest, CsvAndJsonCarryTheSameFigures) {
  auto bti = routine::LoadRoutineFile(STAFETT_SOURCE_DIR "/workflows/bti.yaml");
  ASSERT_TRUE(bti.ok());
  auto res = Simulate(*bti.routine, SimProfile{}, Small(9, 100));
  ASSERT_TRUE(res.ok());
  std::string csv = SimResultCsv(*res);
  EXPECT_EQ(csv.rfind("section,service,step,month,value\n", 0), 0u);
  EXPECT_NE(csv.find("cases,,,,100\n"), std::string::npos);
  EXPECT_NE(csv.find("closed,,,," + std::to_string(res->closed) + "\n"),
            std::string::npos);
  std::string json = SimResultJson(*res);
  EXPECT_NE(json.find("\"cases\":100"), std::string::npos);
  EXPECT_NE(json.find("\"months\":[\"2027-01\""), std::string::npos);
}

}  // namespace
}  // namespace stafett::engine
