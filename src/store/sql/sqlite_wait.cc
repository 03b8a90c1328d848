#include "store/sql/sqlite_wait.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace stafett::store {
namespace {

using sqlite_api::sqlite3;
using SteadyClock = std::chrono::steady_clock;

// One per process: a commit on any connection may free the lock every
// other connection waits for.
std::mutex g_mu;
std::condition_variable g_released;
unsigned long long g_commits = 0;  // guarded by g_mu

constexpr int kAutoCheckpointFrames = 1000;  // SQLite's default
constexpr auto kRetryEvery = std::chrono::milliseconds(2);

int OnWalCommit(void*, sqlite3* db, const char* schema, int frames) {
  if (frames >= kAutoCheckpointFrames) {
    // What SQLite's own auto-checkpoint hook does; a busy reader only
    // makes the checkpoint partial, which is harmless.
    sqlite_api::sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE,
                                          nullptr, nullptr);
  }
  {
    std::lock_guard<std::mutex> lock(g_mu);
    ++g_commits;
  }
  g_released.notify_all();
  return SQLITE_OK;
}

int OnBusy(void* timeout_ms, int tries) {
  // The handler runs on the thread that runs the statement; `tries` is 0
  // on the first call of each wait.
  thread_local SteadyClock::time_point started;
  const auto now = SteadyClock::now();
  if (tries == 0) started = now;
  const auto limit = std::chrono::milliseconds(
      static_cast<std::int64_t>(reinterpret_cast<std::intptr_t>(timeout_ms)));
  if (now - started >= limit) return 0;
  std::unique_lock<std::mutex> lock(g_mu);
  const unsigned long long seen = g_commits;
  g_released.wait_for(lock, kRetryEvery, [&] { return g_commits != seen; });
  return 1;
}

}  // namespace

void InstallSqliteWait(sqlite3* db, std::chrono::milliseconds timeout) {
  sqlite_api::sqlite3_busy_handler(
      db, &OnBusy,
      reinterpret_cast<void*>(static_cast<std::intptr_t>(timeout.count())));
  sqlite_api::sqlite3_wal_hook(db, &OnWalCommit, nullptr);
}

unsigned long long SqliteCommitsSignalled() {
  std::lock_guard<std::mutex> lock(g_mu);
  return g_commits;
}

}  // namespace stafett::store
