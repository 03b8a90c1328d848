// Publishing versions and moving a few hundred open cases across versions
// to a new one, on SQLite and PostgreSQL: the plan and its refusal, the dry
// run, the per-case moves with journal, deadlines and notices, and a rerun
// that finds nothing left to do (store/routines/routine_migrate.h).
#include <gtest/gtest.h>

#include "engine/engine.h"
#include "routine/loader.h"
#include "store/audit/audit.h"
#include "store/cases/case_store.h"
#include "store/routines/routine_migrate.h"
#include "store/routines/routine_publish.h"
#include "store/sql/test_db.h"

namespace stafett::store {
namespace {

const TimePoint kT0 = FromMillis(1780000000000);  // 2026-05-28

std::string Head(int version) {
  return "routine: r\nversion: " + std::to_string(version) +
         "\ntenant: mig\ntitle: T\nreference_prefix: MIG\nabuse_step: meld\n"
         "services: [{id: skole, name: Skole, kind: school}, "
         "{id: helse, name: Helse, kind: health}]\nsteps:\n";
}
const std::string kTail =
    "  - {id: meld, kind: action, level: 3, title: M, responsible: reporter, "
    "deadline: PT8H, outcomes: [{name: a, to: slutt}]}\n"
    "  - {id: slutt, kind: closed, level: 0, title: E}\n";

// v1: start -> midt (the school) or gammel.
std::string V1() {
  return Head(1) +
         "  - {id: start, kind: concern, level: 0, title: S, responsible: "
         "reporter, deadline: P14D, outcomes: [{name: a, to: midt}, {name: b, "
         "to: gammel}]}\n"
         "  - {id: midt, kind: action, level: 0, title: M, responsible: skole, "
         "deadline: P7D, outcomes: [{name: a, to: slutt}]}\n"
         "  - {id: gammel, kind: action, level: 0, title: G, responsible: "
         "reporter, deadline: P7D, outcomes: [{name: a, to: slutt}]}\n" +
         kTail;
}
// v2: only a title changed.
std::string V2() {
  std::string t = V1();
  t.replace(t.find("version: 1"), 10, "version: 2");
  t.replace(t.find("title: G"), 8, "title: X");
  return t;
}
// v3: start's deadline is 10 days, midt is now ny_midt (health), gammel gone.
std::string V3() {
  return Head(3) +
         "  - {id: start, kind: concern, level: 0, title: S, responsible: "
         "reporter, deadline: P10D, outcomes: [{name: a, to: ny_midt}]}\n"
         "  - {id: ny_midt, kind: action, level: 0, title: N, responsible: "
         "helse, deadline: P5D, outcomes: [{name: a, to: slutt}]}\n" +
         kTail;
}

class RoutineMigrateTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = OpenMigrated(4);
    ASSERT_NE(db_, nullptr);
    store_ = std::make_unique<CaseStore>(*db_, clock_);
  }

  std::shared_ptr<const routine::Routine> Publish(const std::string& text) {
    PublishCheck c = CheckPublish(*db_, text, "r.yaml", "mig");
    EXPECT_TRUE(c.publishable())
        << (c.diagnostics.empty() ? c.refusal_detail
                                  : c.diagnostics[0].ToString());
    if (!c.publishable()) return nullptr;
    EXPECT_EQ(store::Publish(*db_, c, clock_.Now()).result,
              PublishResult::kCreated);
    return c.routine;
  }

  // Opens a case on `r` and takes `outcomes` from its steps in turn.
  void Case(const routine::Routine& r, std::vector<std::string> outcomes) {
    engine::NewCase n;
    n.age_band = "6-12";
    n.text = "Bekymring";
    auto created = store_->CreateCase(
        "mig", "MIG", 2026,
        [&](const std::string& id,
            const std::string& ref) -> Result<engine::Decision> {
          n.case_id = id;
          n.reference = ref;
          return engine::OpenCase(r, n, school_, clock_.Now());
        });
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    for (const auto& o : outcomes) {
      engine::Command cmd;
      cmd.type = engine::CommandType::kOutcome;
      cmd.outcome = o;
      auto moved = store_->ExecuteCommand(
          "mig", created->snapshot.case_id, std::nullopt,
          [&](const engine::Snapshot& cur) {
            return engine::Apply(cur, r, cmd, school_, clock_.Now());
          });
      ASSERT_TRUE(moved.ok()) << moved.status().ToString();
    }
  }

