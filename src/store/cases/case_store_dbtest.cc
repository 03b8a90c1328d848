// The CaseStore contract, once, on SQLite and PostgreSQL.
#include <chrono>

#include <gtest/gtest.h>

#include "store/cases/case_store.h"
#include "store/cases/journal_hash.h"
#include "store/cases/test_decisions.h"
#include "store/sql/test_db.h"

namespace stafett::store {
namespace {

using engine::Decision;
using engine::Snapshot;
using testing::MoveDecision;
using testing::NoteDecision;
using testing::OpenDecision;
using testing::TestRoutine;

const TimePoint kT0 = FromMillis(1780000000000);  // 2026-05-28

class CaseStoreTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = OpenMigrated(4);
    ASSERT_NE(db_, nullptr);
    store_ = std::make_unique<CaseStore>(*db_, clock_);
    store_->SaveRoutineVersion(TestRoutine("nes"));
    store_->SaveRoutineVersion(TestRoutine("other"));
  }

  Snapshot Create(const std::string& tenant = "nes", int year = 2026) {
    auto r = store_->CreateCase(
        tenant, "NES", year,
        [&](const std::string& id, const std::string& ref) -> Result<Decision> {
          return OpenDecision(tenant, id, ref, clock_.Now());
        });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->snapshot : Snapshot{};
  }

  Result<CommandOutcome> Move(const Snapshot& s, const std::string& step,
                              std::optional<std::int64_t> expected,
                              const WriteOptions& o = {}) {
    return store_->ExecuteCommand(
        s.tenant, s.case_id, expected,
        [&](const Snapshot& cur) -> Result<Decision> {
          return MoveDecision(cur, step, 1, "ppt", clock_.Now());
        },
        o);
  }

  ManualClock clock_{kT0};
  std::unique_ptr<Database> db_;
  std::unique_ptr<CaseStore> store_;
};

TEST_P(CaseStoreTest, RoutineVersionsAreKeptByHash) {
  auto r = TestRoutine("nes");
  store_->SaveRoutineVersion(r);  // again: no error, no duplicate
  EXPECT_EQ(store_->RoutineSource(r.hash), r.source_text);
  EXPECT_EQ(store_->RoutineSource("nope"), std::nullopt);
}

TEST_P(CaseStoreTest, CreateAllocatesSequentialReferencesPerTenantAndYear) {
  EXPECT_EQ(Create("nes").reference, "NES-2026-0001");
  EXPECT_EQ(Create("nes").reference, "NES-2026-0002");
  EXPECT_EQ(Create("other").reference, "NES-2026-0001");
  EXPECT_EQ(Create("nes", 2027).reference, "NES-2027-0001");
  // A failing decide rolls the allocation back: no gap.
  auto failed = store_->CreateCase(
      "nes", "NES", 2026,
      [](const std::string&, const std::string&) -> Result<Decision> {
        return Status::Invalid("nope", "text");
      });
  EXPECT_EQ(failed.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Create("nes").reference, "NES-2026-0003");
}

