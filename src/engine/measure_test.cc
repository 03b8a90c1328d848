// Issue 12: measures as objects (owner, description, evaluation date that
// drives the deadline; the owner is told), the team picking the baton
// holder in an outcome, and steps that keep the case's level.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/test_routines.h"

namespace stafett::engine {
namespace {

using namespace testing;
using routine::FieldRole;
using routine::FieldType;
using ::testing::HasSubstr;

routine::Step* Find(routine::Routine& r, const std::string& id) {
  for (auto& s : r.steps) {
    if (s.id == id) return &s;
  }
  ADD_FAILURE() << "no step " << id;
  return nullptr;
}

routine::FieldSpec Role(std::string name, FieldType type, FieldRole role) {
  routine::FieldSpec f = Spec(std::move(name), type);
  f.role = role;
  return f;
}

const Effect* Notice(const Decision& d, const std::string& event) {
  for (const auto& e : d.effects) {
    if (e.kind == Effect::Kind::kNotify && e.event == event) return &e;
  }
  return nullptr;
}

const JournalEntry* Entry(const Decision& d, const std::string& kind) {
  for (const auto& j : d.journal) {
    if (j.kind == kind) return &j;
  }
  return nullptr;
}

// evaluering --fortsett [tiltak, tiltak_ansvarlig, evalueres]--> plan1.
routine::Routine WithMeasure() {
  routine::Routine r = BtiRoutine();
  Find(r, "evaluering")->outcomes[0].fields = {
      Role("tiltak", FieldType::kText, FieldRole::kMeasure),
      Role("tiltak_ansvarlig", FieldType::kService, FieldRole::kMeasureOwner),
      Role("evalueres", FieldType::kDate, FieldRole::kEvaluationDate)};
  return r;
}

Command Continue(const std::string& owner, const std::string& date) {
  return OutcomeCmd("fortsett",
                    {{"barnets_stemme", true},
                     {"tiltak", std::string("Samtaler med helsesykepleier.")},
                     {"tiltak_ansvarlig", owner},
                     {"evalueres", date}});
}

TEST(MeasureTest, TheEvaluationDateIsTheDeadlineAndTheOwnerIsTold) {
  auto r = WithMeasure();
  Snapshot s = BtiCaseAt(r, "evaluering");
  auto d = Apply(s, r, Continue(kHealth, "2026-04-20"), As(kSchool), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->snapshot.step, "plan1");
  // The end of 20 April in Oslo (summer time), not plan1's 14 days.
  const TimePoint due = At("2026-04-20T22:00:00Z");
  ASSERT_TRUE(d->snapshot.due_at.has_value());
  EXPECT_EQ(*d->snapshot.due_at, due);
  EXPECT_EQ(d->entered->due_at, due);
  const JournalEntry* m = Entry(*d, "measure_agreed");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->detail_json,
            R"({"owner":"helsestasjon","evaluation_date":"2026-04-20",)"
            R"("outcome":"fortsett","description_field":"tiltak"})");
  EXPECT_THAT(Entry(*d, "step_entered")->detail_json,
              HasSubstr(R"("due_from":"measure")"));
  const Effect* n = Notice(*d, "measure_assigned");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->service, kHealth);
  EXPECT_EQ(n->deadline_kind, "measure");
  EXPECT_EQ(n->due_at, due);
  // Without a measure the step's own deadline applies.
  auto plain =
      Apply(s, BtiRoutine(), OutcomeCmd("fortsett", {{"barnets_stemme", true}}),
            As(kSchool), T0());
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain->snapshot.due_at, T0() + std::chrono::days{14});
  EXPECT_EQ(Notice(*plain, "measure_assigned"), nullptr);
}

struct BadMeasureRow {
  std::string name;
  std::string owner;
  std::string date;
  Code code;
  std::string field;
  std::string message;
};

class BadMeasureTest : public ::testing::TestWithParam<BadMeasureRow> {};

TEST_P(BadMeasureTest, IsRefused) {
  const auto& row = GetParam();
  auto r = WithMeasure();
  Snapshot s = BtiCaseAt(r, "evaluering");
  auto d = Apply(s, r, Continue(row.owner, row.date), As(kSchool), T0());
  ASSERT_EQ(d.status().code(), row.code) << d.status().ToString();
  EXPECT_EQ(d.status().field(), row.field);
  EXPECT_THAT(d.status().message(), HasSubstr(row.message));
}

INSTANTIATE_TEST_SUITE_P(
    Rows, BadMeasureTest,
    ::testing::Values(
        BadMeasureRow{"DateInThePast", kHealth, "2026-03-01",
                      Code::kInvalidArgument, "fields.evalueres",
                      "Evalueringsdatoen '2026-03-01' er passert"},
        BadMeasureRow{"NotADate", kHealth, "snart", Code::kInvalidArgument,
                      "fields.evalueres", "er ikke en gyldig dato"},
        BadMeasureRow{"OwnerNotInTheRoutine", "helse", "2026-04-20",
                      Code::kInvalidArgument, "fields.tiltak_ansvarlig",
                      "'helse' er ikke en tjeneste i rutinen"},
        BadMeasureRow{"OwnerWithoutConsent", kNav, "2026-04-20",
                      Code::kNotAllowed, "",
                      "Tiltaket får 'nav' som ansvarlig og krever samtykke"}),
    [](const auto& info) { return info.param.name; });

