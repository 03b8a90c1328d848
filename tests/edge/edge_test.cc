// The HTTP edge against a real `stafett serve` (SQLite unless a test names
// PostgreSQL, the routines in workflows/) on 127.0.0.1: slow and idle
// clients, 200 keep-alive clients, concurrent authenticated requests with
// the notifier on and off on both databases, and a port already in use.
// Behaviour, not speed: the bounds are the requirement with a margin for a
// loaded machine; the benchmark (edge_bench) measures.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "edge_support.h"

namespace stafett::edge {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct Fds {
  std::vector<int> fds;
  ~Fds() {
    for (int fd : fds) {
      if (fd >= 0) close(fd);
    }
  }
};

// Issue 11, defect 1: 200 connections trickling a request head at one byte
// a second and 200 idle keep-alive connections are open. /healthz and an
// authenticated GET /api/v1/cases still answer, promptly; the trickling
// connections are closed by the head's total deadline (10 s by default)
// and slow bodies by the body's (20 s), with 408; the process stays under
// 256 MiB.
TEST(Edge, SlowAndIdleClientsDoNotStopTheService) {
  auto serve = ServeProcess::Start({});
  ASSERT_TRUE(serve) << "serve did not start";
  const std::uint16_t port = serve->port();
  const std::string token = MakeToken("demo", "demo_skole", "worker");
  ASSERT_FALSE(token.empty());

  Fds idle, trickle, slow_body;
  for (int i = 0; i < 200; ++i) {
    int fd = Connect(port, 5s);
    ASSERT_GE(fd, 0);
    idle.fds.push_back(fd);
    Answer a = Exchange(fd, Get("/healthz"));
    ASSERT_EQ(a.status, 200) << "idle connection " << i;
    ASSERT_FALSE(a.closed);
  }
  // The heads would take minutes at a byte a second: only a deadline that
  // counts from the first byte can end them.
  const std::string head =
      "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "X-Slow: " +
      std::string(120, 's') + "\r\n\r\n";
  for (int i = 0; i < 200; ++i) {
    int fd = Connect(port, 5s);
    ASSERT_GE(fd, 0);
    trickle.fds.push_back(fd);
  }
  const std::string body_head =
      "POST /api/v1/cases HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
      "Bearer " +
      token +
      "\r\nContent-Type: application/json\r\n"
      "Content-Length: 200\r\n\r\n";
  for (int i = 0; i < 20; ++i) {
    int fd = Connect(port, 5s);
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(SendAll(fd, body_head + "{"));
    slow_body.fds.push_back(fd);
  }
  std::atomic<bool> done{false};
  std::thread trickler([&] {
    for (std::size_t i = 0; i < head.size() && !done; ++i) {
      for (int fd : trickle.fds) {
        send(fd, &head[i], 1, MSG_NOSIGNAL | MSG_DONTWAIT);
      }
      for (int fd : slow_body.fds) {
        send(fd, " ", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
      }
      for (int t = 0; t < 10 && !done; ++t) std::this_thread::sleep_for(100ms);
    }
  });

  // Probes while everything above is open (and before the head deadline).
  double worst_ms = 0;
  for (int round = 0; round < 4; ++round) {
    std::this_thread::sleep_for(1500ms);
    Answer health = Once(port, Get("/healthz"), 10s);
    Answer cases = Once(port, Get("/api/v1/cases", token), 10s);
    EXPECT_EQ(health.status, 200) << "round " << round;
    EXPECT_EQ(cases.status, 200) << "round " << round << " " << cases.body;
    worst_ms = std::max({worst_ms, health.ms, cases.ms});
  }
  std::printf("slowest probe with 420 slow or idle connections: %.0f ms\n",
              worst_ms);
  // The requirement is 1 s; the margin is for a loaded 2-core CI box (the
  // old server did not answer at all).
  EXPECT_LT(worst_ms, 3000.0);
  const long rss = serve->RssKib();
  std::printf("server RSS: %ld KiB\n", rss);
  EXPECT_GT(rss, 0);
  EXPECT_LT(rss, 256 * 1024);

  // Idle keep-alive connections still work.
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(
        Exchange(idle.fds[static_cast<std::size_t>(i)], Get("/healthz")).status,
        200);
  }

  // Every trickling connection is answered 408 and closed within its
  // deadline (10 s from its first byte), however long it keeps trickling;
  // slow bodies within theirs (20 s). Poll, bounded.
  auto all_closed = [](Fds& set, std::vector<std::string>* seen) {
    bool all = true;
    for (std::size_t i = 0; i < set.fds.size(); ++i) {
      if (set.fds[i] < 0) continue;
      if (ClosedByPeer(set.fds[i], &(*seen)[i])) {
        close(set.fds[i]);
        set.fds[i] = -1;
      } else {
        all = false;
      }
    }
    return all;
  };
  std::vector<std::string> trickle_seen(trickle.fds.size());
  std::vector<std::string> body_seen(slow_body.fds.size());
  const auto until = Clock::now() + 35s;
  bool heads_closed = false, bodies_closed = false;
  while (Clock::now() < until && !(heads_closed && bodies_closed)) {
    heads_closed = heads_closed || all_closed(trickle, &trickle_seen);
    bodies_closed = bodies_closed || all_closed(slow_body, &body_seen);
    std::this_thread::sleep_for(200ms);
  }
  done = true;
  trickler.join();
  EXPECT_TRUE(heads_closed) << "trickling heads still open";
  EXPECT_TRUE(bodies_closed) << "slow bodies still open";
  int head_408 = 0, body_408 = 0;
  for (auto& s : trickle_seen) head_408 += s.rfind("HTTP/1.1 408 ", 0) == 0;
  for (auto& s : body_seen) body_408 += s.rfind("HTTP/1.1 408 ", 0) == 0;
  EXPECT_EQ(head_408, 200);
  EXPECT_EQ(body_408, 20);

  EXPECT_EQ(Once(port, Get("/healthz"), 10s).status, 200);
  EXPECT_TRUE(serve->Alive());
  EXPECT_EQ(serve->Stop(), 0);
}

// Issue 11, defect 1, second half: 200 keep-alive clients sending ordinary
// requests in the default configuration (16 threads) are all answered;
// none is refused or dropped (before, 92,000 read errors). The p99 ratio
// is edge_bench's to measure (docs/security.md "Slow clients").
TEST(Edge, TwoHundredKeepAliveClientsAreAllAnswered) {
  auto serve = ServeProcess::Start({});
  ASSERT_TRUE(serve) << "serve did not start";
  const std::string token = MakeToken("demo", "demo_skole", "worker");
  constexpr int kClients = 200, kRequests = 10;
  std::atomic<int> ok{0}, failed{0}, dropped{0};
  // All 200 connections are open before the first request.
  std::latch connected(kClients);
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      int fd = Connect(serve->port(), 30s);
      connected.arrive_and_wait();
      if (fd < 0) {
        failed += kRequests;
        return;
      }
      for (int i = 0; i < kRequests; ++i) {
        Answer a =
            Exchange(fd, (i + c) % 2 == 0 ? Get("/api/v1/cases?limit=20", token)
                                          : Get("/api/v1/routines", token));
        if (a.status == 200) {
          ++ok;
        } else {
          ++failed;
        }
        if (a.status == 0 || a.closed) {
          ++dropped;
          break;
        }
        std::this_thread::sleep_for(50ms);  // a person's pace, roughly
      }
      close(fd);
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok.load(), kClients * kRequests);
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(dropped.load(), 0) << "a keep-alive connection was closed";
  EXPECT_TRUE(serve->Alive());
  EXPECT_EQ(serve->Stop(), 0) << serve->Stderr();
}

