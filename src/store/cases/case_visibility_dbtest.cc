// The case_visibility rows against engine::CanSee, through the real store
// on both backends: random snapshots written and changed, seeded walks of
// real commands over workflows/bti.yaml, the migration's backfill, and the
// worklist's pages (a service that sees 20 of many cases gets all 20 on its
// first page; no page is empty while more cases follow).
#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/roles.h"
#include "engine/test_walk.h"
#include "engine/visibility.h"
#include "routine/loader.h"
#include "store/cases/case_store.h"
#include "store/cases/case_visibility.h"
#include "store/cases/test_decisions.h"
#include "store/sql/sql_util.h"
#include "store/sql/test_db.h"

namespace stafett::store {
namespace {

using engine::Decision;
using engine::Snapshot;
using testing::NoteDecision;
using testing::OpenDecision;
using testing::TestRoutine;

const TimePoint kT0 = FromMillis(1774310400000);  // 2026-03-24T00:00:00Z
constexpr auto kDay = std::chrono::hours(24);

const std::vector<std::string> kPool = {"school-a", "school-b", "ppt",
                                        "nurse",    "cw",       "nav"};

class CaseVisibilityTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = OpenMigrated(4);
    ASSERT_NE(db_, nullptr);
    store_ = std::make_unique<CaseStore>(*db_, clock_);
    store_->SaveRoutineVersion(TestRoutine("nes"));
  }

  std::vector<std::string> Stored(const Snapshot& s, TimePoint now) {
    auto lease = db_->Acquire();
    return StoredViewers(*lease, s.tenant, s.case_id, now);
  }

  static std::vector<std::string> Expected(const Snapshot& s,
                                           const std::vector<std::string>& pool,
                                           TimePoint now) {
    std::set<std::string> out;
    for (const auto& service : pool) {
      if (engine::CanSee(s, service, now)) out.insert(service);
    }
    return {out.begin(), out.end()};
  }

  // Instants worth asking about: now, random ones within ten days, and
  // both sides of the consent's last Oslo midnight.
  std::vector<TimePoint> Instants(const Snapshot& s, TimePoint now) {
    std::vector<TimePoint> out = {now};
    for (int i = 0; i < 3; ++i) {
      out.push_back(now +
                    std::chrono::minutes(std::uniform_int_distribution<int>(
                        -10 * 1440, 10 * 1440)(rng_)));
    }
    if (s.consent) {
      auto until = ParseDate(s.consent->valid_until);
      if (until.ok()) {
        const TimePoint end = OsloStartOfDay(std::chrono::year_month_day{
            std::chrono::sys_days{*until} + std::chrono::days(1)});
        out.push_back(end - std::chrono::milliseconds(1));
        out.push_back(end);
      }
    }
    return out;
  }

  // Adds a failure unless the stored rows equal CanSee for every service
  // of `pool` (and nobody else) at the instants above.
  void Check(const Snapshot& s, const std::vector<std::string>& pool,
             TimePoint now) {
    for (TimePoint t : Instants(s, now)) {
      const std::vector<std::string> stored = Stored(s, t);
      std::vector<std::string> asked = pool;  // and whoever the rows name
      asked.insert(asked.end(), stored.begin(), stored.end());
      ASSERT_EQ(stored, Expected(s, asked, t))
          << "case " << s.reference << " at " << FormatUtc(t) << ", level "
          << s.level << ", sharing " << engine::SharingName(s.sharing)
          << ", consent until "
          << (s.consent ? s.consent->valid_until : "(none)");
      ++checks_;
    }
  }

