#include "edge_support.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace stafett::edge {
namespace {

using Clock = std::chrono::steady_clock;

std::string Env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

std::string Bin() { return Env("STAFETT_BIN", "stafett"); }
std::string SourceDir() { return Env("STAFETT_SOURCE_DIR", "."); }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Forks `stafett serve ARGS` with stdout/stderr in dir/out and dir/err.
pid_t Spawn(const std::string& dir, const std::vector<std::string>& args) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  int out = open((dir + "/out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int err = open((dir + "/err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  dup2(out, 1);
  dup2(err, 2);
  setenv("STAFETT_TOKEN_SECRET", kSecret, 1);
  std::vector<std::string> all = {Bin()};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  execv(argv[0], argv.data());
  _exit(127);
}

std::vector<std::string> ServeArgs(const std::string& dir,
                                   const std::vector<std::string>& extra,
                                   std::uint16_t port) {
  std::vector<std::string> args = {"serve", "--listen",
                                   "127.0.0.1:" + std::to_string(port),
                                   "--routines", SourceDir() + "/workflows"};
  // A fresh SQLite database unless the test names one.
  if (std::find(extra.begin(), extra.end(), "--db") == extra.end()) {
    args.insert(args.end(), {"--db", "sqlite:" + dir + "/s.db"});
  }
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::string TempDir() {
  char tmpl[] = "/tmp/stafett-edge-XXXXXX";
  const char* d = mkdtemp(tmpl);
  return d ? d : "/tmp";
}

int ExitCodeOf(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

std::unique_ptr<ServeProcess> ServeProcess::Start(
    const std::vector<std::string>& extra, std::uint16_t port, int* exit_code) {
  std::unique_ptr<ServeProcess> p(new ServeProcess);
  p->dir_ = TempDir();
  p->pid_ = Spawn(p->dir_, ServeArgs(p->dir_, extra, port));
  const std::string marker = "\"event\":\"listening\",\"message\":\"127.0.0.1:";
  const auto until = Clock::now() + std::chrono::seconds(90);
  while (Clock::now() < until) {
    const std::string out = ReadFile(p->dir_ + "/out");
    if (auto at = out.find(marker); at != std::string::npos) {
      p->port_ = static_cast<std::uint16_t>(
          std::atoi(out.c_str() + at + marker.size()));
      return p;
    }
    int status = 0;
    if (waitpid(p->pid_, &status, WNOHANG) == p->pid_) {
      p->status_ = status;
      if (exit_code) *exit_code = ExitCodeOf(status);
      return nullptr;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (exit_code) *exit_code = -1;
  return nullptr;
}

ServeProcess::~ServeProcess() {
  if (status_ < 0 && pid_ > 0) Stop();
  if (!dir_.empty() && dir_ != "/tmp") {
    std::string cmd = "rm -rf '" + dir_ + "'";
    [[maybe_unused]] int rc = std::system(cmd.c_str());
  }
}

long ServeProcess::RssKib() const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

bool ServeProcess::Alive() {
  if (status_ >= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    status_ = status;
    return false;
  }
  return true;
}

int ServeProcess::Stop() {
  if (status_ < 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    status_ = status;
  }
  return ExitCodeOf(status_);
}

std::string ServeProcess::Stdout() const { return ReadFile(dir_ + "/out"); }
std::string ServeProcess::Stderr() const { return ReadFile(dir_ + "/err"); }

int RunServeToExit(const std::vector<std::string>& extra,
                   std::chrono::seconds wait) {
  int code = -1;
  auto p = ServeProcess::Start(extra, 0, &code);
  if (p) return -1;  // it started: the caller's assertion fails
  (void)wait;
  return code;
}

std::string MakeToken(const std::string& tenant, const std::string& service,
                      const std::string& role) {
  const std::string cmd = "STAFETT_TOKEN_SECRET=" + std::string(kSecret) +
                          " '" + Bin() + "' token --tenant " + tenant +
                          " --service " + service + " --role " + role;
  std::string out;
  if (FILE* f = popen(cmd.c_str(), "r")) {
    char buf[512];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    pclose(f);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) {
    out.pop_back();
  }
  return out;
}

int Connect(std::uint16_t port, std::chrono::milliseconds timeout) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  timeval tv{};
  tv.tv_sec = static_cast<long>(timeout.count() / 1000);
  tv.tv_usec = static_cast<long>((timeout.count() % 1000) * 1000);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

bool SendAll(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n =
        send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

Answer Exchange(int fd, const std::string& request) {
  Answer a;
  const auto start = Clock::now();
  if (!SendAll(fd, request)) return a;
  std::string in;
  char buf[8192];
  std::size_t head_end = std::string::npos, want = 0;
  while (true) {
    if (head_end == std::string::npos) {
      head_end = in.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        head_end += 4;
        std::string head = in.substr(0, head_end);
        for (auto& c : head) c = static_cast<char>(std::tolower(c));
        auto cl = head.find("content-length:");
        want = cl == std::string::npos
                   ? 0
                   : std::strtoul(head.c_str() + cl + 15, nullptr, 10);
        a.closed = head.find("connection: close") != std::string::npos;
      }
    }
    if (head_end != std::string::npos && in.size() >= head_end + want) break;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return a;
    in.append(buf, static_cast<std::size_t>(n));
  }
  if (in.rfind("HTTP/1.", 0) == 0 && in.size() > 12) {
    a.status = std::atoi(in.c_str() + 9);
  }
  a.body = in.substr(head_end, want);
  a.ms =
      std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return a;
}

Answer Once(std::uint16_t port, const std::string& request,
            std::chrono::milliseconds timeout) {
  const auto start = Clock::now();
  int fd = Connect(port, timeout);
  if (fd < 0) return {};
  Answer a = Exchange(fd, request);
  close(fd);
  a.ms =
      std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return a;
}

std::string Get(const std::string& path, const std::string& token) {
  std::string r = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!token.empty()) r += "Authorization: Bearer " + token + "\r\n";
  return r + "\r\n";
}

bool ClosedByPeer(int fd, std::string* seen) {
  char buf[4096];
  while (true) {
    ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n == 0) return true;
    if (n < 0) {
      return !(errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
    }
    if (seen) seen->append(buf, static_cast<std::size_t>(n));
  }
}

}  // namespace stafett::edge
