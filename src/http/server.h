// HttpService: an Endpoint (the Stafett API, http/api.h) behind Stafett's
// own HTTP/1.1 edge.
//
// Two parts (docs/security.md, "Slow clients"):
//  - one network thread (http/edge_loop.h) owns the listening socket and
//    every connection, reads request heads and bodies under TOTAL deadlines
//    and writes responses, all non-blocking: slow, idle and silent clients
//    hold no worker;
//  - a fixed pool of worker threads (max_threads) runs the endpoint on
//    COMPLETE requests only, from a bounded queue (max_queued; a full queue
//    is answered 503 with Retry-After, never a dropped connection).
//
// At the edge, for every request:
//  - the head is checked (http/wire.h): malformed 400, too large 431;
//    Content-Length must be digits, given once, never with chunked;
//  - the body is bounded: a Content-Length over max_body_bytes, or a
//    chunked body that grows past it, is answered 413 without being read
//    (the connection is then closed after a short drain);
//  - a head or body that does not arrive in time is answered 408;
//  - a request id is taken from X-Request-Id (if short and plain) or made
//    up, and echoed in the X-Request-Id response header;
//  - every exception is caught: store::PoolTimeout is answered 503 with
//    Retry-After, anything else 500; both problem+json, both logged. A
//    connection is never dropped without an answer;
//  - the security headers go on every answer: kContentSecurityPolicy,
//    X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer, and
//    Cache-Control: no-store unless the answer set its own;
//  - one access-log line is written (http/access_log.h), also for the
//    answers the edge gives on its own.
//
// Lifecycle: construct, Start() (binds without SO_REUSEPORT unless
// reuse_port; throws Poco::Exception when the address is taken or invalid),
// Stop() (closes the listening socket so new connections are refused, lets
// requests in flight finish and be answered, closes idle keep-alive
// connections, then joins the threads). The destructor calls Stop(). Stop()
// must run before the store the endpoint uses is destroyed.
//
// Thread-safety: Start and Stop are called from one controlling thread.
// The Endpoint and Log must outlive the service.
#ifndef STAFETT_HTTP_SERVER_H_
#define STAFETT_HTTP_SERVER_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "http/access_log.h"
#include "http/edge_loop.h"
#include "http/exchange.h"

namespace stafett::http {

// Sent with every response (the web contract): only our own origin, no
// inline script or style, no framing.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' "
    "data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: an ephemeral port (see port())
  // Let several processes listen on one port (SO_REUSEPORT), for replicas
  // on one host. Off by default: a second server on a taken port must fail
  // to start, not silently take a share of the first one's connections.
  bool reuse_port = false;
  // Worker threads running the endpoint; size the database pool at least
  // this large. Workers only ever see complete requests.
  int max_threads = 16;
  // Complete requests waiting for a worker; more are answered 503.
  int max_queued = 1024;
  // Open connections; more are answered 503 and closed.
  std::size_t max_connections = 2000;
  std::size_t max_body_bytes = 64 * 1024;
  // Total deadlines (not per read): a request head from its first byte,
  // a body from the end of its head, a response from its first byte.
  std::chrono::milliseconds head_timeout{10000};
  std::chrono::milliseconds body_timeout{20000};
  std::chrono::milliseconds write_timeout{30000};
  // An idle keep-alive connection costs no thread, only a descriptor.
  std::chrono::milliseconds keep_alive_timeout{30000};
  int max_keep_alive_requests = 1000;
};

// Parses "HOST:PORT" (e.g. "127.0.0.1:8080", "0.0.0.0:80", "[::1]:8080",
// ":8080" for all interfaces). kInvalidArgument (field "listen") otherwise.
Result<std::pair<std::string, std::uint16_t>> ParseListen(
    const std::string& listen);

class HttpService {
 public:
  HttpService(ServerOptions options, const Endpoint& endpoint, Log& log);
  ~HttpService();
  HttpService(const HttpService&) = delete;
  HttpService& operator=(const HttpService&) = delete;

  void Start();
  void Stop();

  // The bound port (after Start), also when options.port was 0.
  std::uint16_t port() const { return bound_port_; }

 private:
  ServerOptions options_;
  const Endpoint& endpoint_;
  Log& log_;
  class Workers;
  std::unique_ptr<Workers> workers_;
  std::unique_ptr<EdgeLoop> loop_;
  std::thread loop_thread_;
  std::uint16_t bound_port_ = 0;
  bool running_ = false;
};

}  // namespace stafett::http

#endif  // STAFETT_HTTP_SERVER_H_