  std::string Pick(const std::vector<std::string>& v) {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng_)];
  }
  bool Coin(double p = 0.5) { return std::bernoulli_distribution(p)(rng_); }

  // Random visibility-relevant state over `s`.
  void Scramble(Snapshot& s, TimePoint now) {
    s.level = std::uniform_int_distribution<int>(0, 3)(rng_);
    s.status =
        Coin(0.8) ? engine::CaseStatus::kOpen : engine::CaseStatus::kClosed;
    s.responsible_service = Coin(0.1) ? "" : Pick(kPool);
    s.baton_holder = Coin() ? Pick(kPool) : "";
    s.baton_offered_to = Coin(0.3) ? Pick(kPool) : "";
    s.baton = s.baton_offered_to.empty()
                  ? (s.baton_holder.empty() ? engine::BatonState::kNone
                                            : engine::BatonState::kHeld)
                  : engine::BatonState::kOffered;
    s.sharing = static_cast<engine::Sharing>(
        std::uniform_int_distribution<int>(0, 2)(rng_));
    s.consent.reset();
    if (s.sharing != engine::Sharing::kAnonymous || Coin(0.2)) {
      engine::Consent c;
      c.given_by = "guardians";
      for (const auto& p : kPool) {
        if (Coin(0.4)) c.services.push_back(p);
      }
      c.valid_until = engine::SightDate(
          now + kDay * std::uniform_int_distribution<int>(-4, 6)(rng_));
      c.given_at = now - kDay;
      s.consent = c;
    }
    s.step = Pick({"concern", "observe", "plan", "evaluate"});
    if (Coin(0.2)) {
      s.due_at.reset();
    } else {
      s.due_at = now + std::chrono::hours(
                           std::uniform_int_distribution<int>(-200, 800)(rng_));
    }
  }

  // All rows, as text, in key order.
  std::vector<std::string> Rows() {
    auto lease = db_->Acquire();
    std::vector<std::string> out;
    std::string id, service, through, status, step, resp;
    int work = 0, level = 0;
    long long due = 0;
    soci::statement st(*lease);
    st.exchange(soci::into(id));
    st.exchange(soci::into(service));
    st.exchange(soci::into(through));
    st.exchange(soci::into(work));
    st.exchange(soci::into(status));
    st.exchange(soci::into(due));
    st.exchange(soci::into(step));
    st.exchange(soci::into(level));
    st.exchange(soci::into(resp));
    st.alloc();
    st.prepare(
        "select case_id, service, seen_through, work, status, worklist_due, "
        "step, level, responsible_service from case_visibility order by "
        "case_id, service");
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
      std::ostringstream o;
      o << id << "|" << service << "|" << through << "|" << work << "|"
        << status << "|" << due << "|" << step << "|" << level << "|" << resp;
      out.push_back(o.str());
    }
    return out;
  }

  // The worklist's ids for `service` (every page followed), checking that
  // no page is empty unless it is the only one and the last.
  std::vector<std::string> ListAll(WorklistFilter f, int* pages = nullptr) {
    std::vector<std::string> ids;
    int n = 0;
    for (;;) {
      auto page = store_->Worklist("nes", f);
      EXPECT_TRUE(page.ok()) << page.status().ToString();
      if (!page.ok()) break;
      ++n;
      if (!page->next_cursor.empty()) {
        EXPECT_EQ(static_cast<int>(page->cases.size()), f.limit)
            << "a page short of the limit while more cases follow";
      }
      for (const auto& s : page->cases) ids.push_back(s.case_id);
      if (page->next_cursor.empty()) break;
      f.cursor = page->next_cursor;
    }
    if (pages) *pages = n;
    return ids;
  }

  ManualClock clock_{kT0};
  std::mt19937 rng_{15};
  std::unique_ptr<Database> db_;
  std::unique_ptr<CaseStore> store_;
  int checks_ = 0;
};

