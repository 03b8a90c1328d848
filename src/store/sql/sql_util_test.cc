#include "store/sql/sql_util.h"

#include <random>
#include <stdexcept>

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

TEST(SplitSqlStatementsTest, KeepsATriggerBodyWhole) {
  EXPECT_THAT(
      SplitSqlStatements("create table t (a int);\n"
                         "CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN\n"
                         "  delete from u where a = new.a;\n"
                         "  insert into u values (new.a, 'end;');\n"
                         "END;\n"
                         "create trigger t2 after update on t for each row "
                         "execute function f();\nselect 1"),
      ElementsAre("create table t (a int)",
                  "CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN\n"
                  "  delete from u where a = new.a;\n"
                  "  insert into u values (new.a, 'end;');\n"
                  "END",
                  "create trigger t2 after update on t for each row "
                  "execute function f()",
                  "select 1"));
}

TEST(ListTest, EncodesAsJsonArrays) {
  EXPECT_EQ(EncodeList({}), "[]");
  EXPECT_EQ(EncodeList({"ppt", "health-1"}), R"(["ppt","health-1"])");
  EXPECT_EQ(EncodeList({"a,b", "q\"\\", std::string("\x01\n", 2)}),
            R"(["a,b","q\"\\","\u0001\u000a"])");
  EXPECT_TRUE(DecodeList("").empty());  // column default, erased rows
  EXPECT_TRUE(DecodeList("[]").empty());
}

// What schema 0030 writes (SQLite json_quote, PostgreSQL array_to_json)
// and what other JSON writers may emit.
TEST(ListTest, DecodesEveryJsonSpelling) {
  EXPECT_THAT(DecodeList(R"( [ "a" , "b,c" ] )"), ElementsAre("a", "b,c"));
  EXPECT_THAT(DecodeList(R"(["\/\b\f\n\r\t\u00e6\ud83d\ude00"])"),
              ElementsAre("/\b\f\n\r\t\xc3\xa6\xf0\x9f\x98\x80"));
  EXPECT_THAT(DecodeList(R"(["\u0000"])"), ElementsAre(std::string("\0", 1)));
}

TEST(ListTest, RefusesWhatNoVersionWrote) {
  for (const char* bad :
       {"ppt,health-1", "[", "[\"a\"", "[\"a\",]", "[1]", "[\"a\"] x",
        "[\"\\x\"]", "[\"\\ud800\"]", "[\"\\udc00\"]", "{}"}) {
    EXPECT_THROW(DecodeList(bad), std::runtime_error) << bad;
  }
}

// Property: every list of byte strings round-trips, whatever the bytes
// (the store never inspects them; validity is the edge's business).
TEST(ListTest, RoundTripsRandomLists) {
  std::mt19937 rng(20261130);
  const std::string alphabet = std::string(",\"\\[] {}:\x01\x1f\x7f") +
                               "a\xc3\xa6\xe2\x82\xac\xf0\x9f\x98\x80";
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::string> items(rng() % 5);
    for (auto& item : items) {
      const int len = static_cast<int>(rng() % 12);
      for (int k = 0; k < len; ++k) {
        item.push_back(rng() % 4 == 0 ? static_cast<char>(rng() % 256)
                                      : alphabet[rng() % alphabet.size()]);
      }
    }
    EXPECT_EQ(DecodeList(EncodeList(items)), items);
  }
}

}  // namespace
}  // namespace stafett::store
