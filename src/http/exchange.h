// Request and Response as the route handlers see them: plain values with no
// Poco types, so that handlers read as ordinary functions and the Poco
// adapter (server.cc) is the only code that touches sockets.
//
// By the time a handler runs, the adapter has already: bounded and read the
// body, checked the content type of bodies, verified the bearer token
// (`actor`), matched the route (`params`), and assigned `request_id`.
//
// Thread-safety: plain values, one per request.
#ifndef STAFETT_HTTP_EXCHANGE_H_
#define STAFETT_HTTP_EXCHANGE_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "engine/case.h"

namespace stafett::http {

struct Request {
  std::string method;
  std::string path;  // without the query
  // Query parameters, decoded. A repeated name keeps its last value.
  std::map<std::string, std::string> query;
  // Header names lower-cased; a repeated header keeps its last value.
  std::map<std::string, std::string> headers;
  std::string body;
  std::map<std::string, std::string> params;  // from the route pattern
  std::string request_id;
  std::optional<engine::Actor> actor;  // set on every authenticated route
  TimePoint now;                       // one clock reading per request
  // "<home tenant>/<shared service>" when req.actor acts in a served
  // tenant through a shared service (http/scope.h ScopeSharedActor); the
  // access log records it. "" otherwise.
  std::string acting_via{};

  // The header's value or "" (name lower-case).
  std::string Header(std::string_view lower_name) const;
  // The query parameter or nullopt.
  std::optional<std::string> Query(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static Response Json(int status, std::string body);
  // A problem+json answer for a non-ok Status (http/problem.h).
  static Response Problem(const Status& status, std::string_view request_id);
  Response& With(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// What HttpService serves: the Api in production, stubs in server tests.
// Handle may throw; the server's edge answers exceptions (http/server.h).
// Implementations must be safe to call from many threads at once.
class Endpoint {
 public:
  virtual ~Endpoint() = default;
  // Sets `route` to the matched pattern ("" when none) for the access log.
  virtual Response Handle(Request& req, std::string* route) const = 0;
};

}  // namespace stafett::http

#endif  // STAFETT_HTTP_EXCHANGE_H_
