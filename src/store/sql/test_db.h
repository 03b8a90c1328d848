// Test support for the store's database suites: a fresh, migrated database
// per test on either backend, chosen by the test parameter ("sqlite" or
// "postgresql").
//
// SQLite: a new temporary file per test (not :memory:, which each pooled
// session would see as its own database).
// PostgreSQL: the server named by $STAFETT_TEST_PG_DSN, or by the libpq
// conninfo in the file $STAFETT_TEST_PG_DSN_FILE (tools/pg-test-server.sh);
// each test gets its own schema (options='-c search_path=...'), dropped in
// TearDown. No server configured: the test is skipped, unless
// STAFETT_REQUIRE_PG=1 (or CI=true), when it fails. A configured server
// that cannot be reached always fails.
#ifndef STAFETT_STORE_SQL_TEST_DB_H_
#define STAFETT_STORE_SQL_TEST_DB_H_

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "store/sql/database.h"

namespace stafett::store {

// The repository's db/migrations.
std::filesystem::path TestMigrationsRoot();

class DatabaseTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Opens another Database on this test's (empty until migrated) database.
  std::unique_ptr<Database> OpenDatabase(std::size_t pool_size);
  // Opens a Database and applies the repository's migrations.
  std::unique_ptr<Database> OpenMigrated(std::size_t pool_size);

  bool IsPostgres() const { return GetParam() == "postgresql"; }
  const std::string& url() const { return url_; }

 private:
  std::string url_;
  std::string admin_dsn_;  // PostgreSQL: the server, without our schema
  std::string schema_;
  std::filesystem::path dir_;  // SQLite: the temp directory
};

// For INSTANTIATE_TEST_SUITE_P: names the instances "sqlite"/"postgresql".
std::string BackendName(const ::testing::TestParamInfo<std::string>& info);

}  // namespace stafett::store

#endif  // STAFETT_STORE_SQL_TEST_DB_H_