TEST_P(CaseStoreTest, CreatePersistsTheWholeDecision) {
  Snapshot s = Create();
  ASSERT_EQ(s.version, 1);
  auto got = store_->GetCase("nes", s.case_id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->reference, s.reference);
  EXPECT_EQ(got->routine_hash, TestRoutine("nes").hash);
  EXPECT_EQ(got->routine_version, 3);
  EXPECT_EQ(got->step, "concern");
  EXPECT_EQ(got->baton, engine::BatonState::kHeld);
  EXPECT_EQ(got->baton_holder, "school-a");
  EXPECT_EQ(got->categories,
            (std::vector<std::string>{"attendance", "wellbeing"}));
  EXPECT_EQ(got->due_at, kT0 + std::chrono::hours(24 * 14));
  EXPECT_FALSE(got->consent.has_value());
  EXPECT_FALSE(got->child_welfare_reported_at.has_value());
  EXPECT_EQ(store_->GetCaseByReference("nes", s.reference)->case_id, s.case_id);

  auto journal = store_->Journal("nes", s.case_id);
  ASSERT_EQ(journal.size(), 2u);
  EXPECT_EQ(journal[0].entry.kind, "case_opened");
  EXPECT_EQ(journal[0].entry.text, "Uro for eleven: \"fravær\"\nog søvn");
  EXPECT_EQ(journal[0].prev_hash, "");
  EXPECT_EQ(journal[1].prev_hash, journal[0].hash);

  auto visits = store_->StepVisits("nes", s.case_id);
  ASSERT_EQ(visits.size(), 1u);
  EXPECT_EQ(visits[0].step, "concern");
  EXPECT_FALSE(visits[0].left_at.has_value());
  EXPECT_EQ(visits[0].routine_id, "bti");

  auto deadlines = store_->Deadlines("nes", s.case_id);
  ASSERT_EQ(deadlines.size(), 1u);
  EXPECT_EQ(deadlines[0].kind, "step");
  EXPECT_EQ(deadlines[0].due_at, *s.due_at);
  EXPECT_EQ(deadlines[0].stage, 0);
  EXPECT_EQ(deadlines[0].next_fire_at, kT0);

  auto outbox = store_->Outbox("nes", s.case_id);
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].service, "school-a");
  EXPECT_EQ(outbox[0].status, "pending");
  // The payload names the case, never the child.
  EXPECT_NE(outbox[0].payload_json.find(s.reference), std::string::npos);
  EXPECT_EQ(outbox[0].payload_json.find("6-12"), std::string::npos);
  EXPECT_EQ(outbox[0].payload_json.find("fravær"), std::string::npos);
}

TEST_P(CaseStoreTest, ExecutePersistsEverythingFromADecision) {
  Snapshot s = Create();
  clock_.Advance(std::chrono::hours(1));
  auto r = Move(s, "observe", 1);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->snapshot.version, 2);
  EXPECT_FALSE(r->replayed);

  auto got = store_->GetCase("nes", s.case_id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(got->step, "observe");
  EXPECT_EQ(got->level, 1);
  EXPECT_EQ(got->responsible_service, "ppt");
  EXPECT_EQ(got->visit_seq, 2);

  auto journal = store_->Journal("nes", s.case_id);
  ASSERT_EQ(journal.size(), 4u);
  EXPECT_EQ(journal[2].entry.kind, "outcome");
  EXPECT_EQ(journal[2].seq, 3);
  EXPECT_EQ(journal[2].entry.actor_role, engine::Role::kCoordinator);
  EXPECT_EQ(journal[3].entry.step, "observe");

  auto visits = store_->StepVisits("nes", s.case_id);
  ASSERT_EQ(visits.size(), 2u);
  EXPECT_EQ(visits[0].left_at, clock_.Now());
  EXPECT_EQ(visits[0].outcome, "next");
  EXPECT_EQ(visits[1].step, "observe");
  EXPECT_EQ(visits[1].service, "ppt");
  EXPECT_FALSE(visits[1].left_at.has_value());

  auto deadlines = store_->Deadlines("nes", s.case_id);
  ASSERT_EQ(deadlines.size(), 1u);
  EXPECT_EQ(deadlines[0].due_at, clock_.Now() + std::chrono::hours(24 * 7));
  EXPECT_EQ(deadlines[0].next_fire_at, clock_.Now());

  auto outbox = store_->Outbox("nes", s.case_id);
  ASSERT_EQ(outbox.size(), 2u);
  EXPECT_EQ(outbox[1].service, "ppt");
}

