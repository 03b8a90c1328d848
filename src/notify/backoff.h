// Retry timing for outbox delivery: exponential backoff with jitter, and
// when to give up.
//
// The n-th retry (n = 1 after the first failed attempt) waits
//   d(n) = min(max_delay, base_delay * 2^(n-1))
// scaled by a jitter factor drawn uniformly from [1 - jitter, 1]
// ("equal jitter" when jitter = 0.5): replicas that failed together against
// one receiver spread out instead of retrying in lockstep, while the wait
// never exceeds d(n) and never drops below (1 - jitter) * d(n).
//
// Thread-safety: pure functions and values.
#ifndef STAFETT_NOTIFY_BACKOFF_H_
#define STAFETT_NOTIFY_BACKOFF_H_

#include "core/time.h"

namespace stafett::notify {

struct RetryPolicy {
  // Attempts per retry budget (the first delivery and its retries); after
  // the last one fails the message is marked failed. An administrator's
  // retry (POST /api/v1/notifications/{id}/retry) starts a fresh budget.
  int max_attempts = 8;
  Millis base_delay{5000};
  Millis max_delay{15 * 60 * 1000};
  double jitter = 0.5;  // 0 = none, 1 = anywhere in [0, d(n)]
};

// The wait before retry number `retry` (>= 1). `unit_random` is a uniform
// draw from [0, 1) (injected, so tests are exact).
Millis RetryDelay(const RetryPolicy& policy, int retry, double unit_random);

// True when a message that has now failed `attempts_in_budget` attempts
// (attempts - attempt_base) may not be tried again.
bool BudgetSpent(const RetryPolicy& policy, int attempts_in_budget);

}  // namespace stafett::notify

#endif  // STAFETT_NOTIFY_BACKOFF_H_
