// Structured logs of the HTTP service: one JSON object per line.
//
//   {"time":"2026-05-17T08:00:00.250Z","level":"info","event":"request",
//    "request_id":"...","method":"GET","path":"/api/v1/cases/ab12...",
//    "route":"/api/v1/cases/{id}","status":200,"duration_ms":3,
//    "tenant":"nesseby","service":"skole-a","role":"worker",
//    "person_id":"3f2a..."}
//   {"time":"...","level":"error","event":"exception","request_id":"...",
//    "message":"..."}
//
// The path is logged without its query string: query values (a search
// term, an access reason) may hold text about a child. Bodies are never
// logged.
//
// Thread-safety: all methods may be called from any thread; lines never
// interleave (one mutex around each write). The stream must outlive the log.
#ifndef STAFETT_HTTP_ACCESS_LOG_H_
#define STAFETT_HTTP_ACCESS_LOG_H_

#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>

#include "core/time.h"

namespace stafett::http {

struct AccessLine {
  TimePoint time;
  std::string request_id;
  std::string method;
  std::string path;
  std::string route;  // the matched pattern, "" when none matched
  int status = 0;
  std::int64_t duration_ms = 0;
  std::string tenant;     // "" before authentication
  std::string service;    // ""
  std::string role;       // ""
  std::string person_id;  // "" unless authenticated as a person
};

class Log {
 public:
  // `out` may be null: the log then discards everything (tests).
  explicit Log(std::ostream* out) : out_(out) {}

  void Access(const AccessLine& line);
  // An error worth an operator's attention (an exception at the edge, a
  // failure during start-up or shutdown). `request_id` may be "".
  void Error(const std::string& event, const std::string& request_id,
             const std::string& message);
  void Info(const std::string& event, const std::string& message);

 private:
  void Write(const std::string& line);
  std::mutex mu_;
  std::ostream* out_;
};

}  // namespace stafett::http

#endif  // STAFETT_HTTP_ACCESS_LOG_H_
