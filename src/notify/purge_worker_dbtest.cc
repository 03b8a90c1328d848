// The purge worker end to end on SQLite and PostgreSQL with an injected
// clock: it applies the routine's retention policy (backfilling closed
// cases), anchors due cases with a checkpoint, purges them in batches,
// leaves a journal that verifies, recomputes on a policy change, logs a
// broken case the checkpoint left out, and two workers on one database
// purge every case exactly once.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "core/deadline.h"
#include "core/sha256.h"
#include "notify/archive.h"
#include "notify/purge_worker.h"
#include "notify/senders.h"
#include "notify/test_receivers.h"
#include "store/audit/audit.h"
#include "store/audit/test_report_cases.h"
#include "store/cases/case_store.h"
#include "store/cases/test_decisions.h"
#include "store/lifecycle/archive.h"
#include "store/lifecycle/purge.h"
#include "store/lifecycle/purge_view.h"
#include "store/sql/test_db.h"
#include "store/sql/test_tamper.h"
#include "store/work/outbox_store.h"

namespace stafett::notify {
namespace {

using store::testing::Days;
using store::testing::ReportCase;
using store::testing::TestRoutine;
using store::testing::Utc;

std::shared_ptr<const routine::Routine> WithRetention(const char* closed) {
  auto r = std::make_shared<routine::Routine>(TestRoutine("nes"));
  r->retention.closed_case = *ParseIsoDuration(closed);
  r->retention.closed_case_reported = *ParseIsoDuration("P10Y");
  return r;
}

class PurgeWorkerTest : public store::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = OpenMigrated(4);
    ASSERT_NE(db_, nullptr);
    store_ = std::make_unique<store::CaseStore>(*db_, clock_);
    store_->SaveRoutineVersion(TestRoutine("nes"));
    directory_.Add(WithRetention("P2Y"));
  }

  // Closed without any retention lookup: as cases closed before retention
  // existed (remove_after from the defaults, P5Y).
  std::string Closed(const char* at) {
    ReportCase c(*store_, "nes", "skole");
    c.Enter("undring", 0, "skole", "2026-01-05T09:00:00Z", Days(14))
        .Enter("slutt", 0, "skole", at, std::nullopt, "closed")
        .Close();
    return c.id();
  }

  PurgeWorker Worker(const std::string& id, const StaticDirectory& directory) {
    return PurgeWorker(*db_, directory, clock_, id,
                       PurgeWorkerOptions{3, Millis(0)}, {});
  }

  // A tenant that archives to a directory that does not exist yet (the
  // test creates it when the target should start working), with the
  // archiver and the delivery worker that runs its requests under `retry`.
  struct DirectoryArchive {
    DirectoryArchive(PurgeWorkerTest& t, const std::string& name,
                     RetryPolicy retry)
        : dir(std::filesystem::temp_directory_path() /
              (name + "-" + std::to_string(::getpid()) + "-" + t.GetParam())),
          outbox(*t.db_),
          archiver(*t.store_, directory, {}, nullptr, t.clock_) {
      std::filesystem::remove_all(dir);
      auto r = std::make_shared<routine::Routine>(*WithRetention("P2Y"));
      r->retention.archive.directory = dir.string();
      directory.Add(r);
      NotifierOptions o;
      o.worker_id = "d";
      o.retry = retry;
      o.random = [] { return 0.5; };
      o.archive = [this](const store::OutboxMessage& m) {
        return archiver.Deliver(m);
      };
      delivery = std::make_unique<DeliveryWorker>(
          outbox, directory, SecretLookup{}, nullptr, nullptr, t.clock_, o,
          [](LogLevel, const std::string&, const std::string&) {});
    }
    ~DirectoryArchive() { std::filesystem::remove_all(dir); }

    const std::filesystem::path dir;
    StaticDirectory directory;
    store::OutboxStore outbox;
    Archiver archiver;
    std::unique_ptr<DeliveryWorker> delivery;
  };

  ManualClock clock_{Utc("2026-01-05T09:00:00Z")};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::CaseStore> store_;
  StaticDirectory directory_;
};

