#include "store/work/next_due.h"

#include <gtest/gtest.h>

namespace stafett::store {
namespace {

struct Case {
  const char* what;
  std::vector<QueuedRow> rows;
  int peek;
  std::optional<long long> want;
};

TEST(NextDueTest, EarliestClaimableTable) {
  const Case cases[] = {
      {"empty queue", {}, 3, std::nullopt},
      {"one free row", {{100, std::nullopt}}, 3, 100},
      {"a lease that ended before the due time changes nothing",
       {{100, 50}},
       3,
       100},
      {"a leased row waits for its lease", {{100, 500}}, 3, 500},
      {"a free later row beats a leased earlier one",
       {{100, 500}, {200, std::nullopt}},
       3,
       200},
      {"the earliest of several leases", {{100, 900}, {200, 700}}, 3, 700},
      {"full page, every row leased past the last due time: the last due",
       {{100, 900}, {200, 900}, {300, 900}},
       3,
       300},
      {"full page, a row claimable before the last due time: that row",
       {{100, std::nullopt}, {200, 900}, {300, 900}},
       3,
       100},
      {"short page: nothing hides after it", {{100, 900}, {200, 900}}, 3, 900},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(EarliestClaimable(c.rows, c.peek), c.want) << c.what;
  }
}

// Whatever the rows after the page, the answer is never later than the
// true earliest claimable time of the whole queue.
TEST(NextDueTest, NeverLaterThanTheTrueEarliest) {
  unsigned seed = 12345;
  auto next = [&seed] { return (seed = seed * 1103515245u + 12345u) >> 8; };
  for (int round = 0; round < 2000; ++round) {
    std::vector<QueuedRow> all;
    long long due = 0;
    const int n = 1 + static_cast<int>(next() % 12);
    for (int i = 0; i < n; ++i) {
      due += static_cast<long long>(next() % 50);
      QueuedRow r{due, std::nullopt};
      if (next() % 2)
        r.lease_until = due + static_cast<long long>(next() % 400);
      all.push_back(r);
    }
    const int peek = 1 + static_cast<int>(next() % 5);
    std::vector<QueuedRow> page(
        all.begin(), all.begin() + std::min<std::size_t>(all.size(), peek));
    long long truth =
        EarliestClaimable(all, static_cast<int>(all.size()) + 1).value();
    std::optional<long long> got = EarliestClaimable(page, peek);
    ASSERT_TRUE(got.has_value());
    EXPECT_LE(*got, truth) << "round " << round;
  }
}

}  // namespace
}  // namespace stafett::store
