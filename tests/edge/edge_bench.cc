// edge_bench: keep-alive clients against a real `stafett serve` in its
// default configuration (SQLite, 16 workers), for the figures in
// docs/security.md. Each client holds one keep-alive connection and sends
// authenticated GET requests (--path, default /api/v1/cases?limit=20),
// waiting --think-ms between an answer and its next request (people and
// browsers pause; clients that never pause measure only the queue, by
// Little's law). Each worklist read also writes an access-log row, so on
// SQLite its rate is bounded by commits; /api/v1/routines reads nothing
// from the database and measures the edge and token checks.
//
//   STAFETT_BIN=build/src/app/stafett STAFETT_SOURCE_DIR=.
//   build/tests/edge/edge_bench [--seconds 20] [--think-ms 100]
//                               [--path /api/v1/routines] [8 200]
//
// Prints, per client count: requests, errors (refused, dropped or not
// 200), throughput, latency p50/p99/max, and the server's RSS.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "edge_support.h"

using namespace stafett::edge;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  int seconds = 20, think_ms = 100;
  std::string path = "/api/v1/cases?limit=20";
  std::vector<int> counts;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--seconds" && i + 1 < argc) {
      seconds = std::atoi(argv[++i]);
    } else if (a == "--think-ms" && i + 1 < argc) {
      think_ms = std::atoi(argv[++i]);
    } else if (a == "--path" && i + 1 < argc) {
      path = argv[++i];
    } else {
      counts.push_back(std::atoi(a.c_str()));
    }
  }
  if (counts.empty()) counts = {8, 200};

  auto serve = ServeProcess::Start({});
  if (!serve) {
    std::fprintf(stderr, "serve did not start\n");
    return 1;
  }
  const std::string token = MakeToken("demo", "demo_skole", "worker");
  // Some cases to list.
  for (int i = 0; i < 20; ++i) {
    const std::string body =
        R"({"age_band":"6-12","categories":["trivsel"],"text":"Virker lei seg."})";
    Once(serve->port(),
         "POST /api/v1/cases HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
         "Bearer " +
             token +
             "\r\nContent-Type: application/json\r\n"
             "Content-Length: " +
             std::to_string(body.size()) + "\r\n\r\n" + body,
         10s);
  }
  std::printf("path %s\n", path.c_str());
  std::printf(
      "clients think_ms seconds requests errors req/s p50_ms p99_ms "
      "max_ms rss_mib\n");
  for (int n : counts) {
    std::mutex mu;
    std::vector<double> all;
    std::atomic<long> errors{0};
    std::atomic<long> peak_rss{0};
    const auto end = Clock::now() + std::chrono::seconds(seconds);
    std::vector<std::thread> clients;
    for (int c = 0; c < n; ++c) {
      clients.emplace_back([&, c] {
        std::vector<double> mine;
        // Stagger the start so the clients do not march in step.
        std::this_thread::sleep_for(std::chrono::milliseconds(
            think_ms > 0 ? (c * 7919) % think_ms : 0));
        int fd = Connect(serve->port(), 30s);
        if (fd < 0) ++errors;
        while (fd >= 0 && Clock::now() < end) {
          Answer a = Exchange(fd, Get(path, token));
          if (a.status != 200) {
            ++errors;
            close(fd);
            fd = Connect(serve->port(), 30s);
            if (fd < 0) ++errors;
            continue;
          }
          mine.push_back(a.ms);
          if (a.closed) {  // max requests per connection: reconnect
            close(fd);
            fd = Connect(serve->port(), 30s);
          }
          if (think_ms > 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(think_ms));
          }
        }
        if (fd >= 0) close(fd);
        std::lock_guard lock(mu);
        all.insert(all.end(), mine.begin(), mine.end());
      });
    }
    std::thread sampler([&] {
      while (Clock::now() < end) {
        peak_rss = std::max(peak_rss.load(), serve->RssKib());
        std::this_thread::sleep_for(500ms);
      }
    });
    for (auto& t : clients) t.join();
    sampler.join();
    std::sort(all.begin(), all.end());
    auto pct = [&](double p) {
      if (all.empty()) return 0.0;
      return all[std::min(all.size() - 1,
                          static_cast<std::size_t>(p * all.size()))];
    };
    std::printf("%7d %8d %7d %8zu %6ld %5.0f %6.1f %6.1f %6.1f %7.1f\n", n,
                think_ms, seconds, all.size(), errors.load(),
                all.size() / static_cast<double>(seconds), pct(0.5), pct(0.99),
                all.empty() ? 0.0 : all.back(), peak_rss.load() / 1024.0);
    std::fflush(stdout);
  }
  return serve->Stop() == 0 ? 0 : 1;
}
