#include "notify/senders.h"

#include <atomic>
#include <memory>
#include <mutex>

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>

namespace stafett::notify {

namespace {

Poco::Timespan Span(Millis ms) {
  return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms.count()) *
                        1000);
}

std::string Seconds(Millis ms) {
  return std::to_string((ms.count() + 999) / 1000) + " s";
}

// A client context that verifies the server: the given CA file, or the
// system's CAs. Hostnames are checked by Poco's SecureSocketImpl.
Poco::Net::Context::Ptr ClientContext(const std::string& ca_file) {
  Poco::Net::Context::Ptr ctx = new Poco::Net::Context(
      Poco::Net::Context::TLS_CLIENT_USE, ca_file,
      Poco::Net::Context::VERIFY_RELAXED, 9, /*loadDefaultCAs=*/ca_file.empty(),
      "HIGH:!aNULL:!MD5:!RC4");
  ctx->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
  return ctx;
}

// `cached`, built first if it is not yet. Throws what Poco's Context
// throws (a bad CA file); the next call then tries again.
Poco::Net::Context::Ptr SharedContext(std::mutex& mu,
                                      Poco::Net::Context::Ptr& cached,
                                      const std::string& ca_file) {
  std::lock_guard<std::mutex> lock(mu);
  if (cached.isNull()) cached = ClientContext(ca_file);
  return cached;
}

std::mutex ssl_mu;
int ssl_refs = 0;

}  // namespace

SslScope::SslScope() {
  std::lock_guard<std::mutex> lock(ssl_mu);
  if (ssl_refs++ == 0) {
    Poco::Net::initializeSSL();
    // Without this the SSLManager would try to configure itself from a
    // Util::Application. An invalid certificate is always rejected.
    Poco::Net::SSLManager::InvalidCertificateHandlerPtr reject =
        new Poco::Net::RejectCertificateHandler(false);
    // Its default client context is used by nothing (webhooks, SMTP and
    // OIDC pass contexts of their own), so it trusts no CA at all: loading
    // the system's CA bundle for it cost 30-60 ms of every start-up
    // (docs/performance.md). A session that fell back to it would fail
    // verification, never pass it.
    Poco::Net::Context::Ptr unused = new Poco::Net::Context(
        Poco::Net::Context::TLS_CLIENT_USE, "",
        Poco::Net::Context::VERIFY_STRICT, 9, /*loadDefaultCAs=*/false,
        "HIGH:!aNULL:!MD5:!RC4");
    Poco::Net::SSLManager::instance().initializeClient(nullptr, reject, unused);
  }
}

SslScope::~SslScope() {
  std::lock_guard<std::mutex> lock(ssl_mu);
  if (--ssl_refs == 0) Poco::Net::uninitializeSSL();
}

PocoWebhookSender::PocoWebhookSender(WebhookOptions options)
    : options_(std::move(options)) {}

