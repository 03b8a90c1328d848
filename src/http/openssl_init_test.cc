// Issue 11, defect 0: token checks from many threads at once, with nothing
// else in the process holding OpenSSL (as in `serve --notify off`). Each
// check's HMAC takes and drops a reference to Poco's OpenSSL initializer;
// without a reference held for the process's lifetime the count fell to
// zero between checks and OpenSSL was torn down under a check still
// running, and the process crashed. This test is the whole assertion: it
// must finish.
#include "http/openssl_init.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "http/auth.h"

namespace stafett::http {
namespace {

TEST(OpenSslInitTest, ConcurrentTokenChecksSurvive) {
  const std::string secret(40, 's');
  engine::Actor actor;
  actor.tenant = "demo";
  actor.service = "demo_skole";
  actor.role = engine::Role::kWorker;
  const TimePoint now = FromMillis(1'780'000'000'000);
  const std::string good =
      IssueToken(secret, actor, now, std::chrono::hours(1));
  std::string forged = good;
  forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';

  const TokenVerifier verifier(secret);
  constexpr int kThreads = 8, kChecks = 2000;
  std::atomic<int> accepted{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kChecks; ++i) {
        // Pauses between checks, as between requests, let the count
        // reach zero while another thread starts a check.
        std::this_thread::sleep_for(
            std::chrono::microseconds((i * 7 + t) % 50));
        const bool use_good = (i + t) % 2 == 0;
        auto r = verifier.VerifyToken(use_good ? good : forged, now);
        ++(r.ok() ? accepted : refused);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(accepted.load(), kThreads * kChecks / 2);
  EXPECT_EQ(refused.load(), kThreads * kChecks / 2);
}

}  // namespace
}  // namespace stafett::http
