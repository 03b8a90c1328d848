// The purge worker with a tenant that must archive (arkivlova), on SQLite
// and PostgreSQL: no case is purged before its archive holds it with a
// receipt, a failing target is retried like a notification, and a request
// whose failed row expired is asked again.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include "core/deadline.h"
#include "core/sha256.h"
#include "notify/test_purge_worker.h"
#include "notify/test_receivers.h"
#include "store/audit/audit.h"
#include "store/lifecycle/archive.h"
#include "store/lifecycle/purge.h"
#include "store/lifecycle/purge_view.h"

namespace stafett::notify {
namespace {

using store::testing::Days;
using store::testing::ReportCase;
using store::testing::Utc;
using testing::WithRetention;

class PurgeWorkerArchiveTest : public testing::PurgeWorkerTest {};

// Arkivlova: a tenant that must archive never has a case purged before its
// archive holds it with a receipt; a failing target is retried like a
// notification (visible as an outbox row), and the purge follows the
// receipt.
TEST_P(PurgeWorkerArchiveTest,
       ArchivesOnceBeforePurgingWithATargetThatFailsAtFirst) {
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
TEST_P(PurgeWorkerArchiveTest,
       AnArchiveRequestWhoseFailedRowExpiredIsAskedAgain) {
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
TEST_P(PurgeWorkerArchiveTest, ArchivesToAWebhookThatFailsAtFirst) {
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

INSTANTIATE_TEST_SUITE_P(Backends, PurgeWorkerArchiveTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::notify