// Issue 11, defect 0: with the notifier off nothing else held OpenSSL, and
// concurrent token checks tore it down under each other: the server died
// within a few thousand requests. Valid tokens (200) and forged signatures
// (401) both run the HMAC.
void ConcurrentAuthenticatedRequests(const std::string& notify,
                                     std::vector<std::string> extra = {}) {
  extra.insert(extra.end(), {"--notify", notify});
  auto serve = ServeProcess::Start(extra);
  ASSERT_TRUE(serve) << "serve did not start";
  const std::string token = MakeToken("demo", "demo_skole", "worker");
  std::string forged = token;
  forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
  constexpr int kThreads = 16, kRequests = 500;
  std::atomic<int> ok{0}, refused{0}, failed{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < kThreads; ++t) {
    clients.emplace_back([&, t] {
      int fd = -1;
      for (int i = 0; i < kRequests; ++i) {
        if (fd < 0) fd = Connect(serve->port(), 10s);
        const bool good = (i + t) % 2 == 0;
        Answer a = Exchange(
            fd, Get(i % 8 == 0 ? "/api/v1/cases?limit=1" : "/api/v1/routines",
                    good ? token : forged));
        if (a.status == (good ? 200 : 401)) {
          ++(good ? ok : refused);
        } else {
          ++failed;
        }
        if (a.status == 0 || a.closed) {
          close(fd);
          fd = -1;
        }
      }
      if (fd >= 0) close(fd);
    });
  }
  for (auto& c : clients) c.join();
  EXPECT_TRUE(serve->Alive()) << "serve --notify " << notify << " died";
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(ok.load(), kThreads * kRequests / 2);
  EXPECT_EQ(refused.load(), kThreads * kRequests / 2);
  EXPECT_EQ(serve->Stop(), 0) << serve->Stderr();
}

