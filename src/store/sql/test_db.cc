#include "store/sql/test_db.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "core/ids.h"
#include "store/sql/migrate.h"

namespace stafett::store {

namespace {

bool EnvTrue(const char* name, const char* value) {
  const char* v = std::getenv(name);
  return v != nullptr && std::string(v) == value;
}

// "" when no server is configured.
std::string ConfiguredDsn() {
  if (const char* dsn = std::getenv("STAFETT_TEST_PG_DSN"); dsn && *dsn) {
    return dsn;
  }
  const char* file = std::getenv("STAFETT_TEST_PG_DSN_FILE");
  if (file == nullptr || *file == '\0') return "";
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  while (!line.empty() &&
         (line.back() == '\n' || line.back() == '\r' || line.back() == ' ')) {
    line.pop_back();
  }
  return line;
}

}  // namespace

std::filesystem::path TestMigrationsRoot() {
#ifdef STAFETT_SOURCE_DIR
  return std::filesystem::path(STAFETT_SOURCE_DIR) / "db" / "migrations";
#else
  return "db/migrations";
#endif
}

std::string BackendName(const ::testing::TestParamInfo<std::string>& info) {
  return info.param == "postgresql" ? "Postgresql" : "Sqlite";
}

void DatabaseTest::SetUp() {
  if (!IsPostgres()) {
    dir_ =
        std::filesystem::temp_directory_path() / ("stafett-store-" + NewId());
    std::filesystem::create_directories(dir_);
    url_ = "sqlite:" + (dir_ / "test.db").string();
    return;
  }
  admin_dsn_ = ConfiguredDsn();
  if (admin_dsn_.empty()) {
    if (EnvTrue("STAFETT_REQUIRE_PG", "1") || EnvTrue("CI", "true")) {
      FAIL() << "PostgreSQL required (STAFETT_REQUIRE_PG/CI) but no DSN: set "
                "STAFETT_TEST_PG_DSN or STAFETT_TEST_PG_DSN_FILE";
    }
    GTEST_SKIP() << "PostgreSQL not configured";
  }
  if (admin_dsn_.find("://") != std::string::npos) {
    FAIL() << "test DSN must be a libpq conninfo (key=value), not a URI";
  }
  schema_ = "t_" + NewId();
  try {
    soci::session admin(soci::postgresql, admin_dsn_);
    admin << "create schema " + schema_;  // a generated name, not input
  } catch (const std::exception& e) {
    FAIL() << "PostgreSQL configured but unusable (" << admin_dsn_
           << "): " << e.what();
  }
  url_ = admin_dsn_ + " options='-c search_path=" + schema_ + "'";
}

void DatabaseTest::TearDown() {
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  if (!schema_.empty()) {
    try {
      soci::session admin(soci::postgresql, admin_dsn_);
      admin << "set client_min_messages = warning";  // no cascade NOTICEs
      admin << "drop schema " + schema_ + " cascade";
    } catch (const std::exception& e) {
      ADD_FAILURE() << "dropping test schema: " << e.what();
    }
  }
}

std::unique_ptr<Database> DatabaseTest::OpenDatabase(std::size_t pool_size) {
  DatabaseOptions options;
  options.pool_size = pool_size;
  auto db = Database::Open(url_, options);
  if (!db.ok()) {
    ADD_FAILURE() << db.status().ToString();
    return nullptr;
  }
  return std::move(db).value();
}

std::unique_ptr<Database> DatabaseTest::OpenMigrated(std::size_t pool_size) {
  auto db = OpenDatabase(pool_size);
  if (!db) return nullptr;
  auto report = ApplyMigrations(*db, TestMigrationsRoot());
  if (!report.ok()) {
    ADD_FAILURE() << report.status().ToString();
    return nullptr;
  }
  return db;
}

}  // namespace stafett::store
