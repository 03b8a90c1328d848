#include "http/server.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include <Poco/Exception.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/URI.h>
#include <fcntl.h>
#include <unistd.h>

#include "core/ids.h"
#include "core/json_writer.h"
#include "http/problem.h"
#include "http/wire.h"
#include "store/sql/database.h"

namespace stafett::http {
namespace {

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

// The header's last value in `head`, by lower-case name; "" when absent.
std::string HeadValue(const wire::Head& head, std::string_view lower_name) {
  std::string found;
  for (const auto& [name, value] : head.headers) {
    if (Lower(name) == lower_name) found = value;
  }
  return found;
}

Response InternalError(const std::string& request_id) {
  return Response::Problem(
      Status(Code::kInternal,
             "Noe gikk galt hos oss. Ingenting er lagret hvis feilen kom "
             "under en endring; prøv igjen, og oppgi request_id til "
             "brukerstøtte hvis det gjentar seg."),
      request_id);
}

// A problem+json answer the edge gives on its own. 408 and 431 exist only
// here, before any handler, so they are not domain codes (core/status.h);
// the body has the same fields as every other problem (http/problem.h).
Response EdgeProblem(const wire::Refusal& refusal,
                     const std::string& request_id) {
  const char* code = nullptr;
  const char* title = nullptr;
  switch (refusal.status) {
    case 408:
      code = "request_timeout";
      title = "Forespørselen kom ikke fram i tide";
      break;
    case 431:
      code = "headers_too_large";
      title = "Forespørselens hode er for stort";
      break;
    default: {
      const Code c = refusal.status == 413   ? Code::kPayloadTooLarge
                     : refusal.status == 503 ? Code::kUnavailable
                                             : Code::kBadRequest;
      Response r = Response::Problem(Status(c, refusal.detail), request_id);
      if (c == Code::kUnavailable) r.With("Retry-After", "1");
      return r;
    }
  }
  JsonWriter w;
  w.BeginObject()
      .Field("type", std::string("urn:stafett:problem:") + code)
      .Field("title", title)
      .Field("status", refusal.status)
      .Field("detail", refusal.detail)
      .Field("code", code)
      .Field("request_id", request_id)
      .EndObject();
  Response r;
  r.status = refusal.status;
  r.content_type = std::string(kProblemContentType);
  r.body = w.Take();
  return r;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// The headers every answer carries, then the bytes on the wire.
std::string Render(const Response& resp, const std::string& request_id,
                   bool keep_alive, bool head_only) {
  std::vector<std::pair<std::string, std::string>> headers;
  headers.reserve(resp.headers.size() + 7);
  // A 204 (logout, say) has no body and so no type.
  if (!resp.content_type.empty()) {
    headers.emplace_back("Content-Type", resp.content_type);
  }
  bool has_cache_control = false;
  for (const auto& h : resp.headers) {
    headers.push_back(h);
    has_cache_control |= EqualsIgnoreCase(h.first, "Cache-Control");
  }
  headers.emplace_back("X-Request-Id", request_id);
  // Case data must not linger in shared caches or the browser's. The app's
  // static files say no-cache themselves (revalidate by ETag).
  if (!has_cache_control) headers.emplace_back("Cache-Control", "no-store");
  headers.emplace_back("X-Content-Type-Options", "nosniff");
  // Every answer, API included (docs/security.md).
  headers.emplace_back("Content-Security-Policy",
                       std::string(kContentSecurityPolicy));
  headers.emplace_back("Referrer-Policy", "no-referrer");
  return wire::SerializeResponse(resp.status, headers, resp.body, keep_alive,
                                 head_only);
}

std::int64_t MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now() - start)
      .count();
}

// Runs one complete request through the endpoint; every outcome becomes an
// answer. Returns the response bytes and whether the connection stays open.
class Runner {
 public:
  Runner(const Endpoint& endpoint, Log& log) : endpoint_(endpoint), log_(log) {}