TEST_P(CaseStoreTest, ANoticeAboutAnotherDeadlineCarriesThatDeadline) {
  Snapshot s = Create();
  const TimePoint answer_by = kT0 + std::chrono::hours(50);
  auto r = store_->ExecuteCommand(
      "nes", s.case_id, 1, [&](const Snapshot& cur) -> Result<Decision> {
        Decision d = NoteDecision(cur, "x", clock_.Now());
        engine::Effect e;
        e.kind = engine::Effect::Kind::kNotify;
        e.event = "baton_offered";
        e.service = "ppt";
        e.deadline_kind = "baton";
        e.due_at = answer_by;
        d.effects.push_back(e);
        return d;
      });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto outbox = store_->Outbox("nes", s.case_id);
  ASSERT_EQ(outbox.size(), 2u);
  const OutboxRow& offer =
      outbox[0].event == "baton_offered" ? outbox[0] : outbox[1];
  ASSERT_EQ(offer.event, "baton_offered");
  // The offer's answer deadline, not the step's.
  EXPECT_NE(offer.payload_json.find(FormatUtc(answer_by)), std::string::npos)
      << offer.payload_json;
  EXPECT_EQ(offer.payload_json.find(FormatUtc(*s.due_at)), std::string::npos);
}

TEST_P(CaseStoreTest, EverySnapshotFieldRoundTrips) {
  Snapshot s = Create();
  Snapshot want;
  auto r = store_->ExecuteCommand(
      "nes", s.case_id, 1, [&](const Snapshot& cur) -> Result<Decision> {
        Decision d = NoteDecision(cur, "x", clock_.Now());
        Snapshot& n = d.snapshot;
        n.status = engine::CaseStatus::kClosed;
        n.closed_reason = "resolved";
        n.sharing = engine::Sharing::kWithdrawn;
        n.consent = engine::Consent{
            "guardians", {"ppt", "health-1"}, "2027-01-31", clock_.Now()};
        n.baton = engine::BatonState::kOffered;
        n.baton_offered_to = "ppt";
        n.categories = {};
        n.age_band = "";
        n.due_at = std::nullopt;
        n.child_welfare_reported_at = clock_.Now() + Millis(5);
        n.child_welfare_confirmed_at = clock_.Now() + Millis(6);
        want = n;
        return d;
      });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto got = store_->GetCase("nes", s.case_id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, want.status);
  EXPECT_EQ(got->closed_reason, "resolved");
  EXPECT_EQ(got->sharing, engine::Sharing::kWithdrawn);
  ASSERT_TRUE(got->consent.has_value());
  EXPECT_EQ(got->consent->given_by, "guardians");
  EXPECT_EQ(got->consent->services,
            (std::vector<std::string>{"ppt", "health-1"}));
  EXPECT_EQ(got->consent->valid_until, "2027-01-31");
  EXPECT_EQ(got->consent->given_at, clock_.Now());
  EXPECT_EQ(got->baton, engine::BatonState::kOffered);
  EXPECT_EQ(got->baton_offered_to, "ppt");
  EXPECT_TRUE(got->categories.empty());
  EXPECT_FALSE(got->due_at.has_value());
  EXPECT_EQ(got->child_welfare_reported_at, want.child_welfare_reported_at);
  EXPECT_EQ(got->child_welfare_confirmed_at, want.child_welfare_confirmed_at);
  EXPECT_EQ(got->created_at, s.created_at);
}

// Issue 11, defect 2: lists were stored comma-joined, so a category with a
// comma was refused with a 500. Every item of every list round-trips now.
TEST_P(CaseStoreTest, ListItemsRoundTripWhateverTheirText) {
  Snapshot s = Create();
  const std::vector<std::string> categories = {"a,b",
                                               ",",
                                               "",
                                               "\"quoted\" [x]",
                                               "back\\slash",
                                               "tab\tnew\nline",
                                               "æøå ášŋ,ŧž",
                                               "\xf0\x9f\x98\x80",
                                               "\x01\x1f\x7f"};
  const std::vector<std::string> services = {"ppt,x", "health-1"};
  auto r = store_->ExecuteCommand(
      "nes", s.case_id, 1, [&](const Snapshot& cur) -> Result<Decision> {
        Decision d = NoteDecision(cur, "x", clock_.Now());
        d.snapshot.categories = categories;
        d.snapshot.sharing = engine::Sharing::kConsented;
        d.snapshot.consent =
            engine::Consent{"guardians", services, "2027-01-31", clock_.Now()};
        return d;
      });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto got = store_->GetCase("nes", s.case_id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->categories, categories);
  ASSERT_TRUE(got->consent.has_value());
  EXPECT_EQ(got->consent->services, services);
}

