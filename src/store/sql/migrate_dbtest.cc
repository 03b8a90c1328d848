#include <fstream>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "core/ids.h"
#include "core/time.h"
#include "store/cases/case_store.h"
#include "store/cases/test_decisions.h"
#include "store/sql/migrate.h"
#include "store/sql/test_db.h"

namespace stafett::store {
namespace {

namespace fs = std::filesystem;

class MigrateTest : public DatabaseTest {
 protected:
  void TearDown() override {
    if (!tmp_.empty()) fs::remove_all(tmp_);
    DatabaseTest::TearDown();
  }
  // A private copy of the repository's migrations, for editing.
  fs::path CopyMigrations() {
    tmp_ = fs::temp_directory_path() / ("stafett-mig-" + NewId());
    fs::copy(TestMigrationsRoot(), tmp_, fs::copy_options::recursive);
    return tmp_;
  }
  fs::path tmp_;
};

long long CountMigrations(Database& db) {
  auto lease = db.Acquire();
  long long n = 0;
  *lease << "select count(*) as n from schema_migrations", soci::into(n);
  return n;
}

TEST_P(MigrateTest, AppliesAllThenNothing) {
  auto db = OpenDatabase(2);
  ASSERT_NE(db, nullptr);
  auto first = ApplyMigrations(*db, TestMigrationsRoot());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_FALSE(first->applied.empty());
  EXPECT_EQ(first->applied.front(), "0001_init");
  EXPECT_TRUE(first->already_applied.empty());

  auto second = ApplyMigrations(*db, TestMigrationsRoot());
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_TRUE(second->applied.empty());
  EXPECT_EQ(second->already_applied, first->applied);
  EXPECT_EQ(CountMigrations(*db),
            static_cast<long long>(first->applied.size()));

  // The schema is really there (every file ran, not just its first
  // statement): the last table of 0001 exists.
  auto lease = db->Acquire();
  long long n = -1;
  *lease << "select count(*) as n from access_log", soci::into(n);
  EXPECT_EQ(n, 0);
}

TEST_P(MigrateTest, AppliesNewFilesInOrderLater) {
  fs::path root = CopyMigrations();
  auto db = OpenDatabase(1);
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(ApplyMigrations(*db, root).ok());
  const fs::path dir = root / GetParam();
  std::ofstream(dir / "9011_second.sql") << "create table b (x bigint);\n"
                                            "insert into b (x) values (1);";
  std::ofstream(dir / "9010_first.sql") << "create table a (x bigint);";
  std::ofstream(dir / "README.md") << "ignored";
  auto report = ApplyMigrations(*db, root);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->applied,
            (std::vector<std::string>{"9010_first", "9011_second"}));
  auto lease = db->Acquire();
  long long x = 0;
  *lease << "select x as x from b", soci::into(x);
  EXPECT_EQ(x, 1);
}

TEST_P(MigrateTest, RefusesAChangedMigration) {
  fs::path root = CopyMigrations();
  auto db = OpenDatabase(1);
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(ApplyMigrations(*db, root).ok());
  std::ofstream(root / GetParam() / "0001_init.sql", std::ios::app)
      << "\n-- an innocent edit\n";
  std::ofstream(root / GetParam() / "9012_new.sql")
      << "create table c (x bigint);";
  auto report = ApplyMigrations(*db, root);
  EXPECT_EQ(report.status().code(), Code::kNotAllowed);
  EXPECT_NE(report.status().message().find("0001_init"), std::string::npos);
  // Nothing after the check ran.
  auto lease = db->Acquire();
  long long n = 0;
  *lease << "select count(*) as n from schema_migrations where version = 12",
      soci::into(n);
  EXPECT_EQ(n, 0);
}

TEST_P(MigrateTest, AFailingMigrationRollsBackCompletely) {
  fs::path root = CopyMigrations();
  auto db = OpenDatabase(1);
  ASSERT_NE(db, nullptr);
  std::ofstream(root / GetParam() / "9013_bad.sql")
      << "create table d (x bigint);\ninsert into no_such_table values (1);";
  EXPECT_ANY_THROW(ApplyMigrations(*db, root));
  auto lease = db->Acquire();
  long long n = -1;
  *lease << "select count(*) as n from schema_migrations where version = 13",
      soci::into(n);
  EXPECT_EQ(n, 0);
  // Table d went with the rollback: creating it again works.
  EXPECT_NO_THROW(*lease << "create table d (x bigint)");
}

TEST_P(MigrateTest, ReportsRecordedMigrationsItDoesNotKnow) {
  fs::path root = CopyMigrations();
  auto db = OpenDatabase(1);
  ASSERT_NE(db, nullptr);
  std::ofstream(root / GetParam() / "9014_newer.sql")
      << "create table e (x bigint);";
  ASSERT_TRUE(ApplyMigrations(*db, root).ok());
  fs::remove(root / GetParam() / "9014_newer.sql");
  auto report = ApplyMigrations(*db, root);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->unknown, (std::vector<std::string>{"9014_newer"}));
}

// Schema 0030 turns the comma lists written before it into JSON arrays.
TEST_P(MigrateTest, Migration0030ConvertsCommaListsToJson) {
  auto db = OpenDatabase(2);
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(ApplyMigrations(*db, TestMigrationsRoot()).ok());
  ManualClock clock(FromMillis(1780000000000));
  CaseStore store(*db, clock);
  store.SaveRoutineVersion(testing::TestRoutine("nes"));
  auto created = store.CreateCase(
      "nes", "NES", 2026,
      [&](const std::string& id,
          const std::string& ref) -> Result<engine::Decision> {
        return testing::OpenDecision("nes", id, ref, clock.Now());
      });
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const std::string id = created->snapshot.case_id;
  {
    // What a version before 0030 wrote, and an outbox row's channels.
    auto lease = db->Acquire();
    *lease
        << "update cases set categories = 'attendance,\"q\" \\ x,wellbeing', "
           "consent_given_by = 'guardians', consent_services = "
           "'ppt,health-1', consent_given_at = 1, sharing = 'consented' "
           "where id = :id",
        soci::use(id);
    *lease << "update outbox set channels_done = 'webhook,email'";
    *lease << "delete from schema_migrations where version = 30";
  }
  auto report = ApplyMigrations(*db, TestMigrationsRoot());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->applied, (std::vector<std::string>{"0030_json_lists"}));
  auto got = store.GetCase("nes", id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->categories, (std::vector<std::string>{
                                 "attendance", "\"q\" \\ x", "wellbeing"}));
  ASSERT_TRUE(got->consent.has_value());
  EXPECT_EQ(got->consent->services,
            (std::vector<std::string>{"ppt", "health-1"}));
  auto lease = db->Acquire();
  std::string done;
  *lease << "select channels_done as d from outbox where channels_done <> '' "
            "order by id limit 1",
      soci::into(done);
  EXPECT_EQ(done, R"(["webhook","email"])");
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrateTest,
                         ::testing::Values("sqlite", "postgresql"),
                         BackendName);

}  // namespace
}  // namespace stafett::store
