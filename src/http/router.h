// Router: matches (method, path) against a fixed table of path patterns such
// as "/api/v1/cases/{id}/log". A `{name}` segment matches one non-empty path
// segment and is returned as a parameter; everything else matches literally.
// No normalisation: "/api/v1/cases/" is not "/api/v1/cases".
//
// The table is built once at start-up (Add) and then only read (Match), so
// one Router may be shared by all server threads without locking.
//
// Pure: no Poco, no I/O.
#ifndef STAFETT_HTTP_ROUTER_H_
#define STAFETT_HTTP_ROUTER_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace stafett::http {

struct RouteMatch {
  enum class Result { kFound, kNotFound, kMethodNotAllowed };
  Result result = Result::kNotFound;
  int route = -1;       // kFound: the index from Add
  std::string pattern;  // kFound: e.g. "/api/v1/cases/{id}"
  std::map<std::string, std::string> params;  // kFound: {id} -> value
  std::string allow;  // kMethodNotAllowed: "GET, POST" (Allow header)
};

class Router {
 public:
  // Registers a route and returns its index (0, 1, ...). Adding the same
  // method and pattern twice is a programming error (the first one wins).
  int Add(std::string method, std::string pattern);

  // `path` without the query string. kMethodNotAllowed when some route has
  // the path but none has the method.
  RouteMatch Match(std::string_view method, std::string_view path) const;

  // Every registered (method, pattern), in registration order (openapi
  // consistency tests use this).
  struct Entry {
    std::string method;
    std::string pattern;
  };
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
  std::vector<std::vector<std::string>> segments_;  // per entry
};

// Splits "/a/b/c" into {"a","b","c"}; "/" gives {}. An empty segment ("//")
// is kept as "" so that it never matches a parameter.
std::vector<std::string> SplitPath(std::string_view path);

}  // namespace stafett::http

#endif  // STAFETT_HTTP_ROUTER_H_
