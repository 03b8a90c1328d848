#include "http/edge_connection.h"

#include <atomic>
#include <memory>

#include <Poco/Delegate.h>
#include <Poco/Mutex.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Timestamp.h>

#include "core/ids.h"
#include "http/exchange.h"
#include "http/server.h"

namespace stafett::http {
namespace {

constexpr std::size_t kDrainLimit = 1024 * 1024;

class EdgeConnection final : public Poco::Net::TCPServerConnection {
 public:
  EdgeConnection(const Poco::Net::StreamSocket& socket,
                 Poco::Net::HTTPServerParams::Ptr params,
                 Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                 EdgeConnectionFactory& owner)
      : TCPServerConnection(socket),
        params_(std::move(params)),
        factory_(std::move(factory)),
        owner_(owner) {
    owner_.server_stopped += Poco::delegate(this, &EdgeConnection::OnStopped);
  }
  ~EdgeConnection() override {
    try {
      owner_.server_stopped -= Poco::delegate(this, &EdgeConnection::OnStopped);
    } catch (...) {
    }
  }

  void run() override {
    using Poco::Net::HTTPResponse;
    const std::string server = params_->getSoftwareVersion();
    Poco::Net::HTTPServerSession session(socket(), params_);
    while (!stopped_ && session.hasMoreRequests()) {
      try {
        Poco::FastMutex::ScopedLock lock(mutex_);
        if (stopped_) break;
        Poco::Net::HTTPServerResponseImpl response(session);
        Poco::Net::HTTPServerRequestImpl request(response, session,
                                                 params_.get());
        response.setDate(Poco::Timestamp());
        response.setVersion(request.getVersion());
        response.setKeepAlive(params_->getKeepAlive() &&
                              request.getKeepAlive() && session.canKeepAlive());
        if (!server.empty()) response.set("Server", server);
        try {
          std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
              factory_->createRequestHandler(request));
          if (request.getExpectContinue() &&
              response.getStatus() == HTTPResponse::HTTP_OK) {
            response.sendContinue();
          }
          handler->handleRequest(request, response);
          session.setKeepAlive(params_->getKeepAlive() &&
                               response.getKeepAlive() &&
                               session.canKeepAlive());
        } catch (const Poco::Exception&) {
          if (!response.sent()) {
            try {
              SendProblem(session, Status(Code::kInternal, "Noe gikk galt."));
            } catch (...) {
            }
          }
          throw;
        }
      } catch (const Poco::Net::NoMessageException&) {
        break;
      } catch (const Poco::Net::MessageException& e) {
        SendHeadProblem(session, e);
        break;
      } catch (const Poco::Exception&) {
        if (session.networkException()) {
          session.networkException()->rethrow();
        }
        throw;
      }
    }
  }

 private:
  void OnStopped(const bool& abort_current) {
    stopped_ = true;
    if (abort_current) {
      try {
        socket().shutdown();
      } catch (...) {
      }
    } else {
      Poco::FastMutex::ScopedLock lock(mutex_);
      try {
        socket().shutdown();
      } catch (...) {
      }
    }
  }

  void SendHeadProblem(Poco::Net::HTTPServerSession& session,
                       const Poco::Net::MessageException& e) {
    const bool value_too_long =
        e.message().find("Field value too long") != std::string::npos;
    Status status =
        value_too_long
            ? Status(Code::kUnauthenticated,
                     "Et felt i forespørselen er for langt (høyst 8 KiB), "
                     "vanligvis Authorization eller Cookie. Send ett gyldig "
                     "token (Authorization: Bearer <token>), eller logg inn "
                     "på nytt.")
            : Status(Code::kBadRequest,
                     "Forespørselen kan ikke leses: første linje eller "
                     "feltene i den er ugyldige eller for mange.");
    try {
      SendProblem(session, status);
    } catch (...) {
      return;
    }
    // Drain what is left of the head so that closing does not reset the
    // connection before the client has read the answer.
    try {
      socket().shutdownSend();
      socket().setReceiveTimeout(Poco::Timespan(1, 0));
      char buf[8192];
      std::size_t total = 0;
      while (total < kDrainLimit) {
        int n = socket().receiveBytes(buf, sizeof buf);
        if (n <= 0) break;
        total += static_cast<std::size_t>(n);
      }
    } catch (...) {
    }
  }

  void SendProblem(Poco::Net::HTTPServerSession& session,
                   const Status& status) {
    const Response r = Response::Problem(status, NewId());
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setStatusAndReason(
        static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status));
    response.setContentType(r.content_type);
    for (const auto& [name, value] : r.headers) response.set(name, value);
    if (status.code() == Code::kUnauthenticated &&
        !response.has("WWW-Authenticate")) {
      response.set("WWW-Authenticate", "Bearer realm=\"stafett\"");
    }
    response.set("Cache-Control", "no-store");
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Content-Security-Policy",
                 std::string(kContentSecurityPolicy));
    response.set("Referrer-Policy", "no-referrer");
    response.setKeepAlive(false);
    // Not sendBuffer: it writes the body only for an attached request, and
    // there is none when the head could not be read.
    response.setContentLength64(static_cast<Poco::Int64>(r.body.size()));
    std::ostream& out = response.send();
    out.write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
    out.flush();
    session.setKeepAlive(false);
  }

  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  EdgeConnectionFactory& owner_;
  Poco::FastMutex mutex_;
  std::atomic<bool> stopped_{false};
};

}  // namespace

EdgeConnectionFactory::EdgeConnectionFactory(
    Poco::Net::HTTPServerParams::Ptr params,
    Poco::Net::HTTPRequestHandlerFactory::Ptr factory)
    : params_(std::move(params)), factory_(std::move(factory)) {}

Poco::Net::TCPServerConnection* EdgeConnectionFactory::createConnection(
    const Poco::Net::StreamSocket& socket) {
  return new EdgeConnection(socket, params_, factory_, *this);
}

void EdgeConnectionFactory::StopAll(bool abort_current) {
  server_stopped.notify(this, abort_current);
}

}  // namespace stafett::http
