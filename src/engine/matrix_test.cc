// Every sharing and baton command in every state of its region: which are
// accepted, and the state each leads to.
#include <functional>

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/test_routines.h"

namespace stafett::engine {
namespace {

using namespace testing;

// At plan1 (level 1, consent until 2026-12-31, skole holds the baton).
Snapshot Anonymous(const routine::Routine& r) {
  return BtiCaseAt(r, "vurdering");
}
Snapshot Consented(const routine::Routine& r) { return BtiCaseAt(r, "plan1"); }
Snapshot Withdrawn(const routine::Routine& r) {
  return Must(r, BtiCaseAt(r, "plan1"), WithdrawCmd(), kSchool);
}
Snapshot NoBaton(const routine::Routine& r) {
  return BtiCaseAt(r, "vurdering");
}
Snapshot Held(const routine::Routine& r) { return BtiCaseAt(r, "plan1"); }
Snapshot Offered(const routine::Routine& r) {
  return Must(r, BtiCaseAt(r, "plan1"), OfferCmd(kHealth), kSchool);
}

struct MatrixRow {
  std::string name;
  std::function<Snapshot(const routine::Routine&)> state;
  Command cmd;
  std::string actor;
  std::string when;  // now, ISO-8601
  Code code;         // kOk when accepted
  Sharing sharing;   // after, when accepted
  BatonState baton;  // after, when accepted
};

class CommandMatrixTest : public ::testing::TestWithParam<MatrixRow> {};

TEST_P(CommandMatrixTest, Decides) {
  const auto& row = GetParam();
  auto r = BtiRoutine();
  Snapshot s = row.state(r);
  auto d = Apply(s, r, row.cmd, As(row.actor), At(row.when));
  ASSERT_EQ(d.status().code(), row.code) << d.status().ToString();
  if (!d.ok()) return;
  EXPECT_EQ(d->snapshot.sharing, row.sharing);
  EXPECT_EQ(d->snapshot.baton, row.baton);
}

constexpr const char* kNow = "2026-03-02T09:00:00Z";
constexpr const char* kLapsed = "2027-01-01T09:00:00Z";
const Code kOk = Code::kOk;
const Code kNo = Code::kNotAllowed;
using S = Sharing;
using B = BatonState;

INSTANTIATE_TEST_SUITE_P(
    Sharing, CommandMatrixTest,
    ::testing::Values(
        MatrixRow{"ConsentWhenAnonymous", Anonymous, ConsentCmd({kSchool}),
                  kSchool, kNow, kOk, S::kConsented, B::kNone},
        MatrixRow{"ConsentWhenConsented", Consented,
                  ConsentCmd({kSchool, kHealth, kPpt}), kSchool, kNow, kOk,
                  S::kConsented, B::kHeld},
        MatrixRow{"ConsentWhenWithdrawn", Withdrawn, ConsentCmd({kSchool}),
                  kSchool, kNow, kOk, S::kConsented, B::kHeld},
        MatrixRow{"WithdrawWhenAnonymous",
                  Anonymous,
                  WithdrawCmd(),
                  kSchool,
                  kNow,
                  kNo,
                  {},
                  {}},
        MatrixRow{"WithdrawWhenConsented", Consented, WithdrawCmd(), kSchool,
                  kNow, kOk, S::kWithdrawn, B::kHeld},
        MatrixRow{"WithdrawWhenWithdrawn",
                  Withdrawn,
                  WithdrawCmd(),
                  kSchool,
                  kNow,
                  kNo,
                  {},
                  {}},
        MatrixRow{"ExpireWhenAnonymous",
                  Anonymous,
                  ExpireCmd(),
                  kSchool,
                  kLapsed,
                  kNo,
                  {},
                  {}},
        MatrixRow{"ExpireWhenStillValid",
                  Consented,
                  ExpireCmd(),
                  kSchool,
                  kNow,
                  kNo,
                  {},
                  {}},
        MatrixRow{"ExpireWhenLapsed", Consented, ExpireCmd(), kSchool, kLapsed,
                  kOk, S::kWithdrawn, B::kHeld},
        MatrixRow{"ExpireWhenWithdrawn",
                  Withdrawn,
                  ExpireCmd(),
                  kSchool,
                  kLapsed,
                  kNo,
                  {},
                  {}}),
    [](const auto& info) { return info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    Baton, CommandMatrixTest,
    ::testing::Values(
        MatrixRow{"OfferWhenNone", NoBaton, OfferCmd(kPpt), kSchool, kNow, kOk,
                  S::kAnonymous, B::kOffered},
        MatrixRow{"OfferWhenHeld", Held, OfferCmd(kPpt), kSchool, kNow, kOk,
                  S::kConsented, B::kOffered},
        MatrixRow{"OfferWhenOffered", Offered, OfferCmd(kPpt), kSchool, kNow,
                  kOk, S::kConsented, B::kOffered},
        MatrixRow{
            "AcceptWhenNone", NoBaton, AcceptCmd(), kSchool, kNow, kNo, {}, {}},
        MatrixRow{
            "AcceptWhenHeld", Held, AcceptCmd(), kSchool, kNow, kNo, {}, {}},
        MatrixRow{"AcceptWhenOffered", Offered, AcceptCmd(), kHealth, kNow, kOk,
                  S::kConsented, B::kHeld},
        MatrixRow{"DeclineWhenNone",
                  NoBaton,
                  DeclineCmd(),
                  kSchool,
                  kNow,
                  kNo,
                  {},
                  {}},
        MatrixRow{
            "DeclineWhenHeld", Held, DeclineCmd(), kSchool, kNow, kNo, {}, {}},
        MatrixRow{"DeclineWhenOffered", Offered, DeclineCmd(), kHealth, kNow,
                  kOk, S::kConsented, B::kHeld}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace stafett::engine
