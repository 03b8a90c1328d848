#include "store/sql/database.h"

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

// Issue 11, defect 4: a URI reached SOCI unchanged and SOCI mangled it
// ("database \"postgres=\" does not exist"). libpq parses both forms now,
// and the target is always a key='value' conninfo.
TEST(ParseDatabaseUrlTest, PostgresUrisBecomeConninfo) {
  auto uri = ParseDatabaseUrl("postgresql://stafett:s3cret@db:5432/stafett");
  ASSERT_TRUE(uri.ok());
  EXPECT_EQ(uri->dialect, Dialect::kPostgresql);
  for (const char* part : {"user='stafett'", "password='s3cret'", "host='db'",
                           "port='5432'", "dbname='stafett'"}) {
    EXPECT_NE(uri->target.find(part), std::string::npos) << part;
  }
  EXPECT_EQ(uri->target.find("://"), std::string::npos);
  EXPECT_EQ(uri->redacted.find("s3cret"), std::string::npos);
  EXPECT_NE(uri->redacted.find("password=***"), std::string::npos);

  auto q = ParseDatabaseUrl(
      "postgres://u:p%40ss%27w@%2Ftmp%2Fpg:6543/x?sslmode=disable&"
      "connect_timeout=5");
  ASSERT_TRUE(q.ok()) << q.status().message();
  for (const char* part :
       {"user='u'", R"(password='p@ss\'w')", "host='/tmp/pg'", "port='6543'",
        "dbname='x'", "sslmode='disable'", "connect_timeout='5'"}) {
    EXPECT_NE(q->target.find(part), std::string::npos)
        << part << " in " << q->target;
  }
  EXPECT_EQ(q->redacted.find("p@ss"), std::string::npos);
}

TEST(ParseDatabaseUrlTest, PostgresConninfoIsParsedAndRedacted) {
  auto info = ParseDatabaseUrl(
      "host=/tmp/pg dbname=stafett password=hemmelig options='-c x=1'");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->dialect, Dialect::kPostgresql);
  for (const char* part : {"host='/tmp/pg'", "dbname='stafett'",
                           "password='hemmelig'", "options='-c x=1'"}) {
    EXPECT_NE(info->target.find(part), std::string::npos) << part;
  }
  EXPECT_EQ(info->redacted.find("hemmelig"), std::string::npos);
  EXPECT_NE(info->redacted.find("password=***"), std::string::npos);
}

TEST(ParseDatabaseUrlTest, RefusesWhatLibpqRefuses) {
  for (const char* bad :
       {"postgresql://db/x?no_such_parameter=1", "host=db nonsense=1",
        "postgresql://[::1/x", "host='unterminated"}) {
    auto r = ParseDatabaseUrl(bad);
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << bad;
    EXPECT_EQ(r.status().field(), "db") << bad;
  }
}

TEST(DialectNameTest, MatchesMigrationDirectories) {
  EXPECT_STREQ(DialectName(Dialect::kSqlite), "sqlite");
  EXPECT_STREQ(DialectName(Dialect::kPostgresql), "postgresql");
}

}  // namespace
}  // namespace stafett::store
