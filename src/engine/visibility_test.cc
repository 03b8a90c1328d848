// WhoSees is CanSee listed: for random snapshots (levels, consent states
// and windows, batons), every service of a pool and random instants around
// the consent's last day, a Sight covers `now` exactly when CanSee says so.
#include "engine/visibility.h"

#include <random>

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/roles.h"

namespace stafett::engine {
namespace {

const std::vector<std::string> kPool = {"",      "school-a", "school-b", "ppt",
                                        "nurse", "cw",       "nav"};

// A random snapshot, with valid_until near kBase so that times land on
// both sides of it.
Snapshot RandomSnapshot(std::mt19937& rng, TimePoint base) {
  auto pick = [&](const std::vector<std::string>& v) {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
  };
  auto coin = [&] { return std::bernoulli_distribution(0.5)(rng); };
  Snapshot s;
  s.case_id = "c";
  s.level = std::uniform_int_distribution<int>(0, 3)(rng);
  s.status = coin() ? CaseStatus::kOpen : CaseStatus::kClosed;
  s.reporter_service = pick(kPool);
  s.responsible_service = pick(kPool);
  s.baton_holder = coin() ? pick(kPool) : "";
  s.baton_offered_to = coin() ? pick(kPool) : "";
  s.sharing =
      static_cast<Sharing>(std::uniform_int_distribution<int>(0, 2)(rng));
  if (s.sharing != Sharing::kAnonymous || coin()) {
    Consent c;
    c.given_by = "guardians";
    for (const auto& p : kPool) {
      if (!p.empty() && coin()) c.services.push_back(p);
    }
    const int days = std::uniform_int_distribution<int>(-3, 3)(rng);
    c.valid_until = SightDate(base + std::chrono::hours(24 * days));
    if (std::bernoulli_distribution(0.05)(rng)) c.valid_until = "2026-02-30";
    c.given_at = base - std::chrono::hours(24 * 30);
    s.consent = c;
  }
  return s;
}

bool Covered(const std::vector<Sight>& sights, const std::string& service,
             TimePoint now) {
  for (const auto& x : sights) {
    if (x.service == service) return SightDate(now) <= x.seen_through;
  }
  return false;
}

TEST(VisibilityTest, WhoSeesAgreesWithCanSeeAtEveryInstant) {
  std::mt19937 rng(15);
  // Late in March: the Oslo date changes at 23:00 UTC before the switch to
  // summer time and at 22:00 UTC after it.
  const TimePoint base = FromMillis(1774310400000);  // 2026-03-24T00:00Z
  int visible = 0, hidden = 0, windowed = 0;
  for (int i = 0; i < 3000; ++i) {
    Snapshot s = RandomSnapshot(rng, base);
    const std::vector<Sight> sights = WhoSees(s);
    for (std::size_t k = 1; k < sights.size(); ++k) {
      ASSERT_LT(sights[k - 1].service, sights[k].service);
    }
    for (const auto& x : sights) {
      EXPECT_FALSE(x.service.empty());
      EXPECT_EQ(x.work, HasWorkOn(s, x.service));
      if (x.seen_through != kSeenAlways) ++windowed;
    }
    for (int t = 0; t < 12; ++t) {
      const TimePoint now =
          base + std::chrono::minutes(std::uniform_int_distribution<int>(
                     -5 * 24 * 60, 5 * 24 * 60)(rng));
      for (const auto& service : kPool) {
        const bool want = CanSee(s, service, now);
        ASSERT_EQ(Covered(sights, service, now), want)
            << "service " << service << " at " << FormatUtc(now) << " level "
            << s.level << " sharing " << SharingName(s.sharing) << " until "
            << (s.consent ? s.consent->valid_until : "-");
        (want ? visible : hidden)++;
      }
    }
  }
  // The cases went both ways, and consent windows were exercised.
  EXPECT_GT(visible, 10000);
  EXPECT_GT(hidden, 10000);
  EXPECT_GT(windowed, 500);
}

TEST(VisibilityTest, TheLastDayEndsAtOsloMidnight) {
  Snapshot s;
  s.level = 1;
  s.reporter_service = "school-a";
  s.responsible_service = "ppt";
  s.sharing = Sharing::kConsented;
  s.consent = Consent{"guardians", {"ppt"}, "2026-06-30", FromMillis(0)};
  const auto sights = WhoSees(s);
  ASSERT_EQ(sights.size(), 2u);
  EXPECT_EQ(sights[0], (Sight{"ppt", "2026-06-30", true}));
  EXPECT_EQ(sights[1], (Sight{"school-a", std::string(kSeenAlways), true}));
  // 2026-06-30T21:59:59Z is 23:59:59 in Oslo (summer time).
  const TimePoint last = *ParseTimestamp("2026-06-30T21:59:59Z");
  EXPECT_TRUE(Covered(sights, "ppt", last));
  EXPECT_TRUE(CanSee(s, "ppt", last));
  EXPECT_FALSE(Covered(sights, "ppt", last + std::chrono::seconds(1)));
  EXPECT_FALSE(CanSee(s, "ppt", last + std::chrono::seconds(1)));
}

}  // namespace
}  // namespace stafett::engine
