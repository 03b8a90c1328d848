#include "store/database.h"

#include <gtest/gtest.h>

namespace stafett::store {
namespace {

TEST(ParseDatabaseUrlTest, SqliteForms) {
  auto a = ParseDatabaseUrl("sqlite:stafett.db");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->dialect, Dialect::kSqlite);
  EXPECT_EQ(a->target, "stafett.db");
  auto b = ParseDatabaseUrl("sqlite:///var/lib/stafett/db.sqlite");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->target, "/var/lib/stafett/db.sqlite");
  auto c = ParseDatabaseUrl("  sqlite:/tmp/a b.db ");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->target, "/tmp/a b.db");
}

TEST(ParseDatabaseUrlTest, RefusesInMemoryAndGarbage) {
  for (const char* bad : {"", "sqlite:", "sqlite::memory:", "sqlite://",
                          "mysql://x", "stafett.db", "sqlite:a\"b"}) {
    auto r = ParseDatabaseUrl(bad);
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << bad;
    EXPECT_EQ(r.status().field(), "db") << bad;
  }
}

TEST(ParseDatabaseUrlTest, PostgresUrisAndConninfoPassThrough) {
  auto uri = ParseDatabaseUrl("postgresql://stafett:s3cret@db:5432/stafett");
  ASSERT_TRUE(uri.ok());
  EXPECT_EQ(uri->dialect, Dialect::kPostgresql);
  EXPECT_EQ(uri->target, "postgresql://stafett:s3cret@db:5432/stafett");
  EXPECT_EQ(uri->redacted, "postgresql://stafett:***@db:5432/stafett");
  EXPECT_EQ(ParseDatabaseUrl("postgres://db/x")->dialect, Dialect::kPostgresql);

  auto info = ParseDatabaseUrl("host=/tmp/pg dbname=stafett password=hemmelig");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->dialect, Dialect::kPostgresql);
  EXPECT_EQ(info->target, "host=/tmp/pg dbname=stafett password=hemmelig");
  EXPECT_EQ(info->redacted.find("hemmelig"), std::string::npos);
  EXPECT_NE(info->redacted.find("password=***"), std::string::npos);
}

TEST(DialectNameTest, MatchesMigrationDirectories) {
  EXPECT_STREQ(DialectName(Dialect::kSqlite), "sqlite");
  EXPECT_STREQ(DialectName(Dialect::kPostgresql), "postgresql");
}

}  // namespace
}  // namespace stafett::store
