// HttpService: an Endpoint (the Stafett API, http/api.h) on a Poco
// HTTPServer.
//
// It owns the listening socket, its own thread pool (never Poco's default
// pool, which Util::TaskManager and others share) and the server. Tests
// start it on 127.0.0.1 port 0 and read the port back.
//
// At the edge, for every request:
//  - the body is bounded: a Content-Length over max_body_bytes, or a
//    chunked body that grows past it, is answered 413 without reading more
//    (and the connection is closed, since the rest of the body is unread);
//  - a request id is taken from X-Request-Id (if short and plain) or made
//    up, and echoed in the X-Request-Id response header;
//  - every exception is caught: store::PoolTimeout is answered 503 with
//    Retry-After, anything else 500; both problem+json, both logged. A
//    connection is never dropped without an answer;
//  - the security headers go on every answer: kContentSecurityPolicy,
//    X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer, and
//    Cache-Control: no-store unless the answer set its own;
//  - one access-log line is written (http/access_log.h).
//
// Lifecycle: construct, Start() (binds; throws Poco::Exception when the
// address is taken or invalid), Stop() (closes the listening socket so new
// connections are refused, lets requests in flight finish and be answered,
// closes idle keep-alive connections, then joins the worker threads). The
// destructor calls Stop(). Stop() must run before the store the endpoint uses
// is destroyed.
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

#include "http/access_log.h"
#include "http/exchange.h"

namespace Poco {
class ThreadPool;
namespace Net {
class ServerSocket;
class TCPServer;
}  // namespace Net
}  // namespace Poco

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
  // Worker threads; size the database pool at least this large.
  int max_threads = 16;
  // Connections waiting for a worker; more are closed by Poco at once.
  int max_queued = 64;
  std::size_t max_body_bytes = 64 * 1024;
  // An idle keep-alive connection holds a worker thread: keep this short.
  std::chrono::seconds keep_alive_timeout{5};
  int max_keep_alive_requests = 100;
  // Socket send/receive timeout for a slow client.
  std::chrono::seconds io_timeout{30};
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
  std::unique_ptr<Poco::Net::ServerSocket> socket_;
  std::unique_ptr<Poco::ThreadPool> pool_;
  // A TCPServer with http/edge_connection.h's connections rather than
  // Poco's HTTPServer, so that an unreadable request head gets problem+json.
  std::unique_ptr<Poco::Net::TCPServer> server_;
  class EdgeConnectionFactory* connections_ = nullptr;  // owned by server_
  std::uint16_t bound_port_ = 0;
  bool running_ = false;
};

}  // namespace stafett::http

#endif  // STAFETT_HTTP_SERVER_H_
