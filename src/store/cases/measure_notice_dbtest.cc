// Issue 12: a measure's decision parts (journal measure_agreed, notice
// measure_assigned about the evaluation date) need no new table: the store
// writes them as journal and outbox rows, on SQLite and PostgreSQL.
#include <chrono>

#include <gtest/gtest.h>

#include "store/cases/case_store.h"
#include "store/cases/test_decisions.h"
#include "store/sql/test_db.h"

namespace stafett::store {
namespace {

using engine::Decision;
using engine::Snapshot;
using testing::NoteDecision;
using testing::OpenDecision;
using testing::TestRoutine;

const TimePoint kT0 = FromMillis(1780000000000);  // 2026-05-28

class MeasureNoticeTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = OpenMigrated(4);
    ASSERT_NE(db_, nullptr);
    store_ = std::make_unique<CaseStore>(*db_, clock_);
    store_->SaveRoutineVersion(TestRoutine("nes"));
  }

  ManualClock clock_{kT0};
  std::unique_ptr<Database> db_;
  std::unique_ptr<CaseStore> store_;
};

TEST_P(MeasureNoticeTest, TheOwnerGetsAnOutboxRowAboutTheEvaluationDate) {
  auto created = store_->CreateCase(
      "nes", "NES", 2026,
      [&](const std::string& id, const std::string& ref) -> Result<Decision> {
        return OpenDecision("nes", id, ref, clock_.Now());
      });
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const Snapshot s = created->snapshot;
  const TimePoint evaluation = kT0 + std::chrono::days(30);
  auto r = store_->ExecuteCommand(
      "nes", s.case_id, 1, [&](const Snapshot& cur) -> Result<Decision> {
        Decision d = NoteDecision(cur, "x", clock_.Now());
        engine::JournalEntry j = d.journal.back();
        j.kind = "measure_agreed";
        j.text.clear();
        j.detail_json =
            R"({"owner":"ppt","evaluation_date":"2026-06-27","outcome":"plan_ready"})";
        d.journal.push_back(j);
        engine::Effect e;
        e.kind = engine::Effect::Kind::kNotify;
        e.event = "measure_assigned";
        e.service = "ppt";
        e.deadline_kind = "measure";
        e.due_at = evaluation;
        d.effects.push_back(e);
        return d;
      });
  ASSERT_TRUE(r.ok()) << r.status().ToString();

  const OutboxRow* notice = nullptr;
  auto outbox = store_->Outbox("nes", s.case_id);
  for (const auto& row : outbox) {
    if (row.event == "measure_assigned") notice = &row;
  }
  ASSERT_NE(notice, nullptr);
  EXPECT_EQ(notice->service, "ppt");
  EXPECT_EQ(notice->status, "pending");
  EXPECT_NE(notice->payload_json.find(R"("deadline_kind":"measure")"),
            std::string::npos)
      << notice->payload_json;
  EXPECT_NE(notice->payload_json.find(FormatUtc(evaluation)),
            std::string::npos);
  // Nothing beyond what every notice carries: no description, no fields.
  EXPECT_EQ(notice->payload_json.find("plan_ready"), std::string::npos);

  bool journalled = false;
  for (const auto& j : store_->Journal("nes", s.case_id)) {
    if (j.entry.kind == "measure_agreed") {
      journalled = true;
      EXPECT_NE(j.entry.detail_json.find(R"("owner":"ppt")"),
                std::string::npos);
    }
  }
  EXPECT_TRUE(journalled);
}

INSTANTIATE_TEST_SUITE_P(Backends, MeasureNoticeTest,
                         ::testing::Values("sqlite", "postgresql"),
                         BackendName);

}  // namespace
}  // namespace stafett::store