TEST_P(CaseStoreTest, StaleVersionChangesNothing) {
  Snapshot s = Create();
  bool called = false;
  auto r = store_->ExecuteCommand("nes", s.case_id, 7,
                                  [&](const Snapshot& cur) -> Result<Decision> {
                                    called = true;
                                    return NoteDecision(cur, "x", clock_.Now());
                                  });
  EXPECT_EQ(r.status().code(), Code::kStaleVersion);
  EXPECT_FALSE(called);
  EXPECT_EQ(store_->GetCase("nes", s.case_id)->version, 1);
  EXPECT_EQ(store_->Journal("nes", s.case_id).size(), 2u);
}

TEST_P(CaseStoreTest, DomainErrorFromDecideStoresNothing) {
  Snapshot s = Create();
  WriteOptions o;
  o.idempotency_key = "k-err";
  o.request_fingerprint = "f";
  auto r = store_->ExecuteCommand(
      "nes", s.case_id, 1,
      [&](const Snapshot&) -> Result<Decision> {
        return Status::NotAllowed("steget kan ikke avsluttes ennå");
      },
      o);
  EXPECT_EQ(r.status().code(), Code::kNotAllowed);
  EXPECT_EQ(r.status().message(), "steget kan ikke avsluttes ennå");
  EXPECT_EQ(store_->GetCase("nes", s.case_id)->version, 1);
  EXPECT_EQ(store_->Journal("nes", s.case_id).size(), 2u);
  EXPECT_EQ(store_->StepVisits("nes", s.case_id).size(), 1u);
  EXPECT_EQ(store_->Outbox("nes", s.case_id).size(), 1u);
  // The key was not used up: a retry that succeeds is applied.
  auto retry = Move(s, "observe", 1, o);
  ASSERT_TRUE(retry.ok()) << retry.status().ToString();
  EXPECT_FALSE(retry->replayed);
}

TEST_P(CaseStoreTest, BrokenDecisionIsInternalAndStoresNothing) {
  Snapshot s = Create();
  auto r = store_->ExecuteCommand(
      "nes", s.case_id, 1, [&](const Snapshot& cur) -> Result<Decision> {
        Decision d = MoveDecision(cur, "observe", 1, "ppt", clock_.Now());
        d.left->seq = 9;  // not the open visit
        return d;
      });
  EXPECT_EQ(r.status().code(), Code::kInternal);
  EXPECT_EQ(store_->GetCase("nes", s.case_id)->version, 1);
  EXPECT_EQ(store_->Journal("nes", s.case_id).size(), 2u);
}

TEST_P(CaseStoreTest, AnotherTenantsCaseIsNotFound) {
  Snapshot s = Create("nes");
  EXPECT_FALSE(store_->GetCase("other", s.case_id).has_value());
  EXPECT_FALSE(store_->GetCaseByReference("other", s.reference).has_value());
  EXPECT_TRUE(store_->Journal("other", s.case_id).empty());
  EXPECT_TRUE(store_->StepVisits("other", s.case_id).empty());
  bool called = false;
  auto r = store_->ExecuteCommand("other", s.case_id, std::nullopt,
                                  [&](const Snapshot& cur) -> Result<Decision> {
                                    called = true;
                                    return NoteDecision(cur, "x", clock_.Now());
                                  });
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  EXPECT_FALSE(called);
  auto page = store_->Worklist("other", {});
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->cases.empty());
}

