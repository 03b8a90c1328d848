#include "app/serve_routines.h"

#include <exception>

#include "core/time.h"
#include "store/access/access_write.h"
#include "store/routines/routine_versions.h"

namespace stafett::app {

RoutineReloader::RoutineReloader(store::Database& db,
                                 http::RoutineCatalog& catalog, http::Log& log,
                                 std::chrono::milliseconds interval)
    : db_(db), catalog_(catalog), log_(log), interval_(interval) {}

RoutineReloader::~RoutineReloader() { Stop(); }

void RoutineReloader::Reload(const std::string& fingerprint) {
  auto current = store::CurrentRoutines(db_);
  catalog_.Replace(current);
  fingerprint_ = fingerprint;
  std::string names;
  for (const auto& r : current) {
    names += (names.empty() ? "" : ", ") + r->tenant + "/" + r->id + " v" +
             std::to_string(r->version);
  }
  log_.Info("routines_current", names);
}

void RoutineReloader::ReloadNow() {
  // The fingerprint first: a publish between the two reads is caught by
  // the next poll, never lost.
  std::string fp = store::RoutineVersionsFingerprint(db_);
  std::lock_guard lock(mu_);
  Reload(fp);
}

void RoutineReloader::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void RoutineReloader::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void NoteAccessLogGap(store::Database& db, http::Log& log) {
  if (store::NoteCrashRecovery(db, ToMillis(SystemClock().Now()))) {
    log.Info("access_log_gap",
             "databasen har vært gjennom krasjgjenoppretting: tilgangslogg-"
             "rader fra de siste millisekundene før krasjet kan mangle "
             "(access_log_gaps)");
  }
}

void RoutineReloader::Loop() {
  bool failing = false;
  int polls = 0;
  std::unique_lock lock(mu_);
  while (!wake_.wait_for(lock, interval_, [this] { return stop_; })) {
    try {
      lock.unlock();
      std::string fp = store::RoutineVersionsFingerprint(db_);
      // After an outage, and every kGapCheckEvery polls (a crash-restart
      // may fall between two polls and only reconnect the sessions).
      if (failing || ++polls % kGapCheckEvery == 0) NoteAccessLogGap(db_, log_);
      lock.lock();
      if (fp != fingerprint_) Reload(fp);
      if (failing) log_.Info("routines_poll", "ok igjen");
      failing = false;
    } catch (const std::exception& e) {
      if (!lock.owns_lock()) lock.lock();
      if (!failing) log_.Error("routines_poll", "", e.what());
      failing = true;
    }
  }
}

}  // namespace stafett::app