TEST_P(PurgeWorkerTest, AppliesThePolicyAnchorsAndPurgesWhenDue) {
  std::set<std::string> ids;
  for (int i = 0; i < 7; ++i) ids.insert(Closed("2026-03-10T10:00:00Z"));
  const std::string later = Closed("2026-06-10T10:00:00Z");
  PurgeWorker w = Worker("w1", directory_);

  // The first pass moves every closed case from the default P5Y to P2Y.
  clock_.Set(Utc("2028-03-09T10:00:00Z"));  // a day before due
  PurgePass p = w.RunOnce();
  EXPECT_EQ(p.moved, 8);
  EXPECT_EQ(p.cases, 0);

  clock_.Set(Utc("2028-03-10T10:00:00Z"));
  std::set<std::string> purged;
  for (int pass = 0; pass < 10; ++pass) {
    p = w.RunOnce();
    for (const auto& e : store::PurgeLog(*db_, "nes", 100)) {
      if (e.what == "cases")
        purged.insert(e.case_ids.begin(), e.case_ids.end());
    }
    if (!p.full && p.unanchored == 0) break;
  }
  EXPECT_EQ(purged, ids);
  EXPECT_EQ(store_->Journal("nes", later).size(), 3u);  // not yet due
  store::VerifyReport v = store::VerifyJournal(*db_, "nes");
  EXPECT_TRUE(v.ok()) << v.problems.front().message;

  // A policy change (longer) moves the one left, and is counted.
  StaticDirectory longer;
  longer.Add(WithRetention("P3Y"));
  PurgeWorker w2 = Worker("w2", longer);
  p = w2.RunOnce();
  EXPECT_EQ(p.moved, 1);
  clock_.Set(Utc("2028-06-10T10:00:00Z"));
  for (int pass = 0; pass < 3; ++pass) w2.RunOnce();
  EXPECT_EQ(store_->Journal("nes", later).size(), 3u) << "now due in 2029";
}

TEST_P(PurgeWorkerTest, TwoWorkersPurgeEveryCaseExactlyOnce) {
  std::set<std::string> ids;
  for (int i = 0; i < 30; ++i) ids.insert(Closed("2026-03-10T10:00:00Z"));
  clock_.Set(Utc("2028-04-01T00:00:00Z"));
  std::unique_ptr<store::Database> other = OpenDatabase(4);
  ASSERT_NE(other, nullptr);
  PurgeWorker a = Worker("a", directory_);
  PurgeWorker b(*other, directory_, clock_, "b",
                PurgeWorkerOptions{3, Millis(0)}, {});
  auto run = [](PurgeWorker& w) {
    for (int pass = 0; pass < 40; ++pass) {
      try {
        w.RunOnce();
      } catch (const std::exception& e) {
        // A lost race on the checkpoint key surfaces in the log only;
        // anything else is a failure.
        ADD_FAILURE() << e.what();
      }
    }
  };
  std::thread ta(run, std::ref(a)), tb(run, std::ref(b));
  ta.join();
  tb.join();
  std::multiset<std::string> seen;
  for (const auto& e : store::PurgeLog(*db_, "nes", 1000)) {
    if (e.what == "cases") seen.insert(e.case_ids.begin(), e.case_ids.end());
  }
  EXPECT_EQ(seen.size(), ids.size()) << "purged twice or missed";
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), ids);
  store::VerifyReport v = store::VerifyJournal(*db_, "nes");
  EXPECT_TRUE(v.ok()) << v.problems.front().message;
}

