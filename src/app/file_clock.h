// FileClock: the time read from a file, for the browser tests that need
// cases with known timings (a concern logged on 5 March, decided three days
// later) from a real `stafett serve`. The test writes an ISO 8601 instant
// ("2026-03-05T09:00:00Z") to the file before each batch of requests, and
// everything the server does (requests, deadlines, the notifier, sessions)
// happens at that instant.
//
// `stafett serve` uses it only when STAFETT_TEST_CLOCK_FILE is set and the
// listener is on loopback (cmd_serve.cc), and says so in its log; a
// production server never reads its time from a file.
//
// Errors: a missing, unreadable or malformed file gives the system time
// (a test sees wrong figures, never a crash).
// Thread-safety: Now() may be called from any thread; it reads the file on
// every call (tests write it with rename, so a read sees a whole instant).
#ifndef STAFETT_APP_FILE_CLOCK_H_
#define STAFETT_APP_FILE_CLOCK_H_

#include <string>

#include "core/time.h"

namespace stafett::app {

class FileClock final : public Clock {
 public:
  explicit FileClock(std::string path) : path_(std::move(path)) {}
  TimePoint Now() const override;

 private:
  std::string path_;
  SystemClock fallback_;
};

}  // namespace stafett::app

#endif  // STAFETT_APP_FILE_CLOCK_H_
