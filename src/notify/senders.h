// The two channels: a webhook POST and an SMTP e-mail. Each send is one
// attempt; the delivery worker decides about retries.
//
// WebhookSender: POST over HTTP or HTTPS (Poco NetSSL; the server
// certificate is verified against the system CAs unless a CA file is
// given). Success is any 2xx answer within the timeout. Anything else (a
// connection error, a timeout, another status) is a failure to retry.
//
// SmtpSender: Poco's SMTPClientSession, or SecureSMTPClientSession when
// STARTTLS is configured (then the session must upgrade, or the attempt
// fails: credentials never travel in clear text when STARTTLS was asked
// for). Authentication (AUTH LOGIN or PLAIN) when a user is configured.
// One message per send, to all of the service's addresses.
//
// Errors: never throw; every failure is a SendResult with a message in
// bokmål for the failed list. `permanent` marks a failure that no retry can
// fix (a bad URL); everything else is transient.
//
// TLS: each sender builds one client context (the CA file, or the system's
// CA bundle) at its first HTTPS post or STARTTLS, and reuses it for every
// later one: reading the system bundle costs tens of milliseconds. A new CA
// file therefore takes effect at the next start. A context that cannot be
// built (an unreadable CA file) fails that attempt and is tried again at the
// next.
//
// Thread-safety: Post and Send may be called from several threads at once;
// each call opens its own connection, and they share the sender's context.
#ifndef STAFETT_NOTIFY_SENDERS_H_
#define STAFETT_NOTIFY_SENDERS_H_

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <Poco/Net/Context.h>

#include "core/time.h"

namespace stafett::notify {

struct SendResult {
  bool ok = false;
  bool permanent = false;
  std::string error;  // "" when ok
};

class WebhookSender {
 public:
  virtual ~WebhookSender() = default;
  virtual SendResult Post(const std::string& url,
                          const std::map<std::string, std::string>& headers,
                          const std::string& body) = 0;
};

class MailSender {
 public:
  virtual ~MailSender() = default;
  // `headers` are extra headers (X-Stafett-Id ...). UTF-8 subject and body.
  virtual SendResult Send(
      const std::vector<std::string>& to, const std::string& subject,
      const std::string& body,
      const std::map<std::string, std::string>& headers) = 0;
};

struct WebhookOptions {
  Millis timeout{10000};  // connect, send and receive, each
  std::string ca_file;    // "" = the system's CAs (HTTPS only)
};

class PocoWebhookSender final : public WebhookSender {
 public:
  explicit PocoWebhookSender(WebhookOptions options = {});
  SendResult Post(const std::string& url,
                  const std::map<std::string, std::string>& headers,
                  const std::string& body) override;

 private:
  WebhookOptions options_;
  std::mutex context_mu_;
  Poco::Net::Context::Ptr context_;  // built at the first HTTPS post
};

struct SmtpOptions {
  std::string host = "127.0.0.1";
  int port = 25;
  std::string from;  // required: the sender address
  std::string user;  // "" = no authentication
  std::string password;
  // "plain" (RFC 4616) or "login". Poco's LOGIN only understands the
  // common "Username:"/"Password:" prompts; PLAIN works everywhere.
  std::string auth = "plain";
  bool starttls = false;
  std::string ca_file;  // "" = the system's CAs (STARTTLS only)
  Millis timeout{20000};
};

class SmtpSender final : public MailSender {
 public:
  explicit SmtpSender(SmtpOptions options);
  SendResult Send(const std::vector<std::string>& to,
                  const std::string& subject, const std::string& body,
                  const std::map<std::string, std::string>& headers) override;

 private:
  SmtpOptions options_;
  std::mutex context_mu_;
  Poco::Net::Context::Ptr context_;  // built at the first STARTTLS
};

// Poco::Net::initializeSSL / uninitializeSSL, reference counted: hold one
// for as long as HTTPS or STARTTLS may be used.
class SslScope {
 public:
  SslScope();
  ~SslScope();
  SslScope(const SslScope&) = delete;
  SslScope& operator=(const SslScope&) = delete;
};

}  // namespace stafett::notify

#endif  // STAFETT_NOTIFY_SENDERS_H_
