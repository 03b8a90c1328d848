#include "routine/suggest.h"

#include <gtest/gtest.h>

namespace stafett::routine {
namespace {

TEST(SuggestTest, EditDistance) {
  struct {
    const char *a, *b;
    std::size_t d;
  } cases[] = {
      {"", "", 0},
      {"abc", "abc", 0},
      {"", "abc", 3},
      {"kitten", "sitting", 3},
      {"deadlnie", "deadline", 1},  // a swap costs 1
      {"level", "levle", 1},
      {"to", "id", 2},
  };
  for (const auto& c : cases)
    EXPECT_EQ(EditDistance(c.a, c.b), c.d) << c.a << " " << c.b;
}

TEST(SuggestTest, ClosestMatch) {
  const std::vector<std::string> keys = {"id",       "kind",        "level",
                                         "title",    "responsible", "deadline",
                                         "requires", "outcomes",    "tags"};
  struct {
    const char* word;
    const char* want;
  } cases[] = {
      {"deadlnie", "deadline"},
      {"Deadline", "deadline"},
      {"respnsible", "responsible"},
      {"outcome", "outcomes"},
      {"frist", "deadline"},
      {"utfall", "outcomes"},
      {"nivå", "level"},
      {"type", "kind"},
      {"dead", "deadline"},
      {"colour", ""},
      {"x", ""},
      {"to", ""},
  };
  for (const auto& c : cases)
    EXPECT_EQ(ClosestMatch(c.word, keys), c.want) << c.word;
  EXPECT_EQ(ClosestMatch("workdays", {"working_days"}), "working_days");
  EXPECT_EQ(DidYouMean("titel", {"title"}), " (mente du 'title'?)");
  EXPECT_EQ(DidYouMean("zzzzzz", {"title"}), "");
}

}  // namespace
}  // namespace stafett::routine
