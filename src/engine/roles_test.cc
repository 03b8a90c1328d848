// What the team roles may do: role x command x situation, as one table
// (docs/security.md "Roles"), plus the worklist rule.
#include "engine/roles.h"

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/test_routines.h"

namespace stafett::engine {
namespace {

using namespace testing;

constexpr Role kW = Role::kWorker;
constexpr Role kC = Role::kCoordinator;
constexpr Role kU = Role::kUnitLeader;
constexpr Role kA = Role::kAuditor;

// The situations the table is written over.
enum class Sit {
  kHeldByOther,  // plan1 (level 1, consent skole+helsestasjon+ppt), the
                 // school holds the baton
  kStuckOffer,   // as kHeldByOther, and the school offered it to ppt
  kClosedCase,   // closed by the school
  kLevel0Other,  // vurdering (level 0), the school's; ppt no longer sees it
};

Snapshot In(const routine::Routine& r, Sit sit) {
  switch (sit) {
    case Sit::kHeldByOther:
      return BtiCaseAt(r, "plan1");
    case Sit::kStuckOffer:
      return Must(r, BtiCaseAt(r, "plan1"), OfferCmd(kPpt), kSchool);
    case Sit::kClosedCase:
      return Must(r, BtiCaseAt(r, "plan1"), CloseCmd(), kSchool);
    case Sit::kLevel0Other:
      return BtiCaseAt(r, "vurdering");
  }
  return {};
}

Command Evaluate() {
  return OutcomeCmd("evaluer",
                    {{"evaluering_dato", std::string("2026-04-15")}});
}

struct Row {
  Role role;
  std::string service;
  Sit sit;
  Command cmd;
  Code want;
  // On success: the journal's service and on_behalf_of ("" when none).
  std::string behalf = "";
};

std::string Describe(const Row& r) {
  return std::string(RoleName(r.role)) + " of " + r.service + " gives " +
         CommandTypeName(r.cmd.type) + " in situation " +
         std::to_string(static_cast<int>(r.sit));
}

TEST(RolesTest, RoleCommandSituationTable) {
  const auto r = BtiRoutine();
  const std::vector<Row> table = {
      // The service's own work: every team role alike.
      {kW, kSchool, Sit::kHeldByOther, OfferCmd(kPpt), Code::kOk},
      {kU, kSchool, Sit::kHeldByOther, OfferCmd(kPpt), Code::kOk},
      {kC, kSchool, Sit::kHeldByOther, OfferCmd(kPpt), Code::kOk},
      {kW, kSchool, Sit::kHeldByOther, Evaluate(), Code::kOk},
      {kC, kSchool, Sit::kHeldByOther, Evaluate(), Code::kOk},
      {kW, kSchool, Sit::kHeldByOther, CloseCmd(), Code::kOk},
      {kU, kSchool, Sit::kHeldByOther, CloseCmd(), Code::kOk},
      // A participant (in consent, no work now): notes, but no reassigning.
      {kW, kHealth, Sit::kHeldByOther, NoteCmd(), Code::kOk},
      {kW, kHealth, Sit::kHeldByOther, OfferCmd(kPpt), Code::kNotAllowed},
      {kU, kHealth, Sit::kHeldByOther, OfferCmd(kPpt), Code::kNotAllowed},
      {kW, kHealth, Sit::kHeldByOther, CloseCmd(), Code::kNotAllowed},
      {kU, kHealth, Sit::kHeldByOther, CloseCmd(), Code::kNotAllowed},
      // The coordinator reassigns the baton and closes for the absent
      // school; the journal names both.
      {kC, kHealth, Sit::kHeldByOther, OfferCmd(kPpt), Code::kOk, kSchool},
      {kC, kHealth, Sit::kStuckOffer, OfferCmd(kHealth), Code::kOk, kSchool},
      {kW, kHealth, Sit::kStuckOffer, OfferCmd(kHealth), Code::kNotAllowed},
      {kC, kHealth, Sit::kHeldByOther, CloseCmd(), Code::kOk, kSchool},
      {kC, kPpt, Sit::kStuckOffer, CloseCmd(), Code::kOk, kSchool},
      // ... but takes no outcome for it: that is the team's decision.
      {kC, kHealth, Sit::kHeldByOther, Evaluate(), Code::kNotAllowed},
      {kU, kHealth, Sit::kHeldByOther, Evaluate(), Code::kNotAllowed},
      // ... and answers no offer made to another service.
      {kC, kHealth, Sit::kStuckOffer, AcceptCmd(), Code::kNotAllowed},
      // The role never widens sight: outside consent, nothing.
      {kC, kNav, Sit::kHeldByOther, OfferCmd(kPpt), Code::kPermissionDenied},
      {kC, kNav, Sit::kHeldByOther, CloseCmd(), Code::kPermissionDenied},
      {kC, kNav, Sit::kHeldByOther, NoteCmd(), Code::kPermissionDenied},
      {kC, kPpt, Sit::kLevel0Other, CloseCmd(), Code::kPermissionDenied},
      {kC, kPpt, Sit::kLevel0Other, OfferCmd(kPpt), Code::kPermissionDenied},
      {kW, kPpt, Sit::kLevel0Other, CloseCmd(), Code::kPermissionDenied},
      // A closed case stays closed for everybody.
      {kC, kHealth, Sit::kClosedCase, CloseCmd(), Code::kNotAllowed},
      {kC, kHealth, Sit::kClosedCase, OfferCmd(kPpt), Code::kNotAllowed},
      // Auditors read reports; only the duty to report is open to them.
      {kA, kSchool, Sit::kHeldByOther, CloseCmd(), Code::kPermissionDenied},
      {kA, kSchool, Sit::kHeldByOther, OfferCmd(kPpt), Code::kPermissionDenied},
      {kA, kSchool, Sit::kHeldByOther, ReportCmd(), Code::kOk},
      // The duty to report: any role, any service that sees the case.
      {kW, kHealth, Sit::kHeldByOther, ReportCmd(), Code::kOk},
  };
  for (const Row& row : table) {
    SCOPED_TRACE(Describe(row));
    Snapshot s = In(r, row.sit);
    Actor actor = As(row.service, row.role);
    actor.person_id = "0123456789abcdef0123456789abcdef";
    auto d = Apply(s, r, row.cmd, actor, T0());
    EXPECT_EQ(d.ok() ? Code::kOk : d.status().code(), row.want)
        << (d.ok() ? "" : d.status().ToString());
    if (!d.ok() || d->journal.empty()) continue;
    const JournalEntry& e = d->journal.front();
    EXPECT_EQ(e.actor_service, row.service);
    EXPECT_EQ(e.actor_role, row.role);
    EXPECT_EQ(e.actor_person, actor.person_id);
    const bool marked =
        e.detail_json.find("\"on_behalf_of\"") != std::string::npos;
    EXPECT_EQ(marked, !row.behalf.empty()) << e.detail_json;
    if (!row.behalf.empty()) {
      EXPECT_NE(e.detail_json.find("\"on_behalf_of\":\"" + row.behalf + "\""),
                std::string::npos)
          << e.detail_json;
    }
  }
}

TEST(RolesTest, ReassignedBatonStillNeedsTheOffereesAcceptance) {
  const auto r = BtiRoutine();
  Snapshot s = BtiCaseAt(r, "plan1");
  auto d = Apply(s, r, OfferCmd(kPpt), As(kHealth, kC), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  // The school stays the holder, and responsible, until ppt accepts.
  EXPECT_EQ(d->snapshot.baton, BatonState::kOffered);
  EXPECT_EQ(d->snapshot.baton_holder, kSchool);
  EXPECT_EQ(d->snapshot.baton_offered_to, kPpt);
  EXPECT_EQ(d->snapshot.responsible_service, kSchool);
  EXPECT_EQ(d->journal[0].detail_json,
            R"({"from":"skole","to":"ppt","on_behalf_of":"skole"})");
  Snapshot after = Must(r, d->snapshot, AcceptCmd(), kPpt);
  EXPECT_EQ(after.baton_holder, kPpt);
}

TEST(RolesTest, ClosingOnBehalfKeepsTheReason) {
  const auto r = BtiRoutine();
  auto d = Apply(BtiCaseAt(r, "plan1"), r, CloseCmd("Familien flyttet."),
                 As(kPpt, kC), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->snapshot.status, CaseStatus::kClosed);
  EXPECT_EQ(d->snapshot.closed_reason, "Familien flyttet.");
  // A closing without a reason is refused as from anybody.
  auto blank =
      Apply(BtiCaseAt(r, "plan1"), r, CloseCmd(""), As(kPpt, kC), T0());
  ASSERT_FALSE(blank.ok());
  EXPECT_EQ(blank.status().field(), "reason");
}

TEST(RolesTest, PowerTable) {
  struct P {
    Power power;
    bool worker, unit_leader, coordinator;
  };
  const std::vector<P> table = {
      {Power::kActOnOwnWork, true, true, true},
      {Power::kWholeUnitWorklist, false, true, true},
      {Power::kReceiveEscalations, false, true, true},
      {Power::kReassignBaton, false, false, true},
      {Power::kCloseOnBehalf, false, false, true},
  };
  for (const P& p : table) {
    SCOPED_TRACE(PowerName(p.power));
    EXPECT_EQ(RoleMay(kW, p.power), p.worker);
    EXPECT_EQ(RoleMay(kU, p.power), p.unit_leader);
    EXPECT_EQ(RoleMay(kC, p.power), p.coordinator);
    EXPECT_FALSE(RoleMay(Role::kAuditor, p.power));
    EXPECT_FALSE(RoleMay(Role::kAdmin, p.power));
  }
}

TEST(RolesTest, WorklistTable) {
  const auto r = BtiRoutine();
  struct W {
    Role role;
    std::string service;
    Sit sit;
    bool listed;
  };
  const std::vector<W> table = {
      // The holder's work is on everyone's list in that service.
      {kW, kSchool, Sit::kHeldByOther, true},
      {kU, kSchool, Sit::kHeldByOther, true},
      // A participant without work now: the unit's whole list only.
      {kW, kHealth, Sit::kHeldByOther, false},
      {kU, kHealth, Sit::kHeldByOther, true},
      {kC, kHealth, Sit::kHeldByOther, true},
      // The offeree has work (answer the offer).
      {kW, kPpt, Sit::kStuckOffer, true},
      // Outside consent: nobody, whatever the role.
      {kC, kNav, Sit::kHeldByOther, false},
      {kU, kNav, Sit::kHeldByOther, false},
      {kC, kPpt, Sit::kLevel0Other, false},
      // Closed: the reporter still lists it (status filter is the store's).
      {kW, kSchool, Sit::kClosedCase, true},
      {kW, kHealth, Sit::kClosedCase, false},
      {kU, kHealth, Sit::kClosedCase, true},
      // Auditors and admins list nothing.
      {kA, kSchool, Sit::kHeldByOther, false},
      {Role::kAdmin, kSchool, Sit::kHeldByOther, false},
  };
  for (const W& w : table) {
    SCOPED_TRACE(std::string(RoleName(w.role)) + " of " + w.service);
    EXPECT_EQ(OnWorklist(In(r, w.sit), As(w.service, w.role), T0()), w.listed);
  }
}

}  // namespace
}  // namespace stafett::engine
