#include <gtest/gtest.h>

#include "engine/case.h"

namespace stafett::engine {
namespace {

TEST(NamesTest, RolesRoundTrip) {
  for (Role r : {Role::kWorker, Role::kCoordinator, Role::kUnitLeader,
                 Role::kAuditor, Role::kAdmin}) {
    EXPECT_EQ(ParseRole(RoleName(r)), r) << RoleName(r);
  }
  EXPECT_STREQ(RoleName(Role::kUnitLeader), "unit_leader");
  EXPECT_FALSE(ParseRole("Worker").has_value());
}

TEST(NamesTest, CommandTypesRoundTrip) {
  for (CommandType t : {CommandType::kOutcome, CommandType::kConsent,
                        CommandType::kWithdrawConsent, CommandType::kOfferBaton,
                        CommandType::kAcceptBaton, CommandType::kDeclineBaton,
                        CommandType::kNote, CommandType::kReportChildWelfare,
                        CommandType::kClose, CommandType::kExpireConsent}) {
    EXPECT_EQ(ParseCommandType(CommandTypeName(t)), t) << CommandTypeName(t);
  }
  EXPECT_STREQ(CommandTypeName(CommandType::kReportChildWelfare),
               "report_child_welfare");
  EXPECT_FALSE(ParseCommandType("").has_value());
}

TEST(NamesTest, StatesRoundTrip) {
  for (CaseStatus s : {CaseStatus::kOpen, CaseStatus::kClosed}) {
    EXPECT_EQ(ParseCaseStatus(CaseStatusName(s)), s);
  }
  for (Sharing s :
       {Sharing::kAnonymous, Sharing::kConsented, Sharing::kWithdrawn}) {
    EXPECT_EQ(ParseSharing(SharingName(s)), s);
  }
  for (BatonState s :
       {BatonState::kNone, BatonState::kHeld, BatonState::kOffered}) {
    EXPECT_EQ(ParseBatonState(BatonStateName(s)), s);
  }
  EXPECT_STREQ(SharingName(Sharing::kWithdrawn), "withdrawn");
  EXPECT_STREQ(BatonStateName(BatonState::kOffered), "offered");
  EXPECT_FALSE(ParseSharing("expired").has_value());
}

}  // namespace
}  // namespace stafett::engine
