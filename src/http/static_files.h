// StaticFiles: the web app's plain files, served by `stafett serve` itself
// from the same origin as the API (docs/web.md, docs/security.md).
//
// What is served (GET only, no authentication: the app is not secret, the
// data is):
//   /                    WebOptions::web_root/index.html
//   /vendor/PKG/PATH     WebOptions::node_modules/PKG/PATH, for the
//                        allow-listed npm packages only (kVendorPackages)
//   /PATH                WebOptions::web_root/PATH
// Refused with 404 (the same answer as an unknown path): a `..` or `.`
// segment (also when written %2e%2e: paths arrive decoded), an empty
// segment, a segment starting with "." (dotfiles), a backslash or NUL, a
// directory (no listings), a file whose real path (symlinks resolved) is
// outside its root, a file type not in the table below, a file over 16 MiB.
//
// Answers: Content-Type by extension (js as text/javascript, css, html,
// json, svg, png, woff2, ico, map, txt, webmanifest); a strong ETag of the
// content (If-None-Match → 304); `Cache-Control: no-cache` (the browser
// revalidates, so a new deployment shows at once); gzip when the client
// accepts it and the type is text (Vary: Accept-Encoding). The security
// headers are added by the server for every answer (http/server.h).
//
// Files are read on request and cached by (path, size, mtime), so edits
// show without a restart.
//
// Thread-safety: Serve may be called from many threads (the cache has its
// own mutex).
#ifndef STAFETT_HTTP_STATIC_FILES_H_
#define STAFETT_HTTP_STATIC_FILES_H_

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "http/exchange.h"
#include "http/web_options.h"

namespace stafett::http {

// The only node_modules packages served under /vendor/.
inline constexpr std::array<std::string_view, 5> kVendorPackages = {
    "preact", "htm", "uplot", "@digdir/designsystemet-css",
    "@digdir/designsystemet-theme"};

// The Content-Type for a file name, or "" when the type is not served.
std::string StaticContentType(std::string_view file_name);

class StaticFiles {
 public:
  explicit StaticFiles(WebOptions options);
  ~StaticFiles();

  // The file's answer, or nullopt when `req` names no servable file (the
  // caller answers 404). Only for GET.
  std::optional<Response> Serve(const Request& req) const;

 private:
  struct Entry;
  std::shared_ptr<const Entry> Load(const std::string& real_path,
                                    std::string_view content_type) const;

  WebOptions options_;
  mutable std::mutex mu_;
  mutable std::map<std::string, std::shared_ptr<const Entry>> cache_;
};

}  // namespace stafett::http

#endif  // STAFETT_HTTP_STATIC_FILES_H_
