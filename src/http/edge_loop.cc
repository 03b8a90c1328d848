#include "http/edge_loop.h"

#include <algorithm>
#include <cerrno>
#include <system_error>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace stafett::http {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::uint64_t kListenTag = 0;
constexpr std::uint64_t kWakeTag = ~std::uint64_t{0};
// A refused connection is drained this long (and at most this much) before
// it is closed, so the client reads the answer instead of a reset.
constexpr auto kLinger = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = 1024 * 1024;
constexpr auto kTick = std::chrono::milliseconds(100);

std::string PeerOf(int fd) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) return "";
  char buf[INET6_ADDRSTRLEN] = {};
  if (ss.ss_family == AF_INET) {
    auto* a = reinterpret_cast<sockaddr_in*>(&ss);
    inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
  } else if (ss.ss_family == AF_INET6) {
    auto* a = reinterpret_cast<sockaddr_in6*>(&ss);
    inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
  }
  return buf;
}

}  // namespace

struct EdgeLoop::Conn {
  enum class State { kIdle, kHead, kBody, kBusy, kWrite, kLinger };
  std::uint64_t id = 0;
  int fd = -1;
  State state = State::kHead;
  std::uint32_t events = 0;  // registered with epoll; 0 = not registered
  Clock::time_point deadline;
  Clock::time_point started;
  std::string peer;
  std::string in;  // unread input (head, body, or the next request)
  std::size_t head_scanned = 0;  // of `in`, searched for the head's end
  std::string out;               // response bytes not yet written
  std::size_t out_pos = 0;
  bool close_after = false;
  int requests = 0;
  std::size_t lingered = 0;
  // The request being read (kBody).
  wire::Head head;
  std::string body;
  wire::ChunkedDecoder chunked;
};

EdgeLoop::EdgeLoop(int listen_fd, EdgeLimits limits, Dispatch dispatch,
                   Refuser refuser)
    : listen_fd_(listen_fd),
      limits_(std::move(limits)),
      dispatch_(std::move(dispatch)),
      refuser_(std::move(refuser)) {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (epoll_fd_ < 0 || wake_fd_ < 0) {
    throw std::system_error(errno, std::generic_category(), "epoll");
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = kWakeTag;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev);
  ev.data.u64 = kListenTag;
  if (epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, listen_fd_, &ev) != 0) {
    throw std::system_error(errno, std::generic_category(), "epoll listen");
  }
}

EdgeLoop::~EdgeLoop() {
  for (auto& [id, c] : conns_) ::close(c->fd);
  if (listening_) ::close(listen_fd_);
  if (wake_fd_ >= 0) ::close(wake_fd_);
  if (epoll_fd_ >= 0) ::close(epoll_fd_);
}

void EdgeLoop::Complete(std::uint64_t connection, std::string bytes,
                        bool keep_alive) {
  {
    std::lock_guard lock(mu_);
    completions_.push_back({connection, std::move(bytes), keep_alive});
  }
  std::uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(wake_fd_, &one, sizeof one);
}

void EdgeLoop::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_requested_ = true;
  }
  std::uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(wake_fd_, &one, sizeof one);
}

void EdgeLoop::WaitListenerClosed() {
  std::unique_lock lock(mu_);
  listener_cv_.wait(lock, [&] { return listener_closed_; });
}

void EdgeLoop::SetInterest(Conn& c, std::uint32_t events) {
  if (events == c.events) return;
  epoll_event ev{};
  ev.events = events;
  ev.data.u64 = c.id;
  if (events == 0) {
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, c.fd, &ev);
  } else if (c.events == 0) {
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, c.fd, &ev);
  } else {
    epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, c.fd, &ev);
  }
  c.events = events;
}

