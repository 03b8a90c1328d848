// Support for the edge tests and benchmark: a real `stafett serve` in a
// child process, and plain POSIX sockets to talk to it the way slow, idle
// and ordinary clients do. Loopback only.
//
// The binary comes from STAFETT_BIN, the source tree (for workflows/) from
// STAFETT_SOURCE_DIR; CTest sets both.
//
// Thread-safety: ServeProcess from one thread; the socket helpers are free
// functions safe from any thread.
#ifndef STAFETT_TESTS_EDGE_EDGE_SUPPORT_H_
#define STAFETT_TESTS_EDGE_EDGE_SUPPORT_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <sys/types.h>

namespace stafett::edge {

inline constexpr char kSecret[] =
    "edge-test-secret-edge-test-secret-0123456789";

class ServeProcess {
 public:
  // Starts `stafett serve` on 127.0.0.1 (port 0: any free port) with a
  // fresh SQLite database (unless `extra` has --db) and the routines in
  // workflows/, plus `extra` flags, and waits until it logs that it listens.
  // Null when it exits first; `exit_code` then holds its exit code.
  static std::unique_ptr<ServeProcess> Start(
      const std::vector<std::string>& extra, std::uint16_t port = 0,
      int* exit_code = nullptr);
  ~ServeProcess();

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Resident set size in KiB (VmRSS), -1 when gone.
  long RssKib() const;
  bool Alive();
  // SIGTERM, then waits; the exit code (128+signal when killed by one).
  int Stop();
  std::string Stdout() const;
  std::string Stderr() const;

 private:
  ServeProcess() = default;
  pid_t pid_ = -1;
  int status_ = -1;
  std::uint16_t port_ = 0;
  std::string dir_;
};

// Runs `serve` with `extra` flags and returns its exit code (for a server
// that must refuse to start). -1 if it is still running after `wait`.
int RunServeToExit(const std::vector<std::string>& extra,
                   std::chrono::seconds wait);

// A development token from `stafett token`.
std::string MakeToken(const std::string& tenant, const std::string& service,
                      const std::string& role);

// A blocking TCP connection to 127.0.0.1:port (receive and send time out
// after `timeout`). -1 on failure.
int Connect(std::uint16_t port, std::chrono::milliseconds timeout);

bool SendAll(int fd, const std::string& bytes);

struct Answer {
  int status = 0;  // 0: no answer
  std::string body;
  bool closed = false;  // the server closed the connection after it
  double ms = 0;        // from sending the request to the whole answer
};

// Sends `request` on `fd` and reads one whole answer (by Content-Length).
Answer Exchange(int fd, const std::string& request);
// The same on a new connection, closed afterwards.
Answer Once(std::uint16_t port, const std::string& request,
            std::chrono::milliseconds timeout);

std::string Get(const std::string& path, const std::string& token = "");

// Whether the server has closed `fd`: reads what is pending without
// blocking; true on EOF or reset. `seen` gets what was read.
bool ClosedByPeer(int fd, std::string* seen);

}  // namespace stafett::edge

#endif  // STAFETT_TESTS_EDGE_EDGE_SUPPORT_H_
