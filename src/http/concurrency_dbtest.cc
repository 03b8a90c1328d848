// Many connections at one case at once: optimistic locking through HTTP.
#include <atomic>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "http/test_service.h"

namespace stafett::http::testing {
namespace {

constexpr char kConcern[] =
    R"({"age_band":"13-16","categories":["skole"],"text":"Mye fravær siste måned."})";

class ConcurrencyDbTest : public ServiceTest {
 protected:
  std::string School() { return Token("demo", "demo_skole"); }

  Reply Note(const std::string& id, long long version,
             const std::string& text) {
    return client_->Post("/api/v1/cases/" + id + "/commands", School(),
                         R"({"type":"note","text":")" + text + "\"}",
                         {{"If-Match", "\"" + std::to_string(version) + "\""}});
  }
};

TEST_P(ConcurrencyDbTest, OneWinnerPerVersion) {
  Reply created = client_->Post("/api/v1/cases", School(), kConcern);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.Str("id");
  constexpr int kThreads = 8;
  constexpr int kRounds = 3;
  for (int round = 0; round < kRounds; ++round) {
    const long long version = 1 + round;
    std::atomic<int> ok{0}, stale{0}, other{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        Reply r = Note(
            id, version,
            "runde " + std::to_string(round) + " tråd " + std::to_string(t));
        if (r.status == 200) {
          ++ok;
        } else if (r.status == 412) {
          ++stale;
        } else {
          ++other;
          ADD_FAILURE() << r.status << " " << r.body << r.error;
        }
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(ok.load(), 1) << "round " << round;
    EXPECT_EQ(stale.load(), kThreads - 1) << "round " << round;
    EXPECT_EQ(other.load(), 0);
  }
  Reply after = client_->Get("/api/v1/cases/" + id, School());
  EXPECT_EQ(after.Int("version"), 1 + kRounds);
  auto journal = store_->Journal("demo", id);
  int notes = 0;
  for (const auto& e : journal) notes += e.entry.kind == "note";
  EXPECT_EQ(notes, kRounds);
}

TEST_P(ConcurrencyDbTest, RetryingWritersLoseAndDoubleNothing) {
  Reply created = client_->Post("/api/v1/cases", School(), kConcern);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.Str("id");
  constexpr int kThreads = 6;
  constexpr int kNotesEach = 4;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int n = 0; n < kNotesEach; ++n) {
        const std::string text =
            "notat " + std::to_string(t) + "-" + std::to_string(n);
        // Read, write with the version read, and on 412 read again.
        for (int attempt = 0; attempt < 200; ++attempt) {
          Reply g = client_->Get("/api/v1/cases/" + id, School());
          if (g.status != 200) {
            ++failures;
            return;
          }
          Reply r = Note(id, g.Int("version"), text);
          if (r.status == 200) break;
          if (r.status != 412) {
            ++failures;
            ADD_FAILURE() << r.status << " " << r.body << r.error;
            return;
          }
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);

  auto journal = store_->Journal("demo", id);
  std::multiset<std::string> texts;
  for (const auto& e : journal) {
    if (e.entry.kind == "note") texts.insert(e.entry.text);
  }
  EXPECT_EQ(texts.size(), static_cast<size_t>(kThreads * kNotesEach));
  for (int t = 0; t < kThreads; ++t) {
    for (int n = 0; n < kNotesEach; ++n) {
      EXPECT_EQ(
          texts.count("notat " + std::to_string(t) + "-" + std::to_string(n)),
          1u);
    }
  }
  // The hash chain is unbroken: seq 1..n, each linking to the previous.
  for (size_t i = 0; i < journal.size(); ++i) {
    EXPECT_EQ(journal[i].seq, static_cast<std::int64_t>(i + 1));
    if (i > 0) {
      EXPECT_EQ(journal[i].prev_hash, journal[i - 1].hash);
    }
  }
  Reply after = client_->Get("/api/v1/cases/" + id, School());
  EXPECT_EQ(after.Int("version"), 1 + kThreads * kNotesEach);
}

TEST_P(ConcurrencyDbTest, SameIdempotencyKeyFromManyConnectionsAppliesOnce) {
  Reply created = client_->Post("/api/v1/cases", School(), kConcern);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.Str("id");
  constexpr int kThreads = 6;
  std::vector<Reply> replies(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      replies[t] = client_->Post(
          "/api/v1/cases/" + id + "/commands", School(),
          R"({"type":"note","text":"Én gang."})",
          {{"If-Match", "\"1\""}, {"Idempotency-Key", "same-key"}});
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& r : replies) {
    EXPECT_EQ(r.status, 200) << r.body << r.error;
    EXPECT_EQ(r.body, replies[0].body);
  }
  int notes = 0;
  for (const auto& e : store_->Journal("demo", id)) {
    notes += e.entry.kind == "note";
  }
  EXPECT_EQ(notes, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConcurrencyDbTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::http::testing
