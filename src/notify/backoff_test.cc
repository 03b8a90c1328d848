#include "notify/backoff.h"

#include <gtest/gtest.h>

namespace stafett::notify {
namespace {

TEST(RetryDelayTest, DoublesFromTheBaseUpToTheCap) {
  RetryPolicy p;
  p.base_delay = Millis(1000);
  p.max_delay = Millis(10000);
  p.jitter = 0;
  EXPECT_EQ(RetryDelay(p, 1, 0.7), Millis(1000));
  EXPECT_EQ(RetryDelay(p, 2, 0.7), Millis(2000));
  EXPECT_EQ(RetryDelay(p, 3, 0.7), Millis(4000));
  EXPECT_EQ(RetryDelay(p, 4, 0.7), Millis(8000));
  EXPECT_EQ(RetryDelay(p, 5, 0.7), Millis(10000));
  EXPECT_EQ(RetryDelay(p, 1000, 0.7), Millis(10000)) << "no overflow";
  EXPECT_EQ(RetryDelay(p, 0, 0.7), Millis(1000));
}

TEST(RetryDelayTest, JitterStaysWithinItsBand) {
  RetryPolicy p;
  p.base_delay = Millis(1000);
  p.max_delay = Millis(60000);
  p.jitter = 0.5;
  EXPECT_EQ(RetryDelay(p, 3, 0.0), Millis(4000));
  EXPECT_EQ(RetryDelay(p, 3, 0.5), Millis(3000));
  EXPECT_EQ(RetryDelay(p, 3, 0.999999), Millis(2000));
  for (double u = 0; u < 1; u += 0.01) {
    Millis d = RetryDelay(p, 3, u);
    EXPECT_GE(d, Millis(2000));
    EXPECT_LE(d, Millis(4000));
  }
}

TEST(RetryDelayTest, BudgetCountsAttemptsInTheCurrentBudget) {
  RetryPolicy p;
  p.max_attempts = 3;
  EXPECT_FALSE(BudgetSpent(p, 1));
  EXPECT_FALSE(BudgetSpent(p, 2));
  EXPECT_TRUE(BudgetSpent(p, 3));
  p.max_attempts = 0;  // nonsense: still one attempt
  EXPECT_TRUE(BudgetSpent(p, 1));
}

}  // namespace
}  // namespace stafett::notify