  std::pair<std::string, bool> Run(Incoming& in) const {
    Request req;
    Response resp;
    std::string route;
    try {
      req.method = in.head.method;
      req.request_id = RequestIdFrom(HeadValue(in.head, "x-request-id"));
      resp = Serve(in, req, &route);
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
    const bool keep_alive = in.head.keep_alive && !in.last_on_connection;
    std::string bytes =
        Render(resp, req.request_id, keep_alive, in.head.method == "HEAD");

    AccessLine line;
    line.time =
        std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
    line.request_id = req.request_id;
    line.method = req.method;
    line.path = req.path;
    line.route = route;
    line.status = resp.status;
    line.duration_ms = MillisSince(in.started);
    if (req.actor) {
      line.tenant = req.actor->tenant;
      line.service = req.actor->service;
      line.role = engine::RoleName(req.actor->role);
      line.person_id = req.actor->person_id;
    }
    log_.Access(line);
    return {std::move(bytes), keep_alive};
  }

 private:
  Response Serve(Incoming& in, Request& req, std::string* route) const {
    try {
      Poco::URI uri(in.head.target);
      req.path = uri.getPath();
      for (auto& [k, v] : uri.getQueryParameters()) req.query[k] = v;
    } catch (const Poco::SyntaxException&) {
      req.path = "(ugyldig)";
      return Response::Problem(
          Status(Code::kBadRequest, "Adressen (URI) kan ikke leses."),
          req.request_id);
    }
    for (const auto& [name, value] : in.head.headers) {
      req.headers[Lower(name)] = value;
    }
    req.body = std::move(in.body);
    return endpoint_.Handle(req, route);
  }

  const Endpoint& endpoint_;
  Log& log_;
};

}  // namespace

// A fixed set of threads taking complete requests from a bounded queue.
class HttpService::Workers {
 public:
  using Job = std::function<void(Incoming&)>;
  Workers(int threads, std::size_t capacity, Job job)
      : capacity_(capacity), job_(std::move(job)) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
  }
  ~Workers() { Stop(); }

  // False when the queue is full (or stopping).
  bool Push(Incoming&& in) {
    {
      std::lock_guard lock(mu_);
      if (stopping_ || queue_.size() >= capacity_) return false;
      queue_.push_back(std::move(in));
    }
    cv_.notify_one();
    return true;
  }

  // Finishes what is queued, then joins.
  void Stop() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) {
      if (t.joinable()) t.join();
    }
    threads_.clear();
  }

 private:
  void Loop() {
    while (true) {
      Incoming in;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        in = std::move(queue_.front());
        queue_.pop_front();
      }
      job_(in);
    }
  }

  std::size_t capacity_;
  Job job_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Incoming> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

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
  // Bound through Poco for its address handling and exceptions, but never
  // with SO_REUSEPORT unless asked: Poco's ServerSocket(address) sets it,
  // and then a second server on the same port starts and steals requests.
  Poco::Net::ServerSocket socket;
  socket.bind(Poco::Net::SocketAddress(options_.host, options_.port),
              /*reuseAddress=*/true, /*reusePort=*/options_.reuse_port);
  socket.listen(1024);
  bound_port_ = socket.address().port();
  const int fd = ::fcntl(socket.impl()->sockfd(), F_DUPFD_CLOEXEC, 3);
  if (fd < 0) throw Poco::IOException("dup of the listening socket failed");
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  socket.close();  // the duplicate keeps the listening socket open

  EdgeLimits limits;
  limits.head_timeout = options_.head_timeout;
  limits.body_timeout = options_.body_timeout;
  limits.idle_timeout = options_.keep_alive_timeout;
  limits.write_timeout = options_.write_timeout;
  limits.max_connections = options_.max_connections;
  limits.max_body_bytes = options_.max_body_bytes;
  limits.max_keep_alive_requests = options_.max_keep_alive_requests;

  auto runner = std::make_shared<Runner>(endpoint_, log_);
  // Workers see loop_ only through a request the loop dispatched, so after
  // it is set below.
  workers_ = std::make_unique<Workers>(
      options_.max_threads, static_cast<std::size_t>(options_.max_queued),
      [this, runner](Incoming& in) {
        auto [bytes, keep_alive] = runner->Run(in);
        loop_->Complete(in.connection, std::move(bytes), keep_alive);
      });
  Log* log = &log_;
  loop_ = std::make_unique<EdgeLoop>(
      fd, limits,
      [this](Incoming&& in) { return workers_->Push(std::move(in)); },
      [log](const wire::Refusal& refusal, const wire::Head* head,
            const std::string& peer) {
        const std::string id = NewId();
        Response resp = EdgeProblem(refusal, id);
        AccessLine line;
        line.time = std::chrono::time_point_cast<Millis>(
            std::chrono::system_clock::now());
        line.request_id = id;
        if (head) {
          line.method = head->method;
          line.path = head->target.substr(0, head->target.find('?'));
        }
        line.status = resp.status;
        log->Access(line);
        (void)peer;
        return Render(resp, id, /*keep_alive=*/false,
                      head != nullptr && head->method == "HEAD");
      });
  loop_thread_ = std::thread([this] { loop_->Run(); });
  running_ = true;
}

void HttpService::Stop() {
  if (!running_) return;
  running_ = false;
  // The loop closes the listening socket first (new clients are refused at
  // once, and a load balancer moves on), closes idle and half-read
  // connections, and returns once every request in flight is answered.
  loop_->Stop();
  loop_thread_.join();
  workers_->Stop();
  loop_.reset();
  workers_.reset();
}

}  // namespace stafett::http