  CaseMigrationRequest Request(bool dry_run,
                               std::map<std::string, std::string> map = {}) {
    CaseMigrationRequest m;
    m.tenant = "mig";
    m.routine_id = "r";
    m.to_version = 3;
    m.map = std::move(map);
    m.dry_run = dry_run;
    m.actor = engine::Actor{"mig", "admin", engine::Role::kAdmin};
    return m;
  }

  int Count(const CaseMigrationReport& r, int from_version,
            const std::string& from, const std::string& to) {
    for (const auto& s : r.by_step) {
      if (s.from_version == from_version && s.from_step == from &&
          s.to_step == to) {
        return s.cases;
      }
    }
    return 0;
  }

  ManualClock clock_{kT0};
  engine::Actor school_{"mig", "skole", engine::Role::kWorker};
  std::unique_ptr<Database> db_;
  std::unique_ptr<CaseStore> store_;
};

TEST_P(RoutineMigrateTest, HundredsOfOpenCasesMoveToTheNewVersion) {
  auto v1 = Publish(V1());
  ASSERT_TRUE(v1);
  for (int i = 0; i < 80; ++i) ASSERT_NO_FATAL_FAILURE(Case(*v1, {}));
  for (int i = 0; i < 80; ++i) ASSERT_NO_FATAL_FAILURE(Case(*v1, {"a"}));
  for (int i = 0; i < 40; ++i) ASSERT_NO_FATAL_FAILURE(Case(*v1, {"b"}));
  for (int i = 0; i < 10; ++i) ASSERT_NO_FATAL_FAILURE(Case(*v1, {"b", "a"}));
  clock_.Set(kT0 + std::chrono::hours(24));
  auto v2 = Publish(V2());
  ASSERT_TRUE(v2);
  for (int i = 0; i < 60; ++i) ASSERT_NO_FATAL_FAILURE(Case(*v2, {"a"}));
  auto v3 = Publish(V3());
  ASSERT_TRUE(v3);
  for (int i = 0; i < 20; ++i) ASSERT_NO_FATAL_FAILURE(Case(*v3, {}));
  clock_.Set(kT0 + std::chrono::hours(48));

  // Without a map, the cases on midt and gammel have no target: refused,
  // and nothing moves.
  auto refused = MigrateOpenCases(*store_, Request(false), clock_);
  ASSERT_TRUE(refused.ok()) << refused.status().ToString();
  EXPECT_EQ(refused->total, 280);
  EXPECT_EQ(refused->refused, 80 + 40 + 60);
  EXPECT_EQ(refused->migrated, 0);
  EXPECT_EQ(refused->already, 20);
  EXPECT_EQ(Count(*refused, 1, "midt", ""), 80);
  EXPECT_EQ(OpenCasesByVersionStep(*db_, "mig", "r").at({v1->hash, "start"}),
            80);

  // The dry run with a map: counts per step, still nothing moved.
  const std::map<std::string, std::string> map = {{"midt", "ny_midt"},
                                                  {"gammel", "start"}};
  auto dry = MigrateOpenCases(*store_, Request(true, map), clock_);
  ASSERT_TRUE(dry.ok());
  EXPECT_EQ(dry->refused, 0);
  EXPECT_EQ(dry->migrated, 0);
  EXPECT_EQ(Count(*dry, 1, "start", "start"), 80);
  EXPECT_EQ(Count(*dry, 1, "midt", "ny_midt"), 80);
  EXPECT_EQ(Count(*dry, 1, "gammel", "start"), 40);
  EXPECT_EQ(Count(*dry, 2, "midt", "ny_midt"), 60);
  EXPECT_EQ(dry->cases.size(), 280u);
  EXPECT_EQ(OpenCasesByVersionStep(*db_, "mig", "r").at({v1->hash, "midt"}),
            80);

  // The run: each case in its own transaction, with progress.
  int last = 0;
  auto req = Request(false, map);
  req.progress = [&](int done, int total) {
    EXPECT_EQ(total, 280);
    EXPECT_GT(done, last);
    last = done;
  };
  auto run = MigrateOpenCases(*store_, req, clock_);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->migrated, 260);
  EXPECT_EQ(run->already, 20);
  EXPECT_EQ(run->refused, 0);
  EXPECT_EQ(last, 280);
  auto counts = OpenCasesByVersionStep(*db_, "mig", "r");
  EXPECT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts.at({v3->hash, "start"}), 80 + 40 + 20);
  EXPECT_EQ(counts.at({v3->hash, "ny_midt"}), 80 + 60);

  // What one moved case shows: journal, deadline, notice.
  bool checked_same = false, checked_moved = false;
  WorklistFilter all;
  all.limit = 500;
  auto page = store_->Worklist("mig", all);
  ASSERT_TRUE(page.ok());
  for (const auto& s : page->cases) {
    EXPECT_EQ(s.routine_version, 3);
    auto journal = store_->Journal("mig", s.case_id);
    if (journal.back().entry.kind != "routine_migrated")
      continue;  // born on v3
    EXPECT_EQ(journal.back().entry.actor_service, "admin");
    if (!checked_same && s.step == "start" && s.step_entered_at == kT0) {
      // Same step: the visit goes on, the deadline counts from its start.
      EXPECT_EQ(*s.due_at, kT0 + std::chrono::hours(24 * 10));
      EXPECT_EQ(store_->StepVisits("mig", s.case_id).size(), 1u);
      checked_same = true;
    }
    if (!checked_moved && s.step == "ny_midt") {
      EXPECT_EQ(s.responsible_service, "helse");
      EXPECT_EQ(s.step_entered_at, kT0 + std::chrono::hours(48));
      auto visits = store_->StepVisits("mig", s.case_id);
      EXPECT_EQ(visits[visits.size() - 2].outcome, "routine_migrated");
      bool told = false;
      for (const auto& m : store_->Outbox("mig", s.case_id)) {
        told = told || (m.service == "helse" && m.event == "step_assigned");
      }
      EXPECT_TRUE(told) << "the newly responsible service is notified";
      bool deadline = false;
      for (const auto& d : store_->Deadlines("mig", s.case_id)) {
        deadline =
            deadline || (d.kind == "step" &&
                         d.due_at == kT0 + std::chrono::hours(48 + 5 * 24));
      }
      EXPECT_TRUE(deadline);
      checked_moved = true;
    }
  }
  EXPECT_TRUE(checked_same);
  EXPECT_TRUE(checked_moved);
  EXPECT_TRUE(VerifyJournal(*db_, "mig").ok())
      << "the hash chain holds across routine_migrated entries";

  // A rerun (after a crash, or a second runner) finds nothing to do.
  auto again = MigrateOpenCases(*store_, Request(false, map), clock_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->migrated, 0);
  EXPECT_EQ(again->already, 280);
}

TEST_P(RoutineMigrateTest, PublishingRefusesAReusedVersionNumber) {
  ASSERT_TRUE(Publish(V1()));
  std::string other = V1();
  other.replace(other.find("title: G"), 8, "title: Y");
  PublishCheck c = CheckPublish(*db_, other, "r.yaml", "mig");
  EXPECT_EQ(c.refusal_code, "version_exists");
  EXPECT_NE(c.refusal_detail.find("version: 2"), std::string::npos)
      << c.refusal_detail;
  EXPECT_EQ(PublishRoutineVersion(*db_, *c.routine, kT0).result,
            PublishResult::kVersionExists);
  EXPECT_EQ(MigrateOpenCases(*store_, Request(true), clock_).status().code(),
            Code::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, RoutineMigrateTest,
                         ::testing::Values("sqlite", "postgresql"),
                         BackendName);

}  // namespace
}  // namespace stafett::store
