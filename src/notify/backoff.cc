#include "notify/backoff.h"

#include <algorithm>
#include <cmath>

namespace stafett::notify {

Millis RetryDelay(const RetryPolicy& policy, int retry, double unit_random) {
  const double base = static_cast<double>(policy.base_delay.count());
  const double cap = static_cast<double>(policy.max_delay.count());
  // 2^62 overflows nothing in double; clamp the exponent anyway so a huge
  // attempt count cannot produce inf.
  const int exponent = std::clamp(retry - 1, 0, 62);
  const double full = std::min(cap, base * std::ldexp(1.0, exponent));
  const double jitter = std::clamp(policy.jitter, 0.0, 1.0);
  const double u = std::clamp(unit_random, 0.0, 1.0);
  const double factor = 1.0 - jitter * u;
  return Millis(static_cast<Millis::rep>(std::llround(full * factor)));
}

bool BudgetSpent(const RetryPolicy& policy, int attempts_in_budget) {
  return attempts_in_budget >= std::max(1, policy.max_attempts);
}

}  // namespace stafett::notify