TEST_P(CaseVisibilityTest, StoredRowsEqualCanSeeForRandomSnapshots) {
  std::vector<Snapshot> cases;
  for (int i = 0; i < 40 && !HasFatalFailure(); ++i) {
    clock_.Set(kT0 + std::chrono::hours(i * 7));
    const TimePoint now = clock_.Now();
    auto created = store_->CreateCase(
        "nes", "NES", 2026,
        [&](const std::string& id, const std::string& ref) -> Result<Decision> {
          Decision d = OpenDecision("nes", id, ref, now);
          d.snapshot.reporter_service = Pick(kPool);
          Scramble(d.snapshot, now);
          return d;
        });
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    Snapshot s = created->snapshot;
    ASSERT_NO_FATAL_FAILURE(Check(s, kPool, now));
    for (int k = 0; k < 6; ++k) {
      clock_.Advance(
          std::chrono::hours(std::uniform_int_distribution<int>(1, 60)(rng_)));
      const TimePoint later = clock_.Now();
      auto changed =
          store_->ExecuteCommand("nes", s.case_id, s.version,
                                 [&](const Snapshot& cur) -> Result<Decision> {
                                   Decision d = NoteDecision(cur, "n", later);
                                   // Sometimes nothing that matters changes (no
                                   // statements then).
                                   if (Coin(0.8)) Scramble(d.snapshot, later);
                                   return d;
                                 });
      ASSERT_TRUE(changed.ok()) << changed.status().ToString();
      s = changed->snapshot;
      ASSERT_NO_FATAL_FAILURE(Check(s, kPool, later));
    }
    cases.push_back(s);
  }
  // The worklist query agrees too: for every service, the cases a unit
  // leader lists and a worker lists, at a few instants.
  for (int i = 0; i < 4 && !HasFatalFailure(); ++i) {
    const TimePoint now =
        kT0 + std::chrono::hours(
                  std::uniform_int_distribution<int>(0, 24 * 20)(rng_));
    for (const auto& service : kPool) {
      for (bool worker : {false, true}) {
        WorklistFilter f;
        f.status.reset();
        f.seen_by = service;
        f.work_only = worker;
        f.now = now;
        f.limit = 7;
        std::vector<std::string> got = ListAll(f);
        std::sort(got.begin(), got.end());
        engine::Actor a{
            "nes", service,
            worker ? engine::Role::kWorker : engine::Role::kUnitLeader};
        std::vector<std::string> want;
        for (const auto& s : cases) {
          if (engine::OnWorklist(s, a, now)) want.push_back(s.case_id);
        }
        std::sort(want.begin(), want.end());
        EXPECT_EQ(got, want) << service << (worker ? " worker" : " leader")
                             << " at " << FormatUtc(now);
      }
    }
  }
  EXPECT_GT(checks_, 1000);
}

TEST_P(CaseVisibilityTest, StoredRowsEqualCanSeeAfterRealCommands) {
  auto loaded = routine::LoadRoutineFile(std::string(STAFETT_SOURCE_DIR) +
                                         "/workflows/bti.yaml");
  ASSERT_TRUE(loaded.ok());
  const routine::Routine& r = *loaded.routine;
  store_->SaveRoutineVersion(r);
  std::vector<std::string> pool;
  for (const auto& s : r.services) pool.push_back(s.id);
  pool.push_back("outsider");
  int accepted = 0;
  std::set<std::string> kinds;
  for (int walk = 0; walk < 10 && !HasFatalFailure(); ++walk) {
    const engine::Actor opener{r.tenant, pool[walk % 2], engine::Role::kWorker};
    auto created = store_->CreateCase(
        r.tenant, r.reference_prefix, 2026,
        [&](const std::string& id, const std::string& ref) {
          engine::NewCase n;
          n.case_id = id;
          n.reference = ref;
          n.age_band = "6-12";
          n.text = "Uro for trivselen i barnehagen";
          return engine::OpenCase(r, n, opener, clock_.Now());
        });
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    Snapshot s = created->snapshot;
    ASSERT_NO_FATAL_FAILURE(Check(s, pool, clock_.Now()));
    for (int k = 0; k < 40 && !HasFatalFailure(); ++k) {
      clock_.Advance(std::chrono::minutes(
          std::uniform_int_distribution<int>(0, 3 * 1440)(rng_)));
      const TimePoint now = clock_.Now();
      auto moves = engine::testing::CandidateMoves(r, s, now);
      if (moves.empty()) break;
      const auto& m = moves[std::uniform_int_distribution<std::size_t>(
          0, moves.size() - 1)(rng_)];
      auto done = store_->ExecuteCommand(
          r.tenant, s.case_id, s.version, [&](const Snapshot& cur) {
            return engine::Apply(cur, r, m.cmd, m.actor, now);
          });
      if (done.ok()) {
        s = done->snapshot;
        ++accepted;
        kinds.insert(engine::CommandTypeName(m.cmd.type));
      }
      ASSERT_NO_FATAL_FAILURE(Check(s, pool, now));
    }
  }
  EXPECT_GT(accepted, 60);
  // Consent given, withdrawn and expired, batons moved, levels changed.
  for (const char* k : {"consent", "offer_baton", "accept_baton", "outcome"}) {
    EXPECT_TRUE(kinds.count(k)) << k;
  }
}

