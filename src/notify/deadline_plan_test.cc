#include "notify/deadline_plan.h"

#include <gtest/gtest.h>

namespace stafett::notify {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

const TimePoint kSet = FromMillis(1780000000000);  // 2026-05-28T20:26:40Z

routine::Settings Seconds(int lead, int grace) {
  routine::Settings s;
  s.approaching_lead = IsoDuration{0, 0, 0, 0, 0, 0, lead};
  s.escalation_grace = IsoDuration{0, 0, 0, 0, 0, 0, grace};
  s.consent_reminder = IsoDuration{0, 0, 0, 30};
  return s;
}

TEST(StagesTest, StepHasReminderMissedAndEscalation) {
  const TimePoint due = kSet + hours(24 * 14);
  routine::Settings s;  // P2D lead, P3D grace
  auto st = Stages("step", due, s);
  ASSERT_EQ(st.size(), 3u);
  EXPECT_EQ(st[0].name, "approaching");
  EXPECT_TRUE(st[0].reminder);
  EXPECT_EQ(st[0].at, due - hours(48));
  EXPECT_EQ(st[1].name, "missed");
  EXPECT_EQ(st[1].at, due);
  EXPECT_EQ(st[2].name, "escalated");
  EXPECT_EQ(st[2].at, due + hours(72));
  EXPECT_EQ(Stages("baton", due, s).size(), 2u);
  EXPECT_EQ(Stages("report", due, s).size(), 1u);
  auto consent = Stages("consent", due, s);
  ASSERT_EQ(consent.size(), 2u);
  EXPECT_EQ(consent[0].name, "expiring");
  EXPECT_EQ(consent[1].name, "expired");
  EXPECT_TRUE(Stages("nonsense", due, s).empty());
}

TEST(StagesTest, CalendarPartsFollowOsloLocalTime) {
  // 2026-03-30 10:00 Oslo (summer time) minus P2D is 2026-03-28 10:00
  // Oslo (winter time): 47 hours, not 48.
  const TimePoint due = *ParseTimestamp("2026-03-30T08:00:00Z");
  routine::Settings s;
  EXPECT_EQ(Stages("step", due, s)[0].at,
            *ParseTimestamp("2026-03-28T09:00:00Z"));
}

TEST(PlanNextTest, WalksTheStagesInOrderAndEndsDone) {
  const TimePoint due = kSet + seconds(6);
  auto s = Seconds(3, 3);
  // Picked up right after it was set: nothing fires, the reminder is next.
  NextStep n = PlanNext("step", due, kSet, 0, s, kSet);
  EXPECT_FALSE(n.fire);
  EXPECT_EQ(n.stage_after, 0);
  EXPECT_EQ(n.next_fire_at, kSet + seconds(3));
  // At the reminder (a bit late).
  n = PlanNext("step", due, kSet, 0, s, kSet + seconds(3) + Millis(40));
  ASSERT_TRUE(n.fire);
  EXPECT_EQ(n.fire->name, "approaching");
  EXPECT_EQ(n.fire->at, kSet + seconds(3));
  EXPECT_EQ(n.stage_after, 1);
  EXPECT_EQ(n.next_fire_at, due);
  n = PlanNext("step", due, kSet, 1, s, due);
  ASSERT_TRUE(n.fire);
  EXPECT_EQ(n.fire->name, "missed");
  EXPECT_EQ(n.next_fire_at, due + seconds(3));
  n = PlanNext("step", due, kSet, 2, s, due + seconds(3));
  ASSERT_TRUE(n.fire);
  EXPECT_EQ(n.fire->name, "escalated");
  EXPECT_EQ(n.stage_after, 3);
  EXPECT_FALSE(n.next_fire_at);
  n = PlanNext("step", due, kSet, 3, s, due + hours(1000));
  EXPECT_FALSE(n.fire);
  EXPECT_FALSE(n.next_fire_at);
  EXPECT_EQ(n.stage_after, 3);
}

TEST(PlanNextTest, SkipsAReminderInsideTheLeadWindowOrAfterTheFact) {
  auto s = Seconds(10, 3);
  const TimePoint due = kSet + seconds(6);  // set 6 s before, lead 10 s
  NextStep n = PlanNext("step", due, kSet, 0, s, kSet);
  EXPECT_FALSE(n.fire);
  EXPECT_EQ(n.next_fire_at, due) << "straight to missed";

  // A worker that was down past the due time: no reminder, missed fires,
  // escalation is planned (and fires at once on the next pass if due).
  s = Seconds(3, 3);
  n = PlanNext("step", due, kSet, 0, s, due + seconds(5));
  ASSERT_TRUE(n.fire);
  EXPECT_EQ(n.fire->name, "missed");
  EXPECT_EQ(n.next_fire_at, due + seconds(3));
  n = PlanNext("step", due, kSet, 2, s, due + seconds(5));
  ASSERT_TRUE(n.fire);
  EXPECT_EQ(n.fire->name, "escalated");
}

engine::Snapshot Case() {
  engine::Snapshot c;
  c.tenant = "nes";
  c.case_id = "c1";
  c.reference = "NES-2026-0001";
  c.step = "tiltak";
  c.reporter_service = "barnehage";
  c.responsible_service = "skole";
  return c;
}

TEST(NoticesForTest, StepStagesGoToTheResponsibleAndItsLeader) {
  auto c = Case();
  Stage missed{2, "missed", kSet, false}, esc{3, "escalated", kSet, false},
      appr{1, "approaching", kSet, true};
  auto n = NoticesFor("step", appr, c, "");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].event, "deadline_approaching");
  EXPECT_EQ(n[0].service, "skole");
  n = NoticesFor("step", missed, c, "");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].event, "deadline_missed");
  EXPECT_EQ(n[0].audience, "service");
  n = NoticesFor("step", esc, c, "");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].event, "deadline_escalated");
  EXPECT_EQ(n[0].audience, "leader");
  EXPECT_TRUE(JournalsMissed("step", missed));
  EXPECT_FALSE(JournalsMissed("step", esc));
  EXPECT_FALSE(JournalsMissed("consent", Stage{2, "expired", kSet, false}));
}