TEST(MeasureTest, TodayIsAnEvaluationDate) {
  auto r = WithMeasure();
  Snapshot s = BtiCaseAt(r, "evaluering");
  auto d = Apply(s, r, Continue(kSchool, "2026-03-02"), As(kSchool), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(*d->snapshot.due_at, At("2026-03-02T23:00:00Z"));
}

// An evaluation's "next evaluation" date alone: the deadline, no measure.
TEST(MeasureTest, ANextEvaluationDateAloneSetsTheDeadline) {
  auto r = BtiRoutine();
  Find(r, "evaluering")->outcomes[0].fields = {
      Role("neste", FieldType::kDate, FieldRole::kEvaluationDate)};
  Snapshot s = BtiCaseAt(r, "evaluering");
  auto d = Apply(s, r,
                 OutcomeCmd("fortsett", {{"barnets_stemme", true},
                                         {"neste", std::string("2026-05-04")}}),
                 As(kSchool), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(*d->snapshot.due_at, At("2026-05-04T22:00:00Z"));
  EXPECT_EQ(Entry(*d, "measure_agreed"), nullptr);
  EXPECT_EQ(Notice(*d, "measure_assigned"), nullptr);
}

// vurdering --niva1 [stafettholder: service, role baton_holder]--> plan1.
routine::Routine WithBatonPick() {
  routine::Routine r = BtiRoutine();
  Find(r, "vurdering")->outcomes[0].fields = {
      Role("stafettholder", FieldType::kService, FieldRole::kBatonHolder)};
  return r;
}

TEST(BatonPickTest, TheTeamPicksTheHolderAndTheEngineOffersIt) {
  auto r = WithBatonPick();
  Snapshot s = BtiCaseAt(r, "vurdering");
  s = Must(r, s, ConsentCmd({kSchool, kHealth}), kSchool);
  auto d = Apply(s, r, OutcomeCmd("niva1", {{"stafettholder", kHealth}}),
                 As(kSchool), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  const Snapshot& n = d->snapshot;
  EXPECT_EQ(n.step, "plan1");
  EXPECT_EQ(n.baton, BatonState::kOffered);
  EXPECT_EQ(n.baton_offered_to, kHealth);
  // Until helsestasjon accepts, the reporter answers for the baton step,
  // and the journal says so.
  EXPECT_EQ(n.responsible_service, kSchool);
  EXPECT_THAT(Entry(*d, "step_entered")->detail_json,
              HasSubstr(R"("responsible_as":"reporter_until_baton_accepted")"));
  EXPECT_THAT(Entry(*d, "baton_offered")->detail_json,
              HasSubstr(R"("to":"helsestasjon","by_outcome":"niva1")"));
  const Effect* offer = Notice(*d, "baton_offered");
  ASSERT_NE(offer, nullptr);
  EXPECT_EQ(offer->service, kHealth);
  EXPECT_EQ(offer->deadline_kind, "baton");
  Snapshot a = Must(r, n, AcceptCmd(), kHealth);
  EXPECT_EQ(a.baton_holder, kHealth);
  EXPECT_EQ(a.responsible_service, kHealth);
}

TEST(BatonPickTest, ARefusedPickRefusesTheOutcome) {
  auto r = WithBatonPick();
  Snapshot s = BtiCaseAt(r, "vurdering");
  s = Must(r, s, ConsentCmd({kSchool, kHealth}), kSchool);
  // A service the routine does not have.
  auto unknown = Apply(s, r, OutcomeCmd("niva1", {{"stafettholder", "skolen"}}),
                       As(kSchool), T0());
  EXPECT_EQ(unknown.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(unknown.status().field(), "fields.stafettholder");
  // A service the consent does not cover, above level 0.
  auto outside = Apply(s, r, OutcomeCmd("niva1", {{"stafettholder", kNav}}),
                       As(kSchool), T0());
  EXPECT_EQ(outside.status().code(), Code::kNotAllowed);
  EXPECT_THAT(outside.status().message(),
              HasSubstr("gir stafettpinnen til 'nav'"));
}

TEST(BatonPickTest, PickingTheHolderItselfOffersNothing) {
  auto r = WithBatonPick();
  Snapshot s = BtiCaseAt(r, "vurdering");
  s = Must(r, s, ConsentCmd({kSchool, kHealth}), kSchool);
  s = Must(r, s, OfferCmd(kSchool), kSchool);
  s = Must(r, s, AcceptCmd(), kSchool);
  auto d = Apply(s, r, OutcomeCmd("niva1", {{"stafettholder", kSchool}}),
                 As(kSchool), T0());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->snapshot.baton, BatonState::kHeld);
  EXPECT_EQ(Entry(*d, "baton_offered"), nullptr);
}

TEST(LevelTest, AStepThatKeepsTheLevelKeepsTheCasesLevel) {
  auto r = BtiRoutine();
  Find(r, "evaluering")->keep_level = true;  // shared by plan1 and nettverk
  Snapshot two = BtiCaseAt(r, "nettverk");
  ASSERT_EQ(two.level, 2);
  auto d = Apply(
      two, r,
      OutcomeCmd("evaluer", {{"deltakere", std::vector<std::string>{kHealth}}}),
      As(kSchool), T0());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->snapshot.step, "evaluering");
  EXPECT_EQ(d->snapshot.level, 2);
  EXPECT_EQ(d->entered->level, 2);
  EXPECT_THAT(Entry(*d, "step_entered")->detail_json,
              HasSubstr(R"("from_level":2,"to_level":2)"));
  Snapshot one = BtiCaseAt(r, "evaluering");
  EXPECT_EQ(one.level, 1);
  // Without the key the step moves the case to its own level.
  auto plain = BtiRoutine();
  auto moved = Apply(
      two, plain,
      OutcomeCmd("evaluer", {{"deltakere", std::vector<std::string>{kHealth}}}),
      As(kSchool), T0());
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->snapshot.level, 1);
}

}  // namespace
}  // namespace stafett::engine
