// The one parse of JSON request bodies: a wrong shape is 422, broken JSON
// (or nesting past the bound) 400, and the message never quotes the body.
#include "http/body_json.h"

#include <string>

#include <gtest/gtest.h>

namespace stafett::http {
namespace {

TEST(ParseJsonObjectTest, TellsAWrongShapeFromBrokenJson) {
  struct Row {
    std::string body;
    Code code;
  };
  const Row rows[] = {
      {"{}", Code::kOk},
      {" {\"a\": [1, {\"b\": null}]} ", Code::kOk},
      {"42", Code::kInvalidArgument},
      {"-1.5e3", Code::kInvalidArgument},
      {"\"x\"", Code::kInvalidArgument},
      {"null", Code::kInvalidArgument},
      {"false", Code::kInvalidArgument},
      {" 7 ", Code::kInvalidArgument},
      {"[]", Code::kInvalidArgument},
      {"[{}]", Code::kInvalidArgument},
      {"", Code::kBadRequest},
      {"{", Code::kBadRequest},
      {"nul", Code::kBadRequest},
      {"1 2", Code::kBadRequest},
      {"1,2", Code::kBadRequest},
      {"1],[2", Code::kBadRequest},
      {"]", Code::kBadRequest},
      {"'x'", Code::kBadRequest},
      {"\"\xff\xfe", Code::kBadRequest},
  };
  for (const Row& row : rows) {
    auto r = ParseJsonObject(row.body, 8);
    EXPECT_EQ(r.ok() ? Code::kOk : r.status().code(), row.code) << row.body;
    // The body is never echoed (a body of one or two characters may
    // occur in the message by chance: "{" in "({...})").
    if (!r.ok() && row.body.size() >= 3) {
      EXPECT_EQ(r.status().message().find(row.body), std::string::npos)
          << row.body;
    }
  }
}

TEST(ParseJsonObjectTest, NestingPastTheBoundIsBrokenNotAShape) {
  auto nested = [](int depth) {
    return std::string(depth, '[') + std::string(depth, ']');
  };
  // Inside the bound an array is a shape error; past it, not parsed at all.
  EXPECT_EQ(ParseJsonObject(nested(3), 8).status().code(),
            Code::kInvalidArgument);
  EXPECT_EQ(ParseJsonObject(nested(200), 8).status().code(), Code::kBadRequest);
  EXPECT_EQ(ParseJsonObject("{\"a\":" + nested(200) + "}", 8).status().code(),
            Code::kBadRequest);
}

TEST(ParseFlatObjectTest, RefusesUnknownKeysWithoutEchoingThem) {
  EXPECT_TRUE(ParseFlatObject(R"({"text":"x"})", {"text"}).ok());
  auto r = ParseFlatObject(R"({"hemmelig":"x"})", {"text"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "body");
  EXPECT_EQ(r.status().message().find("hemmelig"), std::string::npos);
  EXPECT_EQ(ParseFlatObject("42", {"text"}).status().code(),
            Code::kInvalidArgument);
  EXPECT_EQ(ParseFlatObject("{", {"text"}).status().code(), Code::kBadRequest);
}

}  // namespace
}  // namespace stafett::http