TEST(NoticesForTest, BatonConsentAndReport) {
  auto c = Case();
  c.baton_holder = "barnehage";
  c.baton_offered_to = "ppt";
  auto n = NoticesFor("baton", Stage{2, "missed", kSet, false}, c, "");
  ASSERT_EQ(n.size(), 2u);
  EXPECT_EQ(n[0].service, "ppt");
  EXPECT_EQ(n[1].service, "barnehage");
  EXPECT_EQ(n[0].event, "baton_not_accepted");
  n = NoticesFor("baton", Stage{3, "escalated", kSet, false}, c, "");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].service, "barnehage");
  EXPECT_EQ(n[0].audience, "leader");
  c.baton_holder.clear();
  n = NoticesFor("consent", Stage{1, "expiring", kSet, true}, c, "");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].service, "skole") << "no holder: the responsible service";
  EXPECT_TRUE(
      NoticesFor("consent", Stage{2, "expired", kSet, false}, c, "").empty());
  n = NoticesFor("report", Stage{2, "missed", kSet, false}, c, "helse");
  ASSERT_EQ(n.size(), 2u);
  EXPECT_EQ(n[0].service, "helse");
  EXPECT_EQ(n[0].audience, "service");
  EXPECT_EQ(n[1].audience, "leader");
  EXPECT_EQ(n[0].event, "child_welfare_unconfirmed");
  n = NoticesFor("report", Stage{2, "missed", kSet, false}, c, "");
  EXPECT_EQ(n[0].service, "barnehage") << "falls back to the reporter";
}

}  // namespace
}  // namespace stafett::notify
