#include "http/exchange.h"

#include "http/problem.h"

namespace stafett::http {

std::string Request::Header(std::string_view lower_name) const {
  auto it = headers.find(std::string(lower_name));
  return it == headers.end() ? std::string() : it->second;
}

std::optional<std::string> Request::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

Response Response::Json(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Response::Problem(const Status& status, std::string_view request_id) {
  Response r;
  r.status = HttpStatusFor(status.ok() ? Code::kInternal : status.code());
  r.content_type = std::string(kProblemContentType);
  r.body = ProblemJson(status, request_id);
  // 401 must say how to authenticate (RFC 9110 §11.6.1).
  if (status.code() == Code::kUnauthenticated) {
    r.With("WWW-Authenticate", "Bearer realm=\"stafett\"");
  }
  return r;
}

}  // namespace stafett::http
