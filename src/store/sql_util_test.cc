#include "store/sql_util.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace stafett::store {
namespace {

using ::testing::ElementsAre;

TEST(SplitSqlStatementsTest, SplitsAtTopLevelSemicolons) {
  EXPECT_THAT(SplitSqlStatements(
                  "create table a (x int);\n\ncreate index i on a (x);\n"),
              ElementsAre("create table a (x int)", "create index i on a (x)"));
  EXPECT_THAT(SplitSqlStatements("select 1"), ElementsAre("select 1"));
  EXPECT_TRUE(SplitSqlStatements(" ;\n; -- nothing\n").empty());
}

TEST(SplitSqlStatementsTest, RespectsQuotesAndDropsComments) {
  EXPECT_THAT(SplitSqlStatements(
                  "-- head; comment\ninsert into t values ('a;b', 'it''s');"
                  "/* x; y */ select \"odd;name\" from t;"),
              ElementsAre("insert into t values ('a;b', 'it''s')",
                          "select \"odd;name\" from t"));
  EXPECT_THAT(SplitSqlStatements("select 1 -- trailing ';'\n;"),
              ElementsAre("select 1"));
}

TEST(ListTest, RoundTrips) {
  EXPECT_EQ(JoinList({}), "");
  EXPECT_TRUE(SplitList("").empty());
  EXPECT_EQ(JoinList({"ppt", "health-1"}), "ppt,health-1");
  EXPECT_THAT(SplitList("ppt,health-1"), ElementsAre("ppt", "health-1"));
  EXPECT_THAT(SplitList("a"), ElementsAre("a"));
}

}  // namespace
}  // namespace stafett::store