// The migration's backfill computes what the store writes.
TEST_P(CaseVisibilityTest, TheMigrationBackfillEqualsTheStoredRows) {
  for (int i = 0; i < 60; ++i) {
    const TimePoint now = clock_.Now();
    auto created = store_->CreateCase(
        "nes", "NES", 2026,
        [&](const std::string& id, const std::string& ref) -> Result<Decision> {
          Decision d = OpenDecision("nes", id, ref, now);
          d.snapshot.reporter_service = Pick(kPool);
          Scramble(d.snapshot, now);
          if (i % 17 == 3 && d.snapshot.consent) {
            d.snapshot.consent->valid_until = "2026-02-30";  // never valid
          }
          return d;
        });
    ASSERT_TRUE(created.ok()) << created.status().ToString();
  }
  const std::vector<std::string> written = Rows();
  ASSERT_GT(written.size(), 60u);
  std::ifstream in(TestMigrationsRoot() /
                   (IsPostgres() ? "postgresql" : "sqlite") /
                   "0150_case_visibility.sql");
  std::stringstream text;
  text << in.rdbuf();
  std::string backfill, sight;
  for (const auto& st : SplitSqlStatements(text.str())) {
    if (st.rfind("insert into case_visibility", 0) == 0) backfill = st;
    if (st.rfind("update cases set sight", 0) == 0) sight = st;
  }
  ASSERT_FALSE(backfill.empty());
  ASSERT_FALSE(sight.empty());
  {
    auto lease = db_->Acquire();
    *lease << "delete from case_visibility";
    *lease << backfill;
  }
  EXPECT_EQ(Rows(), written);
  // The backfilled cases.sight says the same as the store's (spacing
  // aside), and the trigger rebuilds the same rows from it.
  {
    auto lease = db_->Acquire();
    *lease << sight;
  }
  EXPECT_EQ(Rows(), written);
  auto lease = db_->Acquire();
  std::string id, tenant, stored;
  soci::statement st(*lease);
  st.exchange(soci::into(id));
  st.exchange(soci::into(tenant));
  st.exchange(soci::into(stored));
  st.alloc();
  st.prepare("select id, tenant, sight from cases");
  st.define_and_bind();
  st.execute();
  int n = 0;
  while (st.fetch()) {
    stored.erase(std::remove(stored.begin(), stored.end(), ' '), stored.end());
    auto snap = store_->GetCase(tenant, id);
    ASSERT_TRUE(snap);
    EXPECT_EQ(stored, SightJson(*snap));
    ++n;
  }
  EXPECT_EQ(n, 60);
}

