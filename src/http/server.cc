#include "http/server.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <istream>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include "core/ids.h"
#include "http/edge_connection.h"
#include "http/problem.h"
#include "store/database.h"

namespace stafett::http {
namespace {

// A body over the bound is still read and discarded up to this size before
// the 413 goes out: closing a socket with unread input makes the kernel
// send RST, and the client may then lose the answer. Past this, the
// connection is closed without reading.
constexpr std::size_t kDrainLimit = 1024 * 1024;

std::string Lower(std::string s) {
  for (auto& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// A caller's request id is echoed only when it is short and plain, so it is
// safe in logs and headers.
std::string RequestIdFrom(const std::string& given) {
  if (!given.empty() && given.size() <= 64 &&
      std::all_of(given.begin(), given.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
      })) {
    return given;
  }
  return NewId();
}

void Discard(std::istream& in, std::size_t max) {
  char buf[8192];
  std::size_t total = 0;
  while (total < max && in.good()) {
    in.read(buf, static_cast<std::streamsize>(
                     std::min<std::size_t>(sizeof buf, max - total)));
    if (in.gcount() <= 0) break;
    total += static_cast<std::size_t>(in.gcount());
  }
}

enum class BodyRead { kOk, kTooLarge, kTruncated };

// Reads the body into `body`, never more than `max` bytes. `drained` tells
// whether the connection can carry another request afterwards.
BodyRead ReadBody(Poco::Net::HTTPServerRequest& in, std::size_t max,
                  std::string* body, bool* reusable) {
  *reusable = true;
  if (in.hasContentLength()) {
    const Poco::Int64 n = in.getContentLength64();
    if (n < 0) return BodyRead::kTruncated;
    if (static_cast<std::size_t>(n) > max) {
      if (static_cast<std::size_t>(n) <= kDrainLimit) {
        Discard(in.stream(), static_cast<std::size_t>(n));
      }
      *reusable = false;
      return BodyRead::kTooLarge;
    }
    body->resize(static_cast<std::size_t>(n));
    in.stream().read(body->data(), n);
    if (in.stream().gcount() != n) {
      *reusable = false;
      return BodyRead::kTruncated;
    }
    return BodyRead::kOk;
  }
  if (in.getChunkedTransferEncoding()) {
    char buf[8192];
    while (in.stream().good()) {
      in.stream().read(buf, sizeof buf);
      const auto got = in.stream().gcount();
      if (got <= 0) break;
      body->append(buf, static_cast<std::size_t>(got));
      if (body->size() > max) {
        Discard(in.stream(), kDrainLimit);
        *reusable = false;
        body->clear();
        return BodyRead::kTooLarge;
      }
    }
    return BodyRead::kOk;
  }
  // Neither length nor chunked: HTTP/1.1 says there is no body. A client
  // that sent one anyway would desynchronise the connection, so do not
  // reuse it for anything but GET-like methods.
  const std::string& m = in.getMethod();
  if (m != "GET" && m != "HEAD" && m != "DELETE" && m != "OPTIONS") {
    *reusable = false;
  }
  return BodyRead::kOk;
}

class EdgeHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  EdgeHandler(const Endpoint& endpoint, Log& log, const ServerOptions& options)
      : endpoint_(endpoint), log_(log), options_(options) {}

  void handleRequest(Poco::Net::HTTPServerRequest& in,
                     Poco::Net::HTTPServerResponse& out) override {
    const auto start = std::chrono::steady_clock::now();
    Request req;
    Response resp;
    std::string route;
    bool keep_alive = true;
    try {
      req.method = in.getMethod();
      req.request_id = RequestIdFrom(in.get("X-Request-Id", ""));
      resp = Serve(in, req, &route, &keep_alive);
    } catch (const store::PoolTimeout& e) {
      log_.Error("pool_timeout", req.request_id, e.what());
      resp = Response::Problem(
          Status(Code::kUnavailable,
                 "Tjenesten er travel akkurat nå. Prøv igjen om litt."),
          req.request_id);
      resp.With("Retry-After", "1");
    } catch (const std::exception& e) {
      log_.Error("exception", req.request_id, e.what());
      resp = InternalError(req.request_id);
    } catch (...) {
      log_.Error("exception", req.request_id, "unknown exception");
      resp = InternalError(req.request_id);
    }
    if (resp.status >= 500 && resp.status != 503) {
      // A kInternal Status from a lower layer: a bug worth a log line even
      // though nothing threw.
      log_.Error("internal_status", req.request_id, resp.body);
    }
    Send(out, req, resp, keep_alive);

    AccessLine line;
    line.time =
        std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
    line.request_id = req.request_id;
    line.method = req.method;
    line.path = req.path;
    line.route = route;
    line.status = resp.status;
    line.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - start)
                           .count();
    if (req.actor) {
      line.tenant = req.actor->tenant;
      line.service = req.actor->service;
      line.role = engine::RoleName(req.actor->role);
      line.person_id = req.actor->person_id;
    }
    log_.Access(line);
  }

