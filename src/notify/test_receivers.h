// Real receivers on 127.0.0.1 for the notifier's tests: a webhook endpoint
// (a Poco HTTPServer in this process, HTTP or HTTPS) that checks signatures,
// can fail or stall its first requests, and deduplicates on the message id;
// and an SMTP
// server (testdata/smtp_sink.py on Debian's python3-aiosmtpd, a child
// process) that records every accepted message.
//
// Thread-safety: the accessors may be called while the servers run.
#ifndef STAFETT_NOTIFY_TEST_RECEIVERS_H_
#define STAFETT_NOTIFY_TEST_RECEIVERS_H_

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <sys/types.h>

#include "core/time.h"

namespace Poco::Net {
class HTTPServer;
}  // namespace Poco::Net

namespace stafett::notify::testing {

// Polls `pred` every 20 ms until it holds or `timeout` passes.
bool WaitUntil(const std::function<bool()>& pred,
               std::chrono::milliseconds timeout);

class WebhookReceiver {
 public:
  struct Options {
    std::string secret;   // signatures are checked against this
    int fail_first = 0;   // answer the first N requests 503
    int stall_first = 0;  // then hold the next N past the sender's timeout
    std::chrono::milliseconds stall{1500};
    // Both set: serve HTTPS with this certificate (MakeTestCert) on
    // https://localhost:PORT; Url() says so.
    std::string tls_cert = {};
    std::string tls_key = {};
  };
  struct Hit {
    std::string path;
    std::string id;  // X-Stafett-Id
    std::string event;
    std::string timestamp;  // X-Stafett-Timestamp
    std::string signature;  // X-Stafett-Signature
    std::string body;
    bool signature_ok = false;
    int status = 0;  // what the receiver answered
    std::chrono::steady_clock::time_point at;
  };

  explicit WebhookReceiver(Options options);
  ~WebhookReceiver();
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  int port() const { return port_; }
  std::string Url(const std::string& path = "/hook") const;

  std::vector<Hit> Hits() const;
  // Ids accepted (2xx) with a valid signature, each once: what a receiver
  // that deduplicates has processed.
  std::set<std::string> Accepted() const;
  // Accepted requests whose id had been accepted before.
  int Duplicates() const;
  // Any request with a bad signature or body not matching its id header.
  int BadRequests() const;

 private:
  class Handler;
  class Factory;
  void Handle(const std::string& path,
              const std::map<std::string, std::string>& headers,
              const std::string& body, int* status);

  Options options_;
  int port_ = 0;
  mutable std::mutex mu_;
  std::vector<Hit> hits_;
  std::multiset<std::string> accepted_;
  int seen_ = 0;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

class SmtpSink {
 public:
  struct Mail {
    std::string mail_from;
    std::vector<std::string> rcpt_tos;
    std::string raw;         // the message as received (headers + QP body)
    std::string subject;     // decoded (RFC 2047)
    std::string body;        // decoded (quoted-printable)
    std::string stafett_id;  // X-Stafett-Id
    std::string auth_user;   // "" when not authenticated
    bool tls = false;
  };

  // Starts smtp_sink.py with extra arguments (e.g. {"--fail-first", "2"}).
  // Fails the current test (ADD_FAILURE) if it does not come up.
  explicit SmtpSink(std::vector<std::string> args = {});
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  bool ok() const { return port_ > 0; }
  int port() const { return port_; }
  std::vector<Mail> Messages() const;

 private:
  std::string dir_;
  std::string out_;
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int port_ = 0;
};

// A self-signed certificate for 127.0.0.1/localhost (openssl CLI), for the
// STARTTLS and HTTPS tests; empty paths if openssl is missing.
struct TestCert {
  std::string cert;
  std::string key;
};
TestCert MakeTestCert(const std::string& dir);

}  // namespace stafett::notify::testing

#endif  // STAFETT_NOTIFY_TEST_RECEIVERS_H_