// A case whose journal was changed behind Stafett's back is evidence: the
// automatic checkpoint leaves it out and says so where an operator looks
// (an error in the log, with what to run), and the due cases still go.
TEST_P(PurgeWorkerTest,
       ABrokenCaseIsLoggedAndTheCheckpointStillAnchorsTheRest) {
  const std::string due = Closed("2026-03-10T10:00:00Z");
  ReportCase open(*store_, "nes", "skole");
  open.Enter("undring", 0, "skole", "2026-01-05T09:00:00Z", Days(14));
  store::testing::TamperJournalText(*db_, open.id(), 2);
  struct Line {
    LogLevel level;
    std::string event, text;
  };
  std::vector<Line> log;
  PurgeWorker w(*db_, directory_, clock_, "w1",
                PurgeWorkerOptions{3, Millis(0)},
                [&log](LogLevel level, const std::string& event,
                       const std::string& text) {
                  log.push_back({level, event, text});
                });
  clock_.Set(Utc("2028-04-01T00:00:00Z"));
  for (int pass = 0; pass < 3; ++pass) w.RunOnce();

  EXPECT_EQ(store_->Journal("nes", due).size(), 1u) << "purged: a tombstone";
  EXPECT_EQ(store_->Journal("nes", open.id()).size(), 2u) << "evidence kept";
  auto skipped = std::find_if(log.begin(), log.end(), [](const Line& l) {
    return l.event == "checkpoint_skipped_broken";
  });
  ASSERT_NE(skipped, log.end());
  EXPECT_EQ(skipped->level, LogLevel::kError);
  EXPECT_NE(skipped->text.find("kommune nes: 1 sak(er)"), std::string::npos)
      << skipped->text;
  EXPECT_NE(skipped->text.find("stafett audit verify"), std::string::npos);
  // ... and verify names the case the line counted.
  EXPECT_EQ(store::VerifyJournal(*db_, "nes").broken_cases,
            std::set<std::string>{open.id()});
}

// Arkivlova: a tenant that must archive never has a case purged before its
// archive holds it with a receipt; a failing target is retried like a
// notification (visible as an outbox row), and the purge follows the
// receipt.
TEST_P(PurgeWorkerTest, ArchivesOnceBeforePurgingWithATargetThatFailsAtFirst) {
  RetryPolicy retry;
  retry.base_delay = std::chrono::seconds(1);
  DirectoryArchive archive(*this, "stafett-arkiv", retry);
  const std::filesystem::path& dir = archive.dir;
  DeliveryWorker& delivery = *archive.delivery;

  const std::string id = Closed("2026-03-10T10:00:00Z");
  const std::string reference = store_->GetCase("nes", id)->reference;
  clock_.Set(Utc("2028-03-10T10:00:00Z"));
  PurgeWorker purge = Worker("p", archive.directory);

  for (int pass = 0; pass < 4; ++pass) purge.RunOnce();
  EXPECT_EQ(store_->Journal("nes", id).size(), 3u) << "not before archived";
  auto asked = store::ArchiveOf(*db_, id);
  ASSERT_TRUE(asked.has_value());
  EXPECT_FALSE(asked->archived_at.has_value());

  // The archive directory does not exist: the delivery fails and is
  // scheduled again, like a notification.
  EXPECT_EQ(delivery.RunOnce(), 1);
  auto rows = store_->Outbox("nes", id);
  auto row = std::find_if(rows.begin(), rows.end(), [&](const auto& x) {
    return x.id == asked->outbox_id;
  });
  ASSERT_NE(row, rows.end());
  EXPECT_EQ(row->status, "pending");
  EXPECT_NE(row->last_error.find("finnes ikke"), std::string::npos)
      << row->last_error;
  for (int pass = 0; pass < 2; ++pass) purge.RunOnce();
  EXPECT_EQ(store_->Journal("nes", id).size(), 3u);

  std::filesystem::create_directories(dir);
  clock_.Advance(std::chrono::hours(1));
  EXPECT_EQ(delivery.RunOnce(), 1);
  EXPECT_TRUE(std::filesystem::exists(dir / (reference + ".pdf")));
  EXPECT_TRUE(std::filesystem::exists(dir / (reference + ".json")));
  std::ifstream meta(dir / (reference + ".json"));
  std::string json((std::istreambuf_iterator<char>(meta)), {});
  EXPECT_NE(json.find("\"reference\":\"" + reference + "\""),
            std::string::npos);
  auto done = store::ArchiveOf(*db_, id);
  ASSERT_TRUE(done && done->archived_at);
  EXPECT_EQ(done->receipt.rfind("katalog ", 0), 0u) << done->receipt;

  for (int pass = 0; pass < 4; ++pass) purge.RunOnce();
  auto journal = store_->Journal("nes", id);
  ASSERT_EQ(journal.size(), 1u) << "purged after the receipt";
  store::VerifyReport v = store::VerifyJournal(*db_, "nes");
  EXPECT_TRUE(v.ok()) << v.problems.front().message;
  // Archived once: the receipt outlives the case, no second delivery.
  EXPECT_EQ(store::ArchiveOf(*db_, id)->receipt, done->receipt);
  EXPECT_EQ(delivery.RunOnce(), 0);
}

