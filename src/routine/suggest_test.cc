#include "routine/suggest.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

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

// The textbook table, all of it: what EditDistance (three rows) must equal.
std::size_t FullTableDistance(const std::string& a, const std::string& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1,
                                          std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

// Property: for any two strings over a small alphabet (so that matches and
// swaps are common), the three-row distance is the full table's, symmetric,
// and at least the difference in length (which ClosestMatch relies on).
TEST(SuggestTest, EditDistanceEqualsTheFullTable) {
  std::mt19937 rng(20261130);
  const std::string alphabet = "abc\xC3\xA1";  // a, b, c and the bytes of á
  auto word = [&] {
    std::string s(rng() % 12, ' ');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    return s;
  };
  for (int i = 0; i < 20000; ++i) {
    const std::string a = word(), b = word();
    const std::size_t d = EditDistance(a, b);
    ASSERT_EQ(d, FullTableDistance(a, b)) << a << " / " << b;
    ASSERT_EQ(d, EditDistance(b, a)) << a << " / " << b;
    ASSERT_GE(d,
              a.size() > b.size() ? a.size() - b.size() : b.size() - a.size());
  }
}

// A long unknown key is compared with no candidate, and still gets none.
TEST(SuggestTest, ALongWordMatchesNothing) {
  const std::vector<std::string> keys = {"id", "kind", "deadline"};
  EXPECT_EQ(ClosestMatch(std::string(16000, 'd') + "eadline", keys), "");
  EXPECT_EQ(ClosestMatch(std::string(16000, 'x'), {"title"}), "");
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
