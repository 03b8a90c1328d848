// EdgeLoop: the HTTP server's network thread. One epoll loop owns the
// listening socket and every connection; it reads request heads and bodies
// and writes responses, all non-blocking, and hands only COMPLETE requests
// to the worker pool (http/server.h). So a client that is slow, idle or
// silent costs a few hundred bytes of memory and a file descriptor, never
// a worker thread, and cannot stop the service.
//
// Deadlines are totals, not per-read timeouts (a client trickling a byte a
// second never restarts them):
//   head:  from the first byte of a request (or the accept) to the blank
//          line ending its head; at expiry 408 if part of a head came,
//          otherwise the connection is just closed;
//   body:  from the end of the head to the last body byte; 408 at expiry;
//   idle:  a keep-alive connection between requests; closed at expiry;
//   write: the whole response; the connection is closed at expiry.
// Connections past max_connections are answered 503 and closed at once.
// Malformed heads (http/wire.h) are answered 400/431, a Content-Length or
// chunked body over max_body_bytes 413; each of these closes the
// connection after a short lingering drain so the answer is not lost to a
// TCP reset.
//
// Thread-safety: Run() on one thread (the loop). Complete() and Stop() may
// be called from any thread. The callbacks run on the loop thread and must
// not block.
#ifndef STAFETT_HTTP_EDGE_LOOP_H_
#define STAFETT_HTTP_EDGE_LOOP_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "http/wire.h"

namespace stafett::http {

struct EdgeLimits {
  std::chrono::milliseconds head_timeout{10000};
  std::chrono::milliseconds body_timeout{20000};
  std::chrono::milliseconds idle_timeout{30000};
  std::chrono::milliseconds write_timeout{30000};
  std::size_t max_connections = 2000;
  std::size_t max_body_bytes = 64 * 1024;
  int max_keep_alive_requests = 1000;
  wire::Limits head;
};

// A complete request, as the loop hands it to a worker.
struct Incoming {
  std::uint64_t connection = 0;  // for EdgeLoop::Complete
  wire::Head head;
  std::string body;
  std::string peer;  // the client's address, for logs
  std::chrono::steady_clock::time_point started;  // first byte of the head
  // The connection's last request (max_keep_alive_requests): the answer
  // must say Connection: close, as the loop closes it afterwards.
  bool last_on_connection = false;
};

class EdgeLoop {
 public:
  // Takes a complete request. Returns false when it cannot (the workers'
  // queue is full); the loop then answers 503 itself.
  using Dispatch = std::function<bool(Incoming&&)>;
  // The whole response the loop sends on its own (400, 408, 413, 431, 503);
  // `head` is null when no head was read. Also logs it.
  using Refuser = std::function<std::string(const wire::Refusal& refusal,
                                            const wire::Head* head,
                                            const std::string& peer)>;

  // `listen_fd` is a bound, listening socket; the loop takes ownership and
  // closes it when stopping. Throws std::system_error if epoll cannot be
  // set up.
  EdgeLoop(int listen_fd, EdgeLimits limits, Dispatch dispatch,
           Refuser refuser);
  ~EdgeLoop();
  EdgeLoop(const EdgeLoop&) = delete;
  EdgeLoop& operator=(const EdgeLoop&) = delete;

  // Runs until Stop() was called and every connection has been answered or
  // closed.
  void Run();

  // The response to the request Dispatch took for `connection`. Must be
  // called exactly once per dispatched request.
  void Complete(std::uint64_t connection, std::string bytes, bool keep_alive);

  // Stops accepting (the listening socket is closed before WaitClosed
  // returns), closes idle and half-read connections, and lets requests in
  // flight be answered; then Run returns.
  void Stop();
  // Blocks until the listening socket is closed after Stop().
  void WaitListenerClosed();

  // Open connections right now (for tests and metrics).
  std::size_t connections() const { return open_.load(); }

 private:
  struct Conn;
  void Accept();
  void OnReadable(Conn& c);
  void OnWritable(Conn& c);
  void Process(Conn& c);
  void StartResponse(Conn& c, std::string bytes, bool close_after);
  void Refuse(Conn& c, int status, std::string detail, const wire::Head* head);
  void AfterWrite(Conn& c);
  void Close(Conn& c);
  void SetInterest(Conn& c, std::uint32_t events);
  void Expire(std::chrono::steady_clock::time_point now);
  void TakeCompletions();
  void BeginStop();

  int listen_fd_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  EdgeLimits limits_;
  Dispatch dispatch_;
  Refuser refuser_;
  std::uint64_t next_id_ = 1;
  std::unordered_map<std::uint64_t, std::unique_ptr<Conn>> conns_;
  std::atomic<std::size_t> open_{0};
  std::chrono::steady_clock::time_point accept_paused_until_{};
  bool listening_ = true;

  std::mutex mu_;  // guards the members below
  struct Done {
    std::uint64_t connection;
    std::string bytes;
    bool keep_alive;
  };
  std::vector<Done> completions_;
  bool stop_requested_ = false;
  bool listener_closed_ = false;
  std::condition_variable listener_cv_;
};

}  // namespace stafett::http

#endif  // STAFETT_HTTP_EDGE_LOOP_H_
