#include "http/static_files.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include <Poco/DeflatingStream.h>

#include "core/sha256.h"

namespace stafett::http {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxFileBytes = 16 * 1024 * 1024;
// Below this, gzip saves less than its headers cost.
constexpr std::size_t kMinGzipBytes = 512;
// The cache holds at most this many files; past it, it starts over.
constexpr std::size_t kMaxCacheEntries = 4096;

struct TypeRow {
  std::string_view ext;
  std::string_view type;
  bool text;
};
constexpr TypeRow kTypes[] = {
    {".html", "text/html; charset=utf-8", true},
    {".js", "text/javascript; charset=utf-8", true},
    {".mjs", "text/javascript; charset=utf-8", true},
    {".css", "text/css; charset=utf-8", true},
    {".json", "application/json", true},
    {".map", "application/json", true},
    {".webmanifest", "application/manifest+json", true},
    {".svg", "image/svg+xml", true},
    {".txt", "text/plain; charset=utf-8", true},
    {".png", "image/png", false},
    {".ico", "image/x-icon", false},
    {".woff2", "font/woff2", false},
};

const TypeRow* TypeOf(std::string_view name) {
  for (const auto& row : kTypes) {
    if (name.size() > row.ext.size() &&
        name.substr(name.size() - row.ext.size()) == row.ext) {
      return &row;
    }
  }
  return nullptr;
}

// Splits a decoded URL path into safe segments, or nullopt.
std::optional<std::vector<std::string>> SafeSegments(std::string_view path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  std::vector<std::string> out;
  path.remove_prefix(1);
  while (true) {
    std::size_t slash = path.find('/');
    std::string_view seg = path.substr(0, slash);
    if (seg.empty() || seg.front() == '.' ||
        seg.find_first_of(std::string_view("\\\0:", 3)) !=
            std::string_view::npos) {
      return std::nullopt;
    }
    out.emplace_back(seg);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool AcceptsGzip(const Request& req) {
  // A token list; "gzip;q=0" is rare enough to treat as acceptance being
  // refused only when spelt exactly so.
  std::string v = req.Header("accept-encoding");
  for (auto& c : v) c = static_cast<char>(std::tolower(c));
  if (v.find("gzip") == std::string::npos) return false;
  return v.find("gzip;q=0") == std::string::npos ||
         v.find("gzip;q=0.") != std::string::npos;
}

bool IfNoneMatch(const Request& req, const std::string& etag) {
  const std::string v = req.Header("if-none-match");
  if (v.empty()) return false;
  if (v == "*") return true;
  // A list of (possibly weak) tags.
  std::size_t pos = 0;
  while (pos < v.size()) {
    std::size_t comma = v.find(',', pos);
    std::string tag = v.substr(
        pos, comma == std::string::npos ? std::string::npos : comma - pos);
    while (!tag.empty() && tag.front() == ' ') tag.erase(0, 1);
    while (!tag.empty() && tag.back() == ' ') tag.pop_back();
    if (tag.rfind("W/", 0) == 0) tag.erase(0, 2);
    if (tag == etag) return true;
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return false;
}

std::string Gzip(const std::string& data) {
  std::ostringstream out;
  {
    Poco::DeflatingOutputStream z(out, Poco::DeflatingStreamBuf::STREAM_GZIP,
                                  9);
    z.write(data.data(), static_cast<std::streamsize>(data.size()));
    z.close();
  }
  return out.str();
}

// The real path of root/segments if it is a regular file inside root's real
// path (symlinks resolved); "" otherwise.
std::string Resolve(const std::string& root,
                    const std::vector<std::string>& segments,
                    std::size_t first) {
  if (root.empty()) return "";
  std::error_code ec;
  fs::path real_root = fs::canonical(root, ec);
  if (ec) return "";
  fs::path p = real_root;
  for (std::size_t i = first; i < segments.size(); ++i) p /= segments[i];
  fs::path real = fs::canonical(p, ec);
  if (ec) return "";
  // Inside the root: the root's components are a prefix of the file's.
  auto r = real_root.begin();
  auto f = real.begin();
  for (; r != real_root.end(); ++r, ++f) {
    if (f == real.end() || *r != *f) return "";
  }
  if (!fs::is_regular_file(real, ec) || ec) return "";
  return real.string();
}

}  // namespace

struct StaticFiles::Entry {
  std::uintmax_t size = 0;
  fs::file_time_type mtime;
  std::string content_type;
  std::string etag;  // strong, of the identity body
  std::string body;
  std::string gzip;  // "" when not worth it
};

std::string StaticContentType(std::string_view file_name) {
  const TypeRow* row = TypeOf(file_name);
  return row ? std::string(row->type) : std::string();
}

StaticFiles::StaticFiles(WebOptions options) : options_(std::move(options)) {}
StaticFiles::~StaticFiles() = default;

std::shared_ptr<const StaticFiles::Entry> StaticFiles::Load(
    const std::string& real_path, std::string_view content_type) const {
  std::error_code ec;
  const auto size = fs::file_size(real_path, ec);
  if (ec || size > kMaxFileBytes) return nullptr;
  const auto mtime = fs::last_write_time(real_path, ec);
  if (ec) return nullptr;
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(real_path);
    if (it != cache_.end() && it->second->size == size &&
        it->second->mtime == mtime) {
      return it->second;
    }
  }
  std::ifstream in(real_path, std::ios::binary);
  if (!in) return nullptr;
  auto e = std::make_shared<Entry>();
  e->body.assign(std::istreambuf_iterator<char>(in),
                 std::istreambuf_iterator<char>());
  e->size = size;
  e->mtime = mtime;
  e->content_type = std::string(content_type);
  e->etag = "\"" + Sha256Hex(e->body).substr(0, 32) + "\"";
  const TypeRow* row = TypeOf(real_path);
  if (row && row->text && e->body.size() >= kMinGzipBytes) {
    std::string z = Gzip(e->body);
    if (z.size() < e->body.size()) e->gzip = std::move(z);
  }
  std::lock_guard lock(mu_);
  if (cache_.size() >= kMaxCacheEntries) cache_.clear();
  cache_[real_path] = e;
  return e;
}

std::optional<Response> StaticFiles::Serve(const Request& req) const {
  if (req.method != "GET") return std::nullopt;
  std::string path = req.path == "/" ? "/index.html" : req.path;
  auto segments = SafeSegments(path);
  if (!segments) return std::nullopt;

  std::string real;
  if ((*segments)[0] == "vendor") {
    // /vendor/PKG/... or /vendor/@scope/PKG/...
    std::size_t pkg_len = 0;
    std::string pkg;
    if (segments->size() >= 3 && (*segments)[1].front() != '@') {
      pkg = (*segments)[1];
      pkg_len = 1;
    } else if (segments->size() >= 4) {
      pkg = (*segments)[1] + "/" + (*segments)[2];
      pkg_len = 2;
    }
    bool allowed = false;
    for (auto p : kVendorPackages) allowed = allowed || pkg == p;
    if (!allowed || options_.node_modules.empty()) return std::nullopt;
    real = Resolve(options_.node_modules + "/" + pkg, *segments, 1 + pkg_len);
  } else {
    real = Resolve(options_.web_root, *segments, 0);
  }
  if (real.empty()) return std::nullopt;
  const std::string type = StaticContentType(real);
  if (type.empty()) return std::nullopt;
  auto entry = Load(real, type);
  if (!entry) return std::nullopt;

  const bool gz = !entry->gzip.empty() && AcceptsGzip(req);
  // A different representation needs a different strong tag.
  const std::string etag =
      gz ? entry->etag.substr(0, entry->etag.size() - 1) + "-gz\""
         : entry->etag;
  Response r;
  r.content_type = entry->content_type;
  r.With("ETag", etag);
  r.With("Cache-Control", "no-cache");
  if (!entry->gzip.empty()) r.With("Vary", "Accept-Encoding");
  if (IfNoneMatch(req, etag)) {
    r.status = 304;
    return r;
  }
  r.status = 200;
  if (gz) {
    r.With("Content-Encoding", "gzip");
    r.body = entry->gzip;
  } else {
    r.body = entry->body;
  }
  return r;
}

}  // namespace stafett::http