void EdgeLoop::Accept() {
  const auto now = Clock::now();
  for (int i = 0; i < 64; ++i) {
    int fd =
        accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
          errno == ENOMEM) {
        // Out of descriptors: stop accepting for a moment instead of
        // spinning on a listening socket that stays readable.
        accept_paused_until_ = now + kTick;
        epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, listen_fd_, nullptr);
      }
      return;
    }
    // Answers go out in one send; do not let Nagle hold their tail.
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto c = std::make_unique<Conn>();
    c->id = next_id_++;
    c->fd = fd;
    c->peer = PeerOf(fd);
    c->started = now;
    c->deadline = now + limits_.head_timeout;
    Conn& conn = *c;
    conns_.emplace(c->id, std::move(c));
    ++open_;
    if (conns_.size() > limits_.max_connections) {
      Refuse(conn, 503,
             "Tjenesten har for mange åpne forbindelser akkurat "
             "nå. Prøv igjen om litt.",
             nullptr);
      continue;
    }
    SetInterest(conn, EPOLLIN | EPOLLRDHUP);
  }
}

void EdgeLoop::OnReadable(Conn& c) {
  char buf[16384];
  ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
  if (n == 0 && (c.state == Conn::State::kBody ||
                 (c.state == Conn::State::kHead && !c.in.empty()))) {
    // The client finished sending (half-close) with the request cut
    // short: it may still be reading, so tell it why.
    Refuse(c, 400,
           c.state == Conn::State::kBody
               ? "Innholdet er kortere enn Content-Length sier."
               : "Forespørselens hode ble ikke fullført.",
           c.state == Conn::State::kBody ? &c.head : nullptr);
    return;
  }
  if (n == 0 ||
      (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
    Close(c);  // the client went away (or reset): nothing to answer
    return;
  }
  if (n < 0) return;
  if (c.state == Conn::State::kLinger) {
    c.lingered += static_cast<std::size_t>(n);
    if (c.lingered > kLingerBytes) Close(c);
    return;
  }
  c.in.append(buf, static_cast<std::size_t>(n));
  Process(c);
}

void EdgeLoop::Process(Conn& c) {
  const auto now = Clock::now();
  while (true) {
    if (c.state == Conn::State::kIdle || c.state == Conn::State::kHead) {
      if (c.state == Conn::State::kIdle) {
        c.in.erase(0, wire::LeadingBlankLines(c.in));
        if (c.in.empty()) return;
        // The head deadline starts at the request's first byte.
        c.state = Conn::State::kHead;
        c.head_scanned = 0;
        c.started = now;
        c.deadline = now + limits_.head_timeout;
      }
      const std::size_t end = wire::HeadEnd(c.in, c.head_scanned);
      if (end == std::string::npos) {
        // A head trickled in small reads costs one scan in all, not one
        // per read of everything so far.
        c.head_scanned = c.in.size();
        if (c.in.size() > limits_.head.max_head_bytes) {
          Refuse(c, 431,
                 "Forespørselens hode er for stort (høyst " +
                     std::to_string(limits_.head.max_head_bytes / 1024) +
                     " KiB).",
                 nullptr);
        }
        return;
      }
      const std::size_t skip = wire::LeadingBlankLines(c.in);
      wire::Refusal refusal;
      const bool parsed =
          wire::ParseHead(std::string_view(c.in).substr(skip, end - skip),
                          limits_.head, &c.head, &refusal);
      c.in.erase(0, end);
      c.head_scanned = 0;
      if (!parsed) {
        Refuse(c, refusal.status, std::move(refusal.detail), nullptr);
        return;
      }
      c.body.clear();
      c.chunked = wire::ChunkedDecoder();
      if (c.head.framing == wire::Framing::kLength &&
          c.head.content_length > limits_.max_body_bytes) {
        Refuse(c, 413,
               "Innholdet er for stort (høyst " +
                   std::to_string(limits_.max_body_bytes / 1024) +
                   " KiB). Del opp teksten.",
               &c.head);
        return;
      }
      if (c.head.framing != wire::Framing::kNone) {
        c.state = Conn::State::kBody;
        c.deadline = now + limits_.body_timeout;
        if (c.head.expect_continue && c.in.empty()) {
          // Tiny and first on the socket: a non-blocking send takes it
          // whole or the client times out its wait and sends anyway.
          static constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
          [[maybe_unused]] auto n =
              ::send(c.fd, kContinue, sizeof kContinue - 1, MSG_NOSIGNAL);
        }
        continue;
      }
    } else if (c.state == Conn::State::kBody) {
      if (c.head.framing == wire::Framing::kLength) {
        const std::size_t want =
            static_cast<std::size_t>(c.head.content_length) - c.body.size();
        const std::size_t take = std::min(want, c.in.size());
        c.body.append(c.in, 0, take);
        c.in.erase(0, take);
        if (c.body.size() < c.head.content_length) return;
      } else {
        std::size_t used = 0;
        auto r = c.chunked.Feed(c.in, &used, &c.body, limits_.max_body_bytes);
        c.in.erase(0, used);
        if (r == wire::ChunkedDecoder::Result::kMore) return;
        if (r == wire::ChunkedDecoder::Result::kBad) {
          Refuse(c, 400, "Innholdet er ikke gyldig «chunked»-koding.", &c.head);
          return;
        }
        if (r == wire::ChunkedDecoder::Result::kTooLarge) {
          Refuse(c, 413,
                 "Innholdet er for stort (høyst " +
                     std::to_string(limits_.max_body_bytes / 1024) +
                     " KiB). Del opp teksten.",
                 &c.head);
          return;
        }
      }
    } else {
      return;  // busy, writing or lingering: input waits
    }

    // A complete request: hand it to a worker.
    Incoming req;
    req.connection = c.id;
    req.head = std::move(c.head);
    req.body = std::move(c.body);
    req.peer = c.peer;
    req.started = c.started;
    req.last_on_connection = c.requests + 1 >= limits_.max_keep_alive_requests;
    c.state = Conn::State::kBusy;
    SetInterest(c, 0);
    wire::Head copy = req.head;  // for the 503 if the queue is full
    if (!dispatch_(std::move(req))) {
      Refuse(c, 503, "Tjenesten er travel akkurat nå. Prøv igjen om litt.",
             &copy);
    }
    return;
  }
}

void EdgeLoop::Refuse(Conn& c, int status, std::string detail,
                      const wire::Head* head) {
  StartResponse(
      c, refuser_(wire::Refusal{status, std::move(detail)}, head, c.peer),
      /*close_after=*/true);
}

void EdgeLoop::StartResponse(Conn& c, std::string bytes, bool close_after) {
  c.out = std::move(bytes);
  c.out_pos = 0;
  c.close_after = close_after;
  c.state = Conn::State::kWrite;
  c.deadline = Clock::now() + limits_.write_timeout;
  OnWritable(c);
}

void EdgeLoop::OnWritable(Conn& c) {
  while (c.out_pos < c.out.size()) {
    ssize_t n = ::send(c.fd, c.out.data() + c.out_pos, c.out.size() - c.out_pos,
                       MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        SetInterest(c, EPOLLOUT);
        return;
      }
      if (errno == EINTR) continue;
      Close(c);
      return;
    }
    c.out_pos += static_cast<std::size_t>(n);
  }
  AfterWrite(c);
}