TEST(Edge, ConcurrentAuthenticatedRequestsWithNotifierOff) {
  ConcurrentAuthenticatedRequests("off");
}

TEST(Edge, ConcurrentAuthenticatedRequestsWithNotifierOn) {
  ConcurrentAuthenticatedRequests("on");
}

// The same on PostgreSQL (the pg fixture's server, a schema of the test's
// own made with psql), notifier on and off: the issue asks for every
// configuration. Without a server the test is skipped, except in CI.
class PostgresSchema {
 public:
  PostgresSchema() {
    const char* file = std::getenv("STAFETT_TEST_PG_DSN_FILE");
    if (file == nullptr) return;
    std::ifstream in(file);
    std::getline(in, dsn_);
    if (dsn_.empty()) return;
    name_ = "edge_" + std::to_string(::getpid());
    if (!Psql("create schema " + name_)) dsn_.clear();
  }
  ~PostgresSchema() {
    if (!dsn_.empty()) Psql("drop schema " + name_ + " cascade");
  }
  bool ok() const { return !dsn_.empty(); }
  std::string Db() const {
    return dsn_ + " options='-c search_path=" + name_ + "'";
  }

 private:
  bool Psql(const std::string& sql) const {
    const pid_t pid = fork();
    if (pid == 0) {
      execlp("psql", "psql", dsn_.c_str(), "-qc", sql.c_str(),
             static_cast<char*>(nullptr));
      _exit(127);
    }
    int status = 0;
    return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
           WEXITSTATUS(status) == 0;
  }
  std::string dsn_, name_;
};

TEST(Edge, ConcurrentAuthenticatedRequestsOnPostgresql) {
  PostgresSchema schema;
  if (!schema.ok()) {
    const char* ci = std::getenv("CI");
    if (ci != nullptr && std::string(ci) == "true") {
      FAIL() << "no PostgreSQL (STAFETT_TEST_PG_DSN_FILE) in CI";
    }
    GTEST_SKIP() << "no PostgreSQL configured (STAFETT_TEST_PG_DSN_FILE)";
  }
  for (const char* notify : {"off", "on"}) {
    SCOPED_TRACE(std::string("--notify ") + notify);
    ConcurrentAuthenticatedRequests(notify, {"--db", schema.Db()});
  }
}

// Issue 11, defect 7: a second server on a port in use exits 3 (and the
// first one keeps serving); --reuse-port on both is the explicit way to run
// replicas on one port.
TEST(Edge, SecondServeOnAPortInUseExits3) {
  auto first = ServeProcess::Start({});
  ASSERT_TRUE(first);
  int code = 0;
  auto second = ServeProcess::Start({}, first->port(), &code);
  EXPECT_FALSE(second) << "a second server started on a port in use";
  EXPECT_EQ(code, 3);
  EXPECT_EQ(Once(first->port(), Get("/healthz"), 10s).status, 200);

  auto a = ServeProcess::Start({"--reuse-port"});
  ASSERT_TRUE(a);
  auto b = ServeProcess::Start({"--reuse-port"}, a->port());
  EXPECT_TRUE(b) << "--reuse-port on both should let both listen";
}

}  // namespace
}  // namespace stafett::edge