 private:
  Response Serve(Poco::Net::HTTPServerRequest& in, Request& req,
                 std::string* route, bool* keep_alive) {
    try {
      Poco::URI uri(in.getURI());
      req.path = uri.getPath();
      for (auto& [k, v] : uri.getQueryParameters()) req.query[k] = v;
    } catch (const Poco::SyntaxException&) {
      req.path = "(ugyldig)";
      return Response::Problem(
          Status(Code::kBadRequest, "Adressen (URI) kan ikke leses."),
          req.request_id);
    }
    for (const auto& [name, value] : in) req.headers[Lower(name)] = value;

    switch (ReadBody(in, options_.max_body_bytes, &req.body, keep_alive)) {
      case BodyRead::kOk:
        break;
      case BodyRead::kTooLarge:
        return Response::Problem(
            Status(Code::kPayloadTooLarge,
                   "Innholdet er for stort (høyst " +
                       std::to_string(options_.max_body_bytes / 1024) +
                       " KiB). Del opp teksten."),
            req.request_id);
      case BodyRead::kTruncated:
        return Response::Problem(
            Status(Code::kBadRequest,
                   "Innholdet er kortere enn Content-Length sier."),
            req.request_id);
    }
    return endpoint_.Handle(req, route);
  }

  static Response InternalError(const std::string& request_id) {
    return Response::Problem(
        Status(Code::kInternal,
               "Noe gikk galt hos oss. Ingenting er lagret hvis feilen kom "
               "under en endring; prøv igjen, og oppgi request_id til "
               "brukerstøtte hvis det gjentar seg."),
        request_id);
  }

  void Send(Poco::Net::HTTPServerResponse& out, const Request& req,
            const Response& resp, bool keep_alive) {
    try {
      out.setStatusAndReason(
          static_cast<Poco::Net::HTTPResponse::HTTPStatus>(resp.status));
      out.setContentType(resp.content_type);
      for (const auto& [name, value] : resp.headers) out.add(name, value);
      out.set("X-Request-Id", req.request_id);
      // Case data must not linger in shared caches or the browser's. The
      // app's static files say no-cache themselves (revalidate by ETag).
      if (!out.has("Cache-Control")) out.set("Cache-Control", "no-store");
      out.set("X-Content-Type-Options", "nosniff");
      // Every answer, API included (docs/security.md).
      out.set("Content-Security-Policy", std::string(kContentSecurityPolicy));
      out.set("Referrer-Policy", "no-referrer");
      if (!keep_alive) out.setKeepAlive(false);
      out.sendBuffer(resp.body.data(), resp.body.size());
    } catch (const std::exception& e) {
      // The client went away; nothing left to tell it.
      log_.Error("send_failed", req.request_id, e.what());
    }
  }

  const Endpoint& endpoint_;
  Log& log_;
  const ServerOptions& options_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(const Endpoint& endpoint, Log& log, const ServerOptions& options)
      : endpoint_(endpoint), log_(log), options_(options) {}
  // Never null: Poco 1.11 would answer 501 itself. Routing (404/405) is the
  // endpoint's job.
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new EdgeHandler(endpoint_, log_, options_);
  }

 private:
  const Endpoint& endpoint_;
  Log& log_;
  const ServerOptions& options_;
};

}  // namespace

Result<std::pair<std::string, std::uint16_t>> ParseListen(
    const std::string& listen) {
  const auto bad = [&] {
    return Status::Invalid(
        "--listen må ha formen VERT:PORT, for eksempel "
        "127.0.0.1:8080 (fikk «" +
            listen + "»).",
        "listen");
  };
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return bad();
  std::string host = listen.substr(0, colon);
  std::string port_text = listen.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string::npos) {
    return bad();  // an IPv6 address must be in brackets
  }
  if (host.empty()) host = "0.0.0.0";
  unsigned port = 0;
  auto [p, ec] = std::from_chars(port_text.data(),
                                 port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() ||
      p != port_text.data() + port_text.size() || port > 65535) {
    return bad();
  }
  return std::make_pair(host, static_cast<std::uint16_t>(port));
}

HttpService::HttpService(ServerOptions options, const Endpoint& endpoint,
                         Log& log)
    : options_(std::move(options)), endpoint_(endpoint), log_(log) {}

HttpService::~HttpService() {
  try {
    Stop();
  } catch (...) {
  }
}

void HttpService::Start() {
  if (running_) return;
  socket_ = std::make_unique<Poco::Net::ServerSocket>(
      Poco::Net::SocketAddress(options_.host, options_.port), 64);
  bound_port_ = socket_->address().port();

  auto params = Poco::AutoPtr<Poco::Net::HTTPServerParams>(
      new Poco::Net::HTTPServerParams);
  params->setMaxThreads(options_.max_threads);
  params->setMaxQueued(options_.max_queued);
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(
      Poco::Timespan(options_.keep_alive_timeout.count(), 0));
  params->setMaxKeepAliveRequests(options_.max_keep_alive_requests);
  params->setTimeout(Poco::Timespan(options_.io_timeout.count(), 0));

  // The pool's capacity must cover maxThreads; the server never uses more.
  pool_ = std::make_unique<Poco::ThreadPool>("http", 2, options_.max_threads);
  connections_ =
      new EdgeConnectionFactory(params, new Factory(endpoint_, log_, options_));
  server_ = std::make_unique<Poco::Net::TCPServer>(connections_, *pool_,
                                                   *socket_, params);
  server_->start();
  running_ = true;
}

void HttpService::Stop() {
  if (!running_) return;
  running_ = false;
  // stop() ends the accept loop but leaves the socket open, so the kernel
  // would keep queueing connections nobody answers; close it so that new
  // clients are refused at once (and a load balancer moves on).
  server_->stop();
  socket_->close();
  // stopAll(false): for each open connection wait until its current request
  // is answered, then shut it down (Poco 1.11 takes the connection's mutex,
  // which is held while a request runs), so idle keep-alive connections end
  // too. Then wait for the workers.
  connections_->StopAll(false);
  pool_->joinAll();
  server_.reset();
  pool_.reset();
  socket_.reset();
}

}  // namespace stafett::http