void EdgeLoop::AfterWrite(Conn& c) {
  c.out.clear();
  c.out.shrink_to_fit();
  c.out_pos = 0;
  bool stopping;
  {
    std::lock_guard lock(mu_);
    stopping = stop_requested_;
  }
  if (c.close_after || stopping) {
    // Lingering close: say we are done, then read and drop what the client
    // still sends until it closes too, so our answer is not lost to a
    // reset caused by unread input.
    ::shutdown(c.fd, SHUT_WR);
    c.state = Conn::State::kLinger;
    c.lingered = 0;
    c.in.clear();
    c.deadline = Clock::now() + kLinger;
    SetInterest(c, EPOLLIN | EPOLLRDHUP);
    return;
  }
  c.state = Conn::State::kIdle;
  c.deadline = Clock::now() + limits_.idle_timeout;
  SetInterest(c, EPOLLIN | EPOLLRDHUP);
  if (!c.in.empty()) Process(c);  // a pipelined request
}

void EdgeLoop::Close(Conn& c) {
  SetInterest(c, 0);
  ::close(c.fd);
  --open_;
  conns_.erase(c.id);  // destroys c
}

void EdgeLoop::TakeCompletions() {
  std::vector<Done> done;
  {
    std::lock_guard lock(mu_);
    done.swap(completions_);
  }
  for (auto& d : done) {
    auto it = conns_.find(d.connection);
    if (it == conns_.end()) continue;
    Conn& c = *it->second;
    ++c.requests;
    const bool close_after =
        !d.keep_alive || c.requests >= limits_.max_keep_alive_requests;
    StartResponse(c, std::move(d.bytes), close_after);
  }
}

