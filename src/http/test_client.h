// Test support: speaking HTTP to a real server over real sockets.
//
// Client::Call opens a fresh connection per call (Poco HTTPClientSession),
// so tests never depend on keep-alive state; Raw writes bytes as given and
// reads the answer, for requests no well-behaved client would send.
//
// Thread-safety: a Client is a value holding only the port; calls from many
// threads each use their own session.
#ifndef STAFETT_HTTP_TEST_CLIENT_H_
#define STAFETT_HTTP_TEST_CLIENT_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <Poco/JSON/Object.h>

namespace stafett::http::testing {

struct Reply {
  int status = 0;                              // 0 when no HTTP answer arrived
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string error;  // why status is 0

  std::string Header(const std::string& lower_name) const;
  // The body as a JSON object; null when it is not one.
  Poco::JSON::Object::Ptr Json() const;
  // Shorthands into Json() (empty / -1 when absent).
  std::string Str(const std::string& key) const;
  long long Int(const std::string& key) const;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

class Client {
 public:
  explicit Client(std::uint16_t port) : port_(port) {}

  Reply Call(const std::string& method, const std::string& path,
             const Headers& headers = {}, const std::string& body = "",
             const std::string& content_type = "application/json") const;
  Reply Get(const std::string& path, const std::string& token) const;
  Reply Post(const std::string& path, const std::string& token,
             const std::string& body, Headers extra = {}) const;

  // Sends `bytes` on a new connection, half-closes, and parses the first
  // HTTP response that comes back.
  Reply Raw(const std::string& bytes) const;

  std::uint16_t port() const { return port_; }

 private:
  std::uint16_t port_;
};

}  // namespace stafett::http::testing

#endif  // STAFETT_HTTP_TEST_CLIENT_H_
