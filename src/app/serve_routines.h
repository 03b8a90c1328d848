// RoutineReloader: keeps `stafett serve`'s routine catalogue in step with
// the database, so a version published anywhere (another replica, the
// API, `stafett routine publish`) is served here within about a second,
// without a restart.
//
// It polls store::RoutineVersionsFingerprint (one indexed statement on a
// table of a few rows) every `interval` and, when it changed, replaces the
// catalogue's current versions with store::CurrentRoutines. A publish
// through this replica's own API calls ReloadNow() and is served before
// the answer leaves. Polling rather than LISTEN/NOTIFY: it works the same
// on SQLite and PostgreSQL, survives reconnects without re-subscribing,
// and its cost (one tiny query per second per replica) is negligible.
//
// It also notes a crash recovery of the PostgreSQL server, a possible gap
// in the access log (store::NoteCrashRecovery; one statement that writes
// nothing unless the server's mark changed): after a failed poll succeeds
// again and every kGapCheckEvery polls. `serve` checks once at start-up
// (NoteAccessLogGap).
//
// Errors: a failed poll (database down) is logged once per outage and
// retried at the next tick; the catalogue keeps serving what it has.
// Thread-safety: ReloadNow may be called from any thread; Start/Stop from
// the owner only.
#ifndef STAFETT_APP_SERVE_ROUTINES_H_
#define STAFETT_APP_SERVE_ROUTINES_H_

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "http/access_log.h"
#include "http/routine_catalog.h"
#include "store/sql/database.h"

namespace stafett::app {

// Notes a possible access-log gap (store::NoteCrashRecovery) and logs it
// as event "access_log_gap". Throws on database failure.
void NoteAccessLogGap(store::Database& db, http::Log& log);
constexpr int kGapCheckEvery = 10;

class RoutineReloader {
 public:
  RoutineReloader(store::Database& db, http::RoutineCatalog& catalog,
                  http::Log& log, std::chrono::milliseconds interval);
  ~RoutineReloader();  // stops

  // Loads the current versions now (throws on database failure).
  void ReloadNow();
  void Start();
  void Stop();

 private:
  void Loop();
  void Reload(const std::string& fingerprint);

  store::Database& db_;
  http::RoutineCatalog& catalog_;
  http::Log& log_;
  std::chrono::milliseconds interval_;
  std::mutex mu_;  // guards fingerprint_, stop_; serialises reloads
  std::condition_variable wake_;
  std::string fingerprint_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace stafett::app

#endif  // STAFETT_APP_SERVE_ROUTINES_H_
