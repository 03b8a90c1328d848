// Staged escalation (routine `escalation`): the stages a missed step or
// baton deadline goes through, when (working days on the tenant's
// calendar), and who hears at each stage.
#include <gtest/gtest.h>

#include "notify/deadline_plan.h"

namespace stafett::notify {
namespace {

using namespace std::chrono;

TimePoint Oslo(year_month_day d, int h) {
  return FromOslo(local_days{d} + hours{h});
}

routine::EscalationStage Esc(DeadlineSpec after, std::vector<std::string> to) {
  routine::EscalationStage e;
  e.after = std::move(after);
  e.to = std::move(to);
  return e;
}

// The example: the unit leader after 2 working days, the BTI
// coordinator (a team) after 5.
routine::Settings TwoStages(std::shared_ptr<const WorkCalendar> cal = nullptr) {
  routine::Settings s;
  s.calendar = cal;
  s.escalation = {Esc(DeadlineSpec::WorkingDays(2, cal), {"leader"}),
                  Esc(DeadlineSpec::WorkingDays(5, cal), {"leader", "bti"})};
  return s;
}

engine::Snapshot Case() {
  engine::Snapshot c;
  c.responsible_service = "skole";
  c.reporter_service = "barnehage";
  return c;
}

TEST(EscalationStagesTest, TableOfStagesAndTimes) {
  const TimePoint due = Oslo(2026y / 3 / 2, 10);  // Monday
  auto cal = std::make_shared<const WorkCalendar>(std::vector<Closure>{
      Closure{false, 2026y / 3 / 4, 2026y / 3 / 6}});  // Wed-Fri closed
  const struct {
    const char* name;
    std::string kind;
    routine::Settings settings;
    std::vector<std::pair<std::string, TimePoint>> stages;  // after missed
  } rows[] = {
      {"default: one stage, P3D, to the leader",
       "step",
       routine::Settings{},
       {{"escalated", Oslo(2026y / 3 / 5, 10)}}},
      {"two stages in working days",
       "step",
       TwoStages(),
       {{"escalated", Oslo(2026y / 3 / 4, 10)},
        {"escalated_2", Oslo(2026y / 3 / 9, 10)}}},
      // Tuesday 3 counts, Wednesday 4 to Friday 6 are closed.
      {"the same across a closure",
       "step",
       TwoStages(cal),
       {{"escalated", Oslo(2026y / 3 / 9, 10)},
        {"escalated_2", Oslo(2026y / 3 / 12, 10)}}},
      {"a baton offer escalates the same way",
       "baton",
       TwoStages(),
       {{"escalated", Oslo(2026y / 3 / 4, 10)},
        {"escalated_2", Oslo(2026y / 3 / 9, 10)}}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    auto st = Stages(row.kind, due, row.settings);
    const std::size_t first = row.kind == "step" ? 2 : 1;  // after missed
    ASSERT_EQ(st.size(), first + row.stages.size());
    EXPECT_EQ(st[first - 1].name, "missed");
    for (std::size_t i = 0; i < row.stages.size(); ++i) {
      EXPECT_EQ(st[first + i].number, 3 + int(i));
      EXPECT_EQ(st[first + i].name, row.stages[i].first);
      EXPECT_EQ(FormatUtc(st[first + i].at), FormatUtc(row.stages[i].second));
      EXPECT_FALSE(st[first + i].reminder);
    }
  }
}

TEST(EscalationStagesTest, WhoHearsAtEachStage) {
  const TimePoint due = Oslo(2026y / 3 / 2, 10);
  engine::Snapshot held = Case();
  held.baton_holder = "helse";
  held.baton_offered_to = "ppt";
  const struct {
    const char* name;
    std::string kind;
    const engine::Snapshot c;
    int stage;  // index into the escalation stages
    std::vector<std::tuple<std::string, std::string>> to;  // service, audience
  } rows[] = {
      {"step stage 1: the responsible service's leader",
       "step",
       Case(),
       0,
       {{"skole", "leader"}}},
      {"step stage 2: the leader again and the team",
       "step",
       Case(),
       1,
       {{"skole", "leader"}, {"bti", "service"}}},
      {"baton stage 1: the holder's leader",
       "baton",
       held,
       0,
       {{"helse", "leader"}}},
      {"baton stage 2: the holder's leader and the team",
       "baton",
       held,
       1,
       {{"helse", "leader"}, {"bti", "service"}}},
      {"baton without holder: the responsible service's leader",
       "baton",
       Case(),
       0,
       {{"skole", "leader"}}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    auto st = Stages(row.kind, due, TwoStages());
    const Stage& s = st[st.size() - 2 + row.stage];
    auto notices = NoticesFor(row.kind, s, row.c, "");
    ASSERT_EQ(notices.size(), row.to.size());
    for (std::size_t i = 0; i < row.to.size(); ++i) {
      EXPECT_EQ(notices[i].service, std::get<0>(row.to[i]));
      EXPECT_EQ(notices[i].audience, std::get<1>(row.to[i]));
      EXPECT_EQ(notices[i].event, "deadline_escalated");
    }
    EXPECT_FALSE(JournalsMissed(row.kind, s));
  }
}

TEST(EscalationStagesTest, PlanNextWalksEveryStageInOrder) {
  const TimePoint due = Oslo(2026y / 3 / 2, 10);
  const TimePoint set = due - hours(24 * 10);
  const auto s = TwoStages();
  auto st = Stages("step", due, s);
  int stage = 0;
  std::vector<std::string> fired;
  // A worker that is never late: it runs at each planned time.
  TimePoint now = set;
  for (int guard = 0; guard < 10; ++guard) {
    NextStep n = PlanNext("step", due, set, stage, s, now);
    if (n.fire) fired.push_back(n.fire->name);
    stage = n.stage_after;
    if (!n.next_fire_at) break;
    now = *n.next_fire_at;
  }
  EXPECT_EQ(fired, (std::vector<std::string>{"approaching", "missed",
                                             "escalated", "escalated_2"}));
  EXPECT_EQ(stage, 4);
  // A worker down for two weeks fires the missed and both escalation
  // stages, late, one per call and in order; the reminder is skipped.
  std::vector<std::string> late;
  stage = 0;
  const TimePoint back = due + hours(24 * 14);
  for (int guard = 0; guard < 10; ++guard) {
    NextStep n = PlanNext("step", due, set, stage, s, back);
    if (!n.fire) break;
    late.push_back(n.fire->name);
    stage = n.stage_after;
  }
  EXPECT_EQ(late,
            (std::vector<std::string>{"missed", "escalated", "escalated_2"}));
}

TEST(EscalationStagesTest, StageNames) {
  EXPECT_EQ(EscalationStageName(0), "escalated");
  EXPECT_EQ(EscalationStageName(1), "escalated_2");
  EXPECT_EQ(EscalationStageName(4), "escalated_5");
}

}  // namespace
}  // namespace stafett::notify
