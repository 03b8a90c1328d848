#include "core/ids.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace stafett {
namespace {

TEST(IdsTest, NewIdsAreWellFormedAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) {
    std::string id = NewId();
    EXPECT_TRUE(IsWellFormedId(id)) << id;
    EXPECT_TRUE(seen.insert(id).second) << "duplicate " << id;
  }
}

TEST(IdsTest, IsWellFormedId) {
  EXPECT_TRUE(IsWellFormedId("0123456789abcdef0123456789abcdef"));
  const char* bad[] = {
      "",
      "0123456789abcdef0123456789abcde",    // 31
      "0123456789abcdef0123456789abcdef0",  // 33
      "0123456789ABCDEF0123456789abcdef",   // upper case
      "0123456789abcdef0123456789abcdeg",
      "NES-2026-0042",
  };
  for (const char* id : bad) EXPECT_FALSE(IsWellFormedId(id)) << id;
}

TEST(IdsTest, LooksLikeReference) {
  struct Row {
    std::string s;
    bool want;
  } rows[] = {
      {"NES-2026-0042", true},
      {"TRD-2027-12345", true},
      {"A-1", true},
      {std::string(40, 'A').replace(1, 1, "-"), true},
      {std::string(41, 'A').replace(1, 1, "-"), false},  // too long
      {"", false},
      {"NES20260042", false},                       // no '-'
      {"nes-2026-0042", false},                     // lower case
      {"NES-2026-0042 ", false},                    // space
      {"NES/2026", false},                          // path separator
      {"0123456789abcdef0123456789abcdef", false},  // a case id
      {"ČSÁ-2026-0001", false},                     // not ASCII
  };
  for (const Row& r : rows) EXPECT_EQ(LooksLikeReference(r.s), r.want) << r.s;
}

}  // namespace
}  // namespace stafett
