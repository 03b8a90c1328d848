// EdgeConnectionFactory: Poco's HTTPServerConnection, except that a request
// whose header cannot be read is answered with problem+json instead of
// Poco's bare "400 Bad Request".
//
// Poco 1.11 reads each header field into at most 8 KiB (MessageHeader::
// MAX_VALUE_LENGTH, not configurable) and answers anything longer, or any
// malformed request line, with an empty 400 before a handler exists. A
// 100 KB Authorization header is the common case (a token pasted twice, a
// cookie jar gone wild); the caller should learn that authentication failed
// and what to do, as every other answer says. So:
//   - a header value over the bound: 401 problem+json (code
//     "unauthenticated", WWW-Authenticate: Bearer), since the fields that
//     grow that long are the credentials (Authorization, Cookie);
//   - any other unreadable request head (bad request line, too many
//     fields, a name over 256 bytes): 400 problem+json.
// The connection is then closed; up to 1 MiB of the unread head is drained
// first so that the client receives the answer rather than a reset.
//
// Everything else is Poco 1.11's HTTPServerConnection::run: keep-alive,
// 100-continue, the Date and Server headers, and stopAll(abortCurrent),
// which TcpEdgeServer::StopAll forwards to every open connection.
//
// Thread-safety: the factory is shared by the TCPServer's threads; each
// connection runs on one.
#ifndef STAFETT_HTTP_EDGE_CONNECTION_H_
#define STAFETT_HTTP_EDGE_CONNECTION_H_

#include <Poco/BasicEvent.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

namespace stafett::http {

class EdgeConnectionFactory final
    : public Poco::Net::TCPServerConnectionFactory {
 public:
  EdgeConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                        Poco::Net::HTTPRequestHandlerFactory::Ptr factory);

  Poco::Net::TCPServerConnection* createConnection(
      const Poco::Net::StreamSocket& socket) override;

  // Like HTTPServer::stopAll after TCPServer::stop: each open connection
  // finishes its current request (abort_current false) and closes.
  void StopAll(bool abort_current);

  Poco::BasicEvent<const bool> server_stopped;

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
};

}  // namespace stafett::http

#endif  // STAFETT_HTTP_EDGE_CONNECTION_H_
