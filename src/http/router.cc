#include "http/router.h"

#include <optional>

namespace stafett::http {
namespace {

bool IsParam(const std::string& seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

// Parameters when `segs` matches `pattern`, nullopt otherwise.
std::optional<std::map<std::string, std::string>> MatchSegments(
    const std::vector<std::string>& pattern,
    const std::vector<std::string>& segs) {
  if (pattern.size() != segs.size()) return std::nullopt;
  std::map<std::string, std::string> params;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (IsParam(pattern[i])) {
      if (segs[i].empty()) return std::nullopt;
      params[pattern[i].substr(1, pattern[i].size() - 2)] = segs[i];
    } else if (pattern[i] != segs[i]) {
      return std::nullopt;
    }
  }
  return params;
}

}  // namespace

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> out;
  if (path.empty() || path == "/") return out;
  size_t start = path.front() == '/' ? 1 : 0;
  while (true) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) {
      out.emplace_back(path.substr(start));
      break;
    }
    out.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

int Router::Add(std::string method, std::string pattern) {
  segments_.push_back(SplitPath(pattern));
  entries_.push_back({std::move(method), std::move(pattern)});
  return static_cast<int>(entries_.size()) - 1;
}

RouteMatch Router::Match(std::string_view method, std::string_view path) const {
  RouteMatch m;
  const std::vector<std::string> segs = SplitPath(path);
  for (size_t i = 0; i < entries_.size(); ++i) {
    auto params = MatchSegments(segments_[i], segs);
    if (!params) continue;
    if (entries_[i].method == method) {
      m.result = RouteMatch::Result::kFound;
      m.route = static_cast<int>(i);
      m.pattern = entries_[i].pattern;
      m.params = std::move(*params);
      m.allow.clear();
      return m;
    }
    // The path exists with another method: remember it for Allow.
    if (m.allow.find(entries_[i].method) == std::string::npos) {
      if (!m.allow.empty()) m.allow += ", ";
      m.allow += entries_[i].method;
    }
    m.result = RouteMatch::Result::kMethodNotAllowed;
  }
  return m;
}

}  // namespace stafett::http