// A request whose delivery failed for good waits for the administrator's
// retry; once the outbox's retention (a year for failed notifications) has
// removed the failed row, the purge asks again instead of leaving the case
// unarchived, and unpurged, forever.
TEST_P(PurgeWorkerTest, AnArchiveRequestWhoseFailedRowExpiredIsAskedAgain) {
  RetryPolicy retry;
  retry.max_attempts = 1;
  DirectoryArchive archive(*this, "stafett-arkiv-igjen", retry);
  DeliveryWorker& delivery = *archive.delivery;

  const std::string id = Closed("2026-03-10T10:00:00Z");
  clock_.Set(Utc("2028-03-10T10:00:00Z"));
  PurgeWorker purge = Worker("p", archive.directory);
  const auto row_of = [&](const std::string& outbox_id) {
    auto rows = store_->Outbox("nes", id);
    auto it = std::find_if(rows.begin(), rows.end(),
                           [&](const auto& x) { return x.id == outbox_id; });
    return it == rows.end() ? std::optional<store::OutboxRow>()
                            : std::optional<store::OutboxRow>(*it);
  };

  for (int pass = 0; pass < 4; ++pass) purge.RunOnce();
  const auto first = store::ArchiveOf(*db_, id);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(delivery.RunOnce(), 1);
  ASSERT_TRUE(row_of(first->outbox_id).has_value());
  EXPECT_EQ(row_of(first->outbox_id)->status, "failed");
  for (int pass = 0; pass < 2; ++pass) purge.RunOnce();
  EXPECT_EQ(store::ArchiveOf(*db_, id)->outbox_id, first->outbox_id)
      << "a failed request waits for the administrator's retry";

  clock_.Advance(std::chrono::hours(24 * 367));
  for (int pass = 0; pass < 4; ++pass) purge.RunOnce();
  EXPECT_FALSE(row_of(first->outbox_id).has_value())
      << "the failed row reached its retention";
  const auto again = store::ArchiveOf(*db_, id);
  ASSERT_TRUE(again.has_value());
  EXPECT_NE(again->outbox_id, first->outbox_id) << "asked again";
  EXPECT_FALSE(again->archived_at.has_value());
  ASSERT_TRUE(row_of(again->outbox_id).has_value());
  EXPECT_EQ(row_of(again->outbox_id)->status, "pending");
  EXPECT_EQ(store_->Journal("nes", id).size(), 3u) << "not before archived";

  std::filesystem::create_directories(archive.dir);
  EXPECT_EQ(delivery.RunOnce(), 1);
  ASSERT_TRUE(store::ArchiveOf(*db_, id)->archived_at.has_value());
  for (int pass = 0; pass < 4; ++pass) purge.RunOnce();
  EXPECT_EQ(store_->Journal("nes", id).size(), 1u) << "purged after receipt";
}

