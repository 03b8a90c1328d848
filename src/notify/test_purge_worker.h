// The fixture of the purge worker's database suites
// (purge_worker_dbtest.cc, purge_worker_archive_dbtest.cc): a migrated
// database per test on either backend, a CaseStore on a manual clock, a
// directory whose routine keeps closed cases two years, and a tenant that
// archives to a directory.
#ifndef STAFETT_NOTIFY_TEST_PURGE_WORKER_H_
#define STAFETT_NOTIFY_TEST_PURGE_WORKER_H_

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "core/time.h"
#include "notify/archive.h"
#include "notify/purge_worker.h"
#include "notify/senders.h"
#include "store/audit/test_report_cases.h"
#include "store/cases/case_store.h"
#include "store/cases/test_decisions.h"
#include "store/sql/test_db.h"
#include "store/work/outbox_store.h"

namespace stafett::notify::testing {

using store::testing::Days;
using store::testing::ReportCase;
using store::testing::TestRoutine;
using store::testing::Utc;

inline std::shared_ptr<const routine::Routine> WithRetention(
    const char* closed) {
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

}  // namespace stafett::notify::testing

#endif  // STAFETT_NOTIFY_TEST_PURGE_WORKER_H_
