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

}  // namespace
}  // namespace stafett