// The webhook target: the receiver refuses the first delivery, the admin's
// retention view lists the failure by reference, the second delivery is
// signed and carries the metadata and the PDF (in nynorsk here), and the
// purge follows the receipt.
TEST_P(PurgeWorkerTest, ArchivesToAWebhookThatFailsAtFirst) {
  constexpr char kSecret[] = "arkiv-hemmelighet-0123456789abcdef";
  testing::WebhookReceiver hook({kSecret, /*fail_first=*/1});
  auto r = std::make_shared<routine::Routine>(*WithRetention("P2Y"));
  r->retention.archive.webhook_url = hook.Url("/arkiv");
  r->retention.archive.webhook_secret_env = "ARKIV_SECRET";
  r->retention.archive.language = "nn";
  StaticDirectory archiving;
  archiving.Add(r);

  const std::string id = Closed("2026-03-10T10:00:00Z");
  const std::string reference = store_->GetCase("nes", id)->reference;
  clock_.Set(Utc("2028-03-10T10:00:00Z"));
  PurgeWorker purge = Worker("p", archiving);
  store::OutboxStore outbox(*db_);
  PocoWebhookSender webhooks(WebhookOptions{Millis(2000), ""});
  SecretLookup secrets =
      [&](const std::string& env) -> std::optional<std::string> {
    if (env == "ARKIV_SECRET") return std::string(kSecret);
    return std::nullopt;
  };
  NotifierOptions o;
  o.worker_id = "d";
  o.retry.base_delay = std::chrono::seconds(1);
  o.random = [] { return 0.5; };
  Archiver archiver(*store_, archiving, secrets, &webhooks, clock_);
  o.archive = [&](const store::OutboxMessage& m) {
    return archiver.Deliver(m);
  };
  DeliveryWorker delivery(
      outbox, archiving, secrets, nullptr, nullptr, clock_, o,
      [](LogLevel, const std::string&, const std::string&) {});

  for (int pass = 0; pass < 4; ++pass) purge.RunOnce();
  EXPECT_EQ(store::ArchiveStatusOf(*db_, "nes", 10).pending, 1);
  EXPECT_EQ(delivery.RunOnce(), 1);  // refused with 503
  store::ArchiveStatus failing = store::ArchiveStatusOf(*db_, "nes", 10);
  EXPECT_EQ(failing.pending, 1);
  EXPECT_EQ(failing.archived, 0);
  ASSERT_EQ(failing.failures.size(), 1u);
  EXPECT_EQ(failing.failures[0].reference, reference);
  EXPECT_EQ(failing.failures[0].status, "pending");
  EXPECT_EQ(failing.failures[0].attempts, 1);
  EXPECT_NE(failing.failures[0].last_error.find("503"), std::string::npos)
      << failing.failures[0].last_error;
  ASSERT_TRUE(failing.failures[0].next_attempt_at.has_value());
  for (int pass = 0; pass < 2; ++pass) purge.RunOnce();
  EXPECT_EQ(store_->Journal("nes", id).size(), 3u) << "not before archived";

  clock_.Advance(std::chrono::hours(1));
  EXPECT_EQ(delivery.RunOnce(), 1);
  ASSERT_EQ(hook.Accepted().size(), 1u);
  EXPECT_EQ(hook.BadRequests(), 0);
  const auto hits = hook.Hits();
  const auto& ok = hits.back();
  EXPECT_TRUE(ok.signature_ok);
  EXPECT_EQ(ok.event, "case_archive");
  Poco::JSON::Object::Ptr body =
      Poco::JSON::Parser().parse(ok.body).extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ(body->getObject("metadata")->getValue<std::string>("reference"),
            reference);
  std::istringstream b64(body->getValue<std::string>("pdf_base64"));
  Poco::Base64Decoder decoder(b64);
  std::string pdf((std::istreambuf_iterator<char>(decoder)), {});
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(Sha256Hex(pdf),
            body->getObject("metadata")->getValue<std::string>("pdf_sha256"));
  store::ArchiveStatus done = store::ArchiveStatusOf(*db_, "nes", 10);
  EXPECT_EQ(done.archived, 1);
  EXPECT_EQ(done.pending, 0);
  EXPECT_TRUE(done.failures.empty());
  EXPECT_EQ(store::ArchiveOf(*db_, id)->receipt.rfind("webhook ", 0), 0u);

  for (int pass = 0; pass < 4; ++pass) purge.RunOnce();
  ASSERT_EQ(store_->Journal("nes", id).size(), 1u) << "purged after receipt";
  EXPECT_TRUE(store::VerifyJournal(*db_, "nes").ok());
  EXPECT_EQ(delivery.RunOnce(), 0) << "archived once";
  EXPECT_EQ(hook.Accepted().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, PurgeWorkerTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::notify
