#include "notify/test_receivers.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/ids.h"
#include "notify/message.h"

namespace stafett::notify::testing {

bool WaitUntil(const std::function<bool()>& pred,
               std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return pred();
}

// --- WebhookReceiver ------------------------------------------------------

class WebhookReceiver::Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(WebhookReceiver* r) : r_(r) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    std::string body;
    Poco::StreamCopier::copyToString(req.stream(), body);
    std::map<std::string, std::string> headers;
    for (const char* h : {"X-Stafett-Id", "X-Stafett-Event",
                          "X-Stafett-Timestamp", "X-Stafett-Signature"}) {
      headers[h] = req.get(h, "");
    }
    int status = 500;
    r_->Handle(req.getURI(), headers, body, &status);
    resp.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    resp.setContentLength(0);
    resp.send();
  }

 private:
  WebhookReceiver* r_;
};

class WebhookReceiver::Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(WebhookReceiver* r) : r_(r) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(r_);
  }

 private:
  WebhookReceiver* r_;
};

WebhookReceiver::WebhookReceiver(Options options)
    : options_(std::move(options)) {
  Poco::Net::ServerSocket socket;
  if (options_.tls_cert.empty()) {
    socket = Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0));
  } else {
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_SERVER_USE, options_.tls_key, options_.tls_cert,
        "", Poco::Net::Context::VERIFY_NONE);
    socket = Poco::Net::SecureServerSocket(
        Poco::Net::SocketAddress("127.0.0.1", 0), 64, context);
  }
  port_ = socket.address().port();
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(8);
  params->setKeepAlive(false);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(this), socket,
                                                    params);
  server_->start();
}

WebhookReceiver::~WebhookReceiver() { server_->stopAll(true); }

std::string WebhookReceiver::Url(const std::string& path) const {
  if (!options_.tls_cert.empty()) {
    return "https://localhost:" + std::to_string(port_) + path;
  }
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void WebhookReceiver::Handle(const std::string& path,
                             const std::map<std::string, std::string>& headers,
                             const std::string& body, int* status) {
  Hit h;
  h.path = path;
  h.id = headers.at("X-Stafett-Id");
  h.event = headers.at("X-Stafett-Event");
  h.timestamp = headers.at("X-Stafett-Timestamp");
  h.signature = headers.at("X-Stafett-Signature");
  h.body = body;
  h.signature_ok =
      h.signature == SignatureHeader(options_.secret, body) &&
      body.find("\"id\":\"" + h.id + "\"") != std::string::npos &&
      body.find("\"timestamp\":\"" + h.timestamp + "\"") != std::string::npos;
  bool stall = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    const int n = seen_++;
    if (n < options_.fail_first) {
      h.status = 503;
    } else if (n < options_.fail_first + options_.stall_first) {
      stall = true;
    }
  }
  // Past the sender's timeout: it gives up and retries, although this
  // request is processed. The receiver then sees the id twice.
  if (stall) std::this_thread::sleep_for(options_.stall);
  if (h.status == 0) h.status = h.signature_ok ? 200 : 401;
  h.at = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  if (h.status == 200) accepted_.insert(h.id);
  *status = h.status;
  hits_.push_back(std::move(h));
}

std::vector<WebhookReceiver::Hit> WebhookReceiver::Hits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return hits_;
}

std::set<std::string> WebhookReceiver::Accepted() const {
  std::lock_guard<std::mutex> lock(mu_);
  return std::set<std::string>(accepted_.begin(), accepted_.end());
}

int WebhookReceiver::Duplicates() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(accepted_.size()) -
         static_cast<int>(
             std::set<std::string>(accepted_.begin(), accepted_.end()).size());
}

int WebhookReceiver::BadRequests() const {
  std::lock_guard<std::mutex> lock(mu_);
  int n = 0;
  for (const auto& h : hits_) n += h.signature_ok ? 0 : 1;
  return n;
}

// --- SmtpSink ---------------------------------------------------------------

namespace {

std::string SinkScript() {
  return std::string(STAFETT_SOURCE_DIR) + "/src/notify/testdata/smtp_sink.py";
}

class IgnoreParts : public Poco::Net::PartHandler {
 public:
  void handlePart(const Poco::Net::MessageHeader&, std::istream&) override {}
};

}  // namespace

SmtpSink::SmtpSink(std::vector<std::string> args) {
  dir_ = (std::filesystem::temp_directory_path() / ("stafett-smtp-" + NewId()))
             .string();
  std::filesystem::create_directories(dir_);
  out_ = dir_ + "/mail.jsonl";
  int in_pipe[2], out_pipe[2];
  if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0) {
    ADD_FAILURE() << "pipe failed";
    return;
  }
  std::vector<std::string> argv = {"/usr/bin/python3", SinkScript(), out_};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_ = fork();
  if (pid_ == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    close(in_pipe[1]);
    close(out_pipe[0]);
    std::vector<char*> c;
    for (auto& a : argv) c.push_back(a.data());
    c.push_back(nullptr);
    execv(c[0], c.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  stdin_fd_ = in_pipe[1];
  // Wait (bounded) for "PORT <n>".
  std::string line;
  pollfd p{out_pipe[0], POLLIN, 0};
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (line.find('\n') == std::string::npos &&
         std::chrono::steady_clock::now() < end) {
    if (poll(&p, 1, 200) > 0) {
      char buf[256];
      ssize_t n = read(out_pipe[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<std::size_t>(n));
    }
  }
  close(out_pipe[0]);
  if (line.rfind("PORT ", 0) == 0) port_ = std::atoi(line.c_str() + 5);
  if (port_ <= 0) {
    ADD_FAILURE() << "smtp_sink.py did not start (is python3-aiosmtpd "
                     "installed? tools/install-deps.sh test); got: "
                  << line;
  }
}

SmtpSink::~SmtpSink() {
  if (stdin_fd_ >= 0) close(stdin_fd_);  // the script exits on EOF
  if (pid_ > 0) {
    int status = 0;
    bool done = false;
    for (int i = 0; i < 100 && !done; ++i) {
      done = waitpid(pid_, &status, WNOHANG) == pid_;
      if (!done) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (!done) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::vector<SmtpSink::Mail> SmtpSink::Messages() const {
  std::vector<Mail> out;
  std::ifstream in(out_);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    Poco::JSON::Parser parser;
    auto o = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
    Mail m;
    m.mail_from = o->getValue<std::string>("mail_from");
    auto rcpts = o->getArray("rcpt_tos");
    for (std::size_t i = 0; i < rcpts->size(); ++i) {
      m.rcpt_tos.push_back(rcpts->getElement<std::string>(i));
    }
    m.raw = o->getValue<std::string>("data");
    if (!o->isNull("auth_user"))
      m.auth_user = o->getValue<std::string>("auth_user");
    m.tls = o->getValue<bool>("tls");
    std::istringstream raw(m.raw);
    Poco::Net::MailMessage msg;
    IgnoreParts parts;
    msg.read(raw, parts);
    m.subject = Poco::Net::MessageHeader::decodeWord(msg.getSubject());
    m.body = msg.getContent();
    m.stafett_id = msg.get("X-Stafett-Id", "");
    out.push_back(std::move(m));
  }
  return out;
}

TestCert MakeTestCert(const std::string& dir) {
  TestCert c{dir + "/cert.pem", dir + "/key.pem"};
  const std::string cmd =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost "
      "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " +
      c.key + " -out " + c.cert + " >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) return {};
  return c;
}

}  // namespace stafett::notify::testing
