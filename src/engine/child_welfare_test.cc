// The duty to report and its confirmation: a report is never refused, and a
// report awaits confirmation until the reporter (or a service that can see
// the case) confirms it was sent; only the same-day watch depends on that.
#include <gtest/gtest.h>

#include "engine/test_routines.h"

namespace stafett::engine::testing {
namespace {

Command ConfirmCmd() {
  Command c;
  c.type = CommandType::kConfirmChildWelfareReport;
  return c;
}

bool HasEffect(const Decision& d, Effect::Kind kind, const std::string& dk) {
  for (const auto& e : d.effects) {
    if (e.kind == kind && e.deadline_kind == dk) return true;
  }
  return false;
}

TEST(ChildWelfareReport, ConfirmWithoutReportIsRefused) {
  auto r = BtiRoutine();
  Snapshot s = Opened(r);
  auto d = Apply(s, r, ConfirmCmd(), As(kSchool), T0());
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), Code::kNotAllowed);
}

TEST(ChildWelfareReport, ConfirmClearsTheSameDayWatch) {
  auto r = BtiRoutine();
  Snapshot s = Must(r, Opened(r), ReportCmd(), kSchool);
  ASSERT_TRUE(s.child_welfare_reported_at.has_value());
  EXPECT_FALSE(s.child_welfare_confirmed_at.has_value());

  TimePoint later = T0() + std::chrono::hours(3);
  auto d = Apply(s, r, ConfirmCmd(), As(kSchool), later);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->snapshot.child_welfare_confirmed_at, later);
  EXPECT_TRUE(HasEffect(*d, Effect::Kind::kClearDeadline, "report"));
  ASSERT_EQ(d->journal.size(), 1u);
  EXPECT_EQ(d->journal[0].kind, "child_welfare_report_confirmed");
  EXPECT_NE(d->journal[0].detail_json.find("\"same_day\":true"),
            std::string::npos);

  // Confirmed once: a second confirmation has nothing to confirm.
  auto again = Apply(d->snapshot, r, ConfirmCmd(), As(kSchool), later);
  EXPECT_EQ(again.status().code(), Code::kNotAllowed);
}

TEST(ChildWelfareReport, ConfirmedNextDayIsNotSameDay) {
  auto r = BtiRoutine();
  Snapshot s = Must(r, Opened(r), ReportCmd(), kSchool);
  auto d = Apply(s, r, ConfirmCmd(), As(kSchool), At("2026-03-03T09:00:00Z"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_NE(d->journal[0].detail_json.find("\"same_day\":false"),
            std::string::npos);
}

TEST(ChildWelfareReport, NewReportAwaitsConfirmationAgain) {
  auto r = BtiRoutine();
  Snapshot s = Must(r, Opened(r), ReportCmd(), kSchool);
  s = Must(r, s, ConfirmCmd(), kSchool);
  s = Must(r, s, ReportCmd(), kSchool);
  EXPECT_FALSE(s.child_welfare_confirmed_at.has_value());
  s = Must(r, s, ConfirmCmd(), kSchool);
  EXPECT_TRUE(s.child_welfare_confirmed_at.has_value());
}

TEST(ChildWelfareReport, ConfirmWorksOnClosedCase) {
  auto r = BtiRoutine();
  Snapshot s = Must(r, Opened(r), ReportCmd(), kSchool);
  s = Must(r, s, CloseCmd(), kSchool);
  ASSERT_EQ(s.status, CaseStatus::kClosed);
  auto d = Apply(s, r, ConfirmCmd(), As(kSchool), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_TRUE(d->snapshot.child_welfare_confirmed_at.has_value());
}

TEST(ChildWelfareReport, AServiceThatCannotSeeTheCaseCannotConfirm) {
  auto r = BtiRoutine();
  Snapshot s = Must(r, Opened(r), ReportCmd(), kSchool);
  auto d = Apply(s, r, ConfirmCmd(), As(kNav), T0());
  EXPECT_EQ(d.status().code(), Code::kPermissionDenied);
}

}  // namespace
}  // namespace stafett::engine::testing