// Issue 15: a kindergarten that sees 20 of a city's cases gets all 20 on
// its first page, and no page of any service is empty while more follow.
TEST_P(CaseVisibilityTest, ASmallServiceGetsAllItsCasesOnTheFirstPage) {
  constexpr int kCases = 400;
  std::set<std::string> kindergarten, kindergarten_work;
  for (int i = 0; i < kCases; ++i) {
    clock_.Set(kT0 + std::chrono::minutes(i));
    const TimePoint now = clock_.Now();
    auto created = store_->CreateCase(
        "nes", "NES", 2026,
        [&](const std::string& id, const std::string& ref) -> Result<Decision> {
          Decision d = OpenDecision("nes", id, ref, now);
          Snapshot& s = d.snapshot;
          s.reporter_service = "city-school";
          s.responsible_service = "city-school";
          s.baton_holder = "city-school";
          // Deadlines spread so the kindergarten's cases lie far apart in
          // the tenant's order.
          s.due_at = kT0 + std::chrono::hours((i * 7919) % kCases);
          if (i % 20 == 7) {
            s.level = 1;
            s.sharing = engine::Sharing::kConsented;
            s.consent = engine::Consent{"guardians",
                                        {"city-school", "kindergarten"},
                                        "2027-01-31",
                                        now};
            if (i % 40 == 7) s.responsible_service = "kindergarten";
          }
          return d;
        });
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    const Snapshot& s = created->snapshot;
    if (s.level == 1) kindergarten.insert(s.case_id);
    if (s.responsible_service == "kindergarten") {
      kindergarten_work.insert(s.case_id);
    }
  }
  ASSERT_EQ(kindergarten.size(), 20u);
  ASSERT_EQ(kindergarten_work.size(), 10u);

  WorklistFilter f;
  f.seen_by = "kindergarten";
  f.now = kT0 + kDay * 30;
  auto first = store_->Worklist("nes", f);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->cases.size(), 20u);
  EXPECT_EQ(first->next_cursor, "");
  std::set<std::string> got;
  for (const auto& s : first->cases) got.insert(s.case_id);
  EXPECT_EQ(got, kindergarten);
  // In the worklist's order.
  for (std::size_t i = 1; i < first->cases.size(); ++i) {
    EXPECT_LE(*first->cases[i - 1].due_at, *first->cases[i].due_at);
  }

  // Small pages: 6, 6, 6, 2, none empty.
  f.limit = 6;
  int pages = 0;
  auto ids = ListAll(f, &pages);
  EXPECT_EQ(pages, 4);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), kindergarten);

  // A worker of the kindergarten lists its own work only.
  f.limit = 50;
  f.work_only = true;
  auto work = store_->Worklist("nes", f);
  ASSERT_TRUE(work.ok());
  std::set<std::string> work_ids;
  for (const auto& s : work->cases) work_ids.insert(s.case_id);
  EXPECT_EQ(work_ids, kindergarten_work);

  // The filters still apply inside the service's rows.
  f.work_only = false;
  f.level = 1;
  f.responsible_service = "kindergarten";
  EXPECT_EQ(ListAll(f).size(), 10u);
  f.level = 0;
  EXPECT_EQ(ListAll(f).size(), 0u);
  f.level.reset();
  f.responsible_service.reset();
  f.overdue_only = true;
  f.now = kT0 + std::chrono::hours(kCases / 2);
  for (const auto& id : ListAll(f)) EXPECT_TRUE(kindergarten.count(id));

  // The city's school pages through all 400 in full pages of 50.
  WorklistFilter big;
  big.seen_by = "city-school";
  big.now = kT0;
  big.limit = 50;
  auto all = ListAll(big, &pages);
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kCases));
  EXPECT_EQ(pages, kCases / 50);

  // After the consent's last day the kindergarten sees nothing, before the
  // deadline worker has journalled the expiry.
  f.overdue_only = false;
  f.now = *ParseTimestamp("2027-01-31T22:59:59Z");  // 23:59:59 in Oslo
  EXPECT_EQ(ListAll(f).size(), 20u);
  f.now = *ParseTimestamp("2027-01-31T23:00:00Z");
  EXPECT_EQ(ListAll(f).size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseVisibilityTest,
                         ::testing::Values("sqlite", "postgresql"),
                         BackendName);

}  // namespace
}  // namespace stafett::store
