#include "routine/test_fixtures.h"

#include <gtest/gtest.h>

namespace stafett::routine::testing {

void ExpectDiagnostic(const RuleCase& c) {
  SCOPED_TRACE(c.name);
  LoadResult r = LoadRoutineText(c.text, "f.yaml");
  std::string all;
  for (const auto& d : r.diagnostics) all += "  " + d.ToString() + "\n";
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.size(), c.count) << all;
  bool found = false;
  for (const auto& d : r.diagnostics) {
    if (d.line == c.line && d.column == c.column &&
        d.message.find(c.fragment) != std::string::npos) {
      found = true;
    }
  }
  EXPECT_TRUE(found) << "expected f.yaml:" << c.line << ":" << c.column
                     << ": ..." << c.fragment << "...\ngot:\n"
                     << all << "text:\n"
                     << c.text;
}

}  // namespace stafett::routine::testing