TEST_P(CaseStoreTest, JournalHashChainVerifies) {
  Snapshot s = Create();
  ASSERT_TRUE(Move(s, "observe", 1).ok());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(
        store_
            ->ExecuteCommand("nes", s.case_id, std::nullopt,
                             [&](const Snapshot& cur) -> Result<Decision> {
                               return NoteDecision(cur, "n", clock_.Now());
                             })
            .ok());
  }
  auto journal = store_->Journal("nes", s.case_id);
  ASSERT_EQ(journal.size(), 7u);
  EXPECT_EQ(FirstBrokenLink(journal), std::nullopt);
  for (const auto& e : journal) {
    EXPECT_EQ(e.hash, JournalHash(e.prev_hash, e));
  }
  journal[4].entry.text = "edited";
  EXPECT_EQ(FirstBrokenLink(journal), 4u);
}

TEST_P(CaseStoreTest, IdempotentRetryReturnsTheFirstAnswer) {
  Snapshot s = Create();
  WriteOptions o;
  o.idempotency_key = "key-1";
  o.request_fingerprint = "POST /cases/x/commands {...}";
  int responded = 0;
  o.respond = [&](const Snapshot& after) {
    ++responded;
    return StoredResponse{200,
                          "{\"version\":" + std::to_string(after.version) + "}",
                          "ETag: \"" + std::to_string(after.version) + "\""};
  };
  auto first = Move(s, "observe", 1, o);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_FALSE(first->replayed);
  EXPECT_EQ(first->response.body, "{\"version\":2}");

  auto again = Move(s, "observe", 1, o);  // the stale version is irrelevant
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->response.status_code, 200);
  EXPECT_EQ(again->response.body, "{\"version\":2}");
  EXPECT_EQ(again->response.headers, "ETag: \"2\"");
  EXPECT_EQ(responded, 1);
  EXPECT_EQ(store_->GetCase("nes", s.case_id)->version, 2);
  EXPECT_EQ(store_->Journal("nes", s.case_id).size(), 4u);

  // Same key, another request: refused, nothing changes.
  WriteOptions other = o;
  other.request_fingerprint = "POST /cases/y/commands {...}";
  auto reused = Move(s, "observe", 2, other);
  EXPECT_EQ(reused.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(reused.status().field(), "Idempotency-Key");

  // Keys are per tenant.
  Snapshot t = Create("other");
  auto other_tenant = Move(t, "observe", 1, o);
  ASSERT_TRUE(other_tenant.ok());
  EXPECT_FALSE(other_tenant->replayed);
}

TEST_P(CaseStoreTest, IdempotentCreateCreatesOnce) {
  WriteOptions o;
  o.idempotency_key = "create-1";
  o.request_fingerprint = "POST /cases";
  o.respond = [](const Snapshot& after) {
    return StoredResponse{201, after.reference,
                          "Location: /cases/" + after.case_id};
  };
  auto create = [&] {
    return store_->CreateCase(
        "nes", "NES", 2026,
        [&](const std::string& id, const std::string& ref) -> Result<Decision> {
          return OpenDecision("nes", id, ref, clock_.Now());
        },
        o);
  };
  auto first = create();
  ASSERT_TRUE(first.ok());
  auto second = create();
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->replayed);
  EXPECT_EQ(second->response.status_code, 201);
  EXPECT_EQ(second->response.body, "NES-2026-0001");
  EXPECT_EQ(second->response.headers,
            "Location: /cases/" + first->snapshot.case_id);
  EXPECT_EQ(Create().reference, "NES-2026-0002");
}

