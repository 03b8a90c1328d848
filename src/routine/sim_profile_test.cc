// The simulation profile's rules, one row each, with the line and column
// an administrator is sent to.
#include "routine/sim_profile.h"

#include <gtest/gtest.h>

#include "routine/loader.h"

namespace stafett::routine {
namespace {

std::shared_ptr<const Routine> Bti() {
  auto r = LoadRoutineFile(STAFETT_SOURCE_DIR "/workflows/bti.yaml");
  EXPECT_TRUE(r.ok());
  return r.routine;
}

TEST(SimProfileTest, AnEmptyProfileTakesEveryDefault) {
  auto r = ReadSimProfile("", "p.yaml", *Bti());
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r.profile->consent, 0.9);
  EXPECT_DOUBLE_EQ(r.profile->baton, 0.6);
  EXPECT_TRUE(r.profile->steps.empty());
}

TEST(SimProfileTest, ReadsEveryKey) {
  auto r = ReadSimProfile(
      "consent: 0.5\n"
      "baton: 0.25\n"
      "arrivals: {solsikken_barnehage: 3, demo_skole: 1}\n"
      "steps:\n"
      "  konkretisert:\n"
      "    handling: {median: P5D, p90: P12D}\n"
      "    outcomes: {discuss: 0.8, suspected_abuse: 0.2}\n",
      "p.yaml", *Bti());
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().ToString();
  const SimProfile& p = *r.profile;
  EXPECT_DOUBLE_EQ(p.consent, 0.5);
  EXPECT_DOUBLE_EQ(p.baton, 0.25);
  EXPECT_DOUBLE_EQ(p.arrivals.at("solsikken_barnehage"), 3);
  const SimStepProfile& s = p.steps.at("konkretisert");
  EXPECT_EQ(s.median->ToString(), "P5D");
  EXPECT_EQ(s.p90->ToString(), "P12D");
  EXPECT_DOUBLE_EQ(s.outcomes.at("suspected_abuse"), 0.2);
}

struct Row {
  const char* text;
  int line, column;
  const char* message_part;
};

TEST(SimProfileTest, EveryRuleReportsAtTheOffendingKeyOrValue) {
  const Row rows[] = {
      {"consnt: 0.5\n", 1, 1, "mente du 'consent'"},
      {"consent: 1.5\n", 1, 10, "mellom 0 og 1"},
      {"baton: nei\n", 1, 8, "ikke et tall"},
      {"arrivals: {solsikken_barnehag: 1}\n", 1, 12,
       "mente du 'solsikken_barnehage'"},
      {"arrivals: {demo_skole: -1}\n", 1, 24, "negativ"},
      {"steps:\n  konkretisrt: {}\n", 2, 3, "mente du 'konkretisert'"},
      {"steps:\n  konkretisert: {handling: {median: P5D}}\n", 2, 28,
       "både median og p90"},
      {"steps:\n  konkretisert: {handling: {median: P5D, p90: P2D}}\n", 2, 28,
       "kortere enn medianen"},
      {"steps:\n  konkretisert: {handling: {median: 5 dager, p90: P2D}}\n", 2,
       37, ""},
      {"steps:\n  konkretisert: {outcomes: {discus: 1}}\n", 2, 29,
       "mente du 'discuss'"},
      {"steps:\n  konkretisert: {outcomes: {discuss: -2}}\n", 2, 38, "negativ"},
      // The abuse shortcut exists only at level 0.
      {"steps:\n  niva1_tiltak: {outcomes: {suspected_abuse: 1}}\n", 2, 29,
       "har ikke utfallet"},
      {"steps: [konkretisert]\n", 1, 8, "steg-id: profil"},
      {"[1, 2]\n", 1, 1, "et kart"},
      {"consent: [\n", 2, 1, "ikke gyldig YAML"},
  };
  auto bti = Bti();
  for (const Row& row : rows) {
    SCOPED_TRACE(row.text);
    auto r = ReadSimProfile(row.text, "p.yaml", *bti);
    ASSERT_FALSE(r.ok());
    ASSERT_FALSE(r.diagnostics.empty());
    const Diagnostic& d = r.diagnostics.front();
    EXPECT_EQ(d.file, "p.yaml");
    EXPECT_EQ(d.line, row.line) << d.ToString();
    EXPECT_EQ(d.column, row.column) << d.ToString();
    EXPECT_NE(d.message.find(row.message_part), std::string::npos)
        << d.ToString();
  }
}

}  // namespace
}  // namespace stafett::routine