SendResult PocoWebhookSender::Post(
    const std::string& url, const std::map<std::string, std::string>& headers,
    const std::string& body) {
  Poco::URI uri;
  try {
    uri = Poco::URI(url);
  } catch (const Poco::Exception&) {
    return {false, true, "webhook: ugyldig adresse"};
  }
  const std::string scheme = uri.getScheme();
  if ((scheme != "http" && scheme != "https") || uri.getHost().empty()) {
    return {false, true, "webhook: adressen må bruke http:// eller https://"};
  }
  try {
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (scheme == "https") {
      session = std::make_unique<Poco::Net::HTTPSClientSession>(
          uri.getHost(), uri.getPort(),
          SharedContext(context_mu_, context_, options_.ca_file));
    } else {
      session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(),
                                                               uri.getPort());
    }
    session->setTimeout(Span(options_.timeout), Span(options_.timeout),
                        Span(options_.timeout));
    session->setKeepAlive(false);
    std::string path = uri.getPathAndQuery();
    if (path.empty()) path = "/";
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, path,
                               Poco::Net::HTTPMessage::HTTP_1_1);
    req.setContentType("application/json; charset=utf-8");
    req.setContentLength(static_cast<std::streamsize>(body.size()));
    req.set("User-Agent", "Stafett-notifier/1");
    for (const auto& [name, value] : headers) req.set(name, value);
    session->sendRequest(req) << body;
    Poco::Net::HTTPResponse resp;
    std::istream& in = session->receiveResponse(resp);
    // Read (and drop) a bounded amount of the answer so the receiver is not
    // cut off mid-write; its content does not matter.
    char buf[4096];
    std::size_t total = 0;
    while (total < 65536 && in.read(buf, sizeof buf)) total += sizeof buf;
    const int status = static_cast<int>(resp.getStatus());
    if (status >= 200 && status < 300) return {true, false, ""};
    return {false, false,
            "webhook: mottakeren svarte HTTP " + std::to_string(status)};
  } catch (const Poco::TimeoutException&) {
    return {false, false,
            "webhook: tidsavbrudd etter " + Seconds(options_.timeout)};
  } catch (const Poco::Exception& e) {
    return {false, false, "webhook: " + e.displayText()};
  } catch (const std::exception& e) {
    return {false, false, std::string("webhook: ") + e.what()};
  }
}

SmtpSender::SmtpSender(SmtpOptions options) : options_(std::move(options)) {}

SendResult SmtpSender::Send(const std::vector<std::string>& to,
                            const std::string& subject, const std::string& body,
                            const std::map<std::string, std::string>& headers) {
  using Poco::Net::MailMessage;
  using Poco::Net::MailRecipient;
  using Poco::Net::SMTPClientSession;
  if (options_.from.empty()) {
    return {false, true, "e-post: avsenderadresse (--smtp-from) mangler"};
  }
  if (to.empty()) return {false, true, "e-post: ingen mottakere"};
  try {
    MailMessage m;
    m.setSender(options_.from);
    for (const auto& addr : to) {
      m.addRecipient(MailRecipient(MailRecipient::PRIMARY_RECIPIENT, addr));
    }
    m.setSubject(MailMessage::encodeWord(subject, "UTF-8"));
    m.setContentType("text/plain; charset=UTF-8");
    m.setContent(body, MailMessage::ENCODING_QUOTED_PRINTABLE);
    for (const auto& [name, value] : headers) m.set(name, value);

    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress(
                       options_.host, static_cast<Poco::UInt16>(options_.port)),
                   Span(options_.timeout));
    const auto method = options_.auth != "login"
                            ? SMTPClientSession::AUTH_PLAIN
                            : SMTPClientSession::AUTH_LOGIN;
    if (options_.starttls) {
      Poco::Net::SecureSMTPClientSession s(socket);
      s.setTimeout(Span(options_.timeout));
      s.login();
      if (!s.startTLS(SharedContext(context_mu_, context_, options_.ca_file))) {
        s.close();
        return {false, false, "e-post: tjeneren tilbyr ikke STARTTLS"};
      }
      if (options_.user.empty()) {
        s.login();
      } else {
        s.login(method, options_.user, options_.password);
      }
      s.sendMessage(m);
      s.close();
    } else {
      SMTPClientSession s(socket);
      s.setTimeout(Span(options_.timeout));
      if (options_.user.empty()) {
        s.login();
      } else {
        s.login(method, options_.user, options_.password);
      }
      s.sendMessage(m);
      s.close();
    }
    return {true, false, ""};
  } catch (const Poco::TimeoutException&) {
    return {false, false,
            "e-post: tidsavbrudd etter " + Seconds(options_.timeout)};
  } catch (const Poco::Net::SMTPException& e) {
    return {false, false, "e-post: SMTP-feil: " + e.message()};
  } catch (const Poco::Exception& e) {
    return {false, false, "e-post: " + e.displayText()};
  } catch (const std::exception& e) {
    return {false, false, std::string("e-post: ") + e.what()};
  }
}

}  // namespace stafett::notify