TEST_P(CaseStoreTest, WorklistFiltersAndPages) {
  // Seven cases with deadlines one day apart, created in reverse order so
  // the deadline order differs from the creation order.
  std::vector<Snapshot> cases;
  for (int i = 0; i < 7; ++i) {
    clock_.Set(kT0 - std::chrono::hours(24 * i));
    cases.push_back(Create());
  }
  clock_.Set(kT0);
  // Two move to "observe" at level 1 for ppt (deadline now + 7 days).
  ASSERT_TRUE(Move(cases[0], "observe", 1).ok());
  ASSERT_TRUE(Move(cases[1], "observe", 1).ok());
  // One is closed.
  ASSERT_TRUE(
      store_
          ->ExecuteCommand("nes", cases[2].case_id, 1,
                           [&](const Snapshot& cur) -> Result<Decision> {
                             Decision d = NoteDecision(cur, "", clock_.Now());
                             d.snapshot.status = engine::CaseStatus::kClosed;
                             d.snapshot.due_at = std::nullopt;
                             return d;
                           })
          .ok());

  WorklistFilter all;
  all.limit = 100;
  auto page = store_->Worklist("nes", all);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->cases.size(), 6u);  // open only, by default
  EXPECT_TRUE(page->next_cursor.empty());
  for (std::size_t i = 1; i < page->cases.size(); ++i) {
    EXPECT_LE(*page->cases[i - 1].due_at, *page->cases[i].due_at);
  }
  // Earliest deadline first: the two moved cases (due kT0 + 7 days), then
  // the case created 6 days ago (due kT0 + 8 days).
  EXPECT_EQ(page->cases[2].case_id, cases[6].case_id);

  WorklistFilter by_service;
  by_service.responsible_service = "ppt";
  page = store_->Worklist("nes", by_service);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->cases.size(), 2u);

  WorklistFilter by_step;
  by_step.step = "concern";
  by_step.level = 0;
  page = store_->Worklist("nes", by_step);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->cases.size(), 4u);

  WorklistFilter closed;
  closed.status = engine::CaseStatus::kClosed;
  page = store_->Worklist("nes", closed);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->cases.size(), 1u);
  EXPECT_EQ(page->cases[0].case_id, cases[2].case_id);

  WorklistFilter any;
  any.status = std::nullopt;
  page = store_->Worklist("nes", any);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->cases.size(), 7u);
  EXPECT_EQ(page->cases.back().case_id, cases[2].case_id);  // no deadline: last

  // Overdue at kT0 + 10 days. Case i was created i days before kT0 and is
  // due 14 days after creation; cases 0 and 1 moved at kT0 (due + 7 days).
  // Due before +10: cases 0, 1 (+7), 6 (+8), 5 (+9).
  WorklistFilter overdue;
  overdue.overdue_only = true;
  overdue.now = kT0 + std::chrono::hours(24 * 10);
  page = store_->Worklist("nes", overdue);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->cases.size(), 4u);
  EXPECT_EQ(page->cases[3].case_id, cases[5].case_id);

  // Paging: pages of 2 walk the same order without gaps or repeats.
  WorklistFilter paged;
  paged.limit = 2;
  std::vector<std::string> walked;
  for (int pages = 0; pages < 10; ++pages) {
    auto p = store_->Worklist("nes", paged);
    ASSERT_TRUE(p.ok());
    for (const auto& c : p->cases) walked.push_back(c.case_id);
    if (p->next_cursor.empty()) break;
    EXPECT_EQ(p->cases.size(), 2u);
    paged.cursor = p->next_cursor;
  }
  std::vector<std::string> want;
  auto everything = store_->Worklist("nes", all);
  ASSERT_TRUE(everything.ok());
  for (const auto& c : everything->cases) want.push_back(c.case_id);
  EXPECT_EQ(walked, want);

  WorklistFilter bad;
  bad.cursor = "not a cursor";
  EXPECT_EQ(store_->Worklist("nes", bad).status().code(),
            Code::kInvalidArgument);
}

TEST_P(CaseStoreTest, AccessLogRecordsWhoLookedAndWhy) {
  Snapshot s = Create();
  store_->RecordAccess({"nes", s.case_id, "ppt", engine::Role::kUnitLeader,
                        clock_.Now(), "read_journal", "oppfølging"});
  auto log = store_->AccessLog("nes", s.case_id);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].actor_role, engine::Role::kUnitLeader);
  EXPECT_EQ(log[0].reason, "oppfølging");
  EXPECT_TRUE(store_->AccessLog("other", s.case_id).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseStoreTest,
                         ::testing::Values("sqlite", "postgresql"),
                         BackendName);

}  // namespace
}  // namespace stafett::store