void EdgeLoop::Expire(Clock::time_point now) {
  std::vector<Conn*> due;
  for (auto& [id, c] : conns_) {
    if (c->state != Conn::State::kBusy && now >= c->deadline) {
      due.push_back(c.get());
    }
  }
  for (Conn* c : due) {
    switch (c->state) {
      case Conn::State::kHead:
        if (c->in.empty()) {
          Close(*c);  // never sent a byte: nobody to answer
        } else {
          Refuse(*c, 408,
                 "Forespørselens hode kom ikke fram i tide. Send "
                 "den på nytt.",
                 nullptr);
        }
        break;
      case Conn::State::kBody:
        Refuse(*c, 408,
               "Innholdet kom ikke fram i tide (kortere enn "
               "Content-Length sier?). Send forespørselen på nytt.",
               &c->head);
        break;
      default:
        Close(*c);
        break;
    }
  }
}

void EdgeLoop::BeginStop() {
  if (listening_) {
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, listen_fd_, nullptr);
    ::close(listen_fd_);
    listening_ = false;
    {
      std::lock_guard lock(mu_);
      listener_closed_ = true;
    }
    listener_cv_.notify_all();
  }
  std::vector<Conn*> idle;
  for (auto& [id, c] : conns_) {
    if (c->state == Conn::State::kIdle || c->state == Conn::State::kHead ||
        c->state == Conn::State::kBody) {
      idle.push_back(c.get());
    }
  }
  for (Conn* c : idle) Close(*c);
}

void EdgeLoop::Run() {
  epoll_event events[256];
  auto next_tick = Clock::now() + kTick;
  while (true) {
    bool stopping;
    {
      std::lock_guard lock(mu_);
      stopping = stop_requested_;
    }
    if (stopping) {
      BeginStop();
      if (conns_.empty()) return;
    }
    const auto now = Clock::now();
    if (!stopping && listening_ &&
        accept_paused_until_ != Clock::time_point{} &&
        now >= accept_paused_until_) {
      accept_paused_until_ = {};
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.u64 = kListenTag;
      epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, listen_fd_, &ev);
    }
    const int n =
        epoll_wait(epoll_fd_, events, 256, static_cast<int>(kTick.count()));
    for (int i = 0; i < n; ++i) {
      const std::uint64_t tag = events[i].data.u64;
      if (tag == kWakeTag) {
        std::uint64_t v;
        [[maybe_unused]] auto r = ::read(wake_fd_, &v, sizeof v);
        TakeCompletions();
        continue;
      }
      if (tag == kListenTag) {
        if (listening_) Accept();
        continue;
      }
      auto it = conns_.find(tag);
      if (it == conns_.end()) continue;
      Conn& c = *it->second;
      if (events[i].events & EPOLLOUT) {
        OnWritable(c);
      } else if (events[i].events &
                 (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
        OnReadable(c);
      }
    }
    const auto after = Clock::now();
    if (after >= next_tick) {
      next_tick = after + kTick;
      Expire(after);
    }
  }
}

}  // namespace stafett::http
