// WebOptions: how `stafett serve` meets a browser: which sign-in cookie it
// sets, whether development sign-in exists, and where the app's files are.
// Filled in once by app/cmd_serve.cc (and by tests) and read by the session
// routes (http/session_auth.h) and the static files (http/static_files.h).
//
// Thread-safety: a plain value, immutable after start-up.
#ifndef STAFETT_HTTP_WEB_OPTIONS_H_
#define STAFETT_HTTP_WEB_OPTIONS_H_

#include <string>

namespace stafett::http {

struct WebOptions {
  // The server listens on a loopback address (127.0.0.1, ::1) and speaks
  // plain HTTP: the cookie is `stafett_session` without Secure. Otherwise
  // TLS is terminated in front of us and the cookie is
  // `__Host-stafett_session` with Secure, and the browser's origin is
  // https://HOST.
  bool loopback = true;
  // POST /auth/dev/login and GET /auth/dev/options exist (else 404): only
  // on a loopback listener with a token secret configured (DevLoginAllowed).
  bool dev_login = false;
  // The app's files (`--web`); "" serves none (every such path is 404).
  std::string web_root;
  // npm's node_modules (`--node-modules`); the allow-listed packages are
  // served under /vendor/. "" serves none.
  std::string node_modules;
};

// The rule for `dev_login`: a loopback listener and a token secret.
bool DevLoginAllowed(const std::string& listen_host, bool secret_configured);
// 127.0.0.1 (and 127.0.0.0/8), ::1, localhost.
bool IsLoopbackHost(const std::string& host);

}  // namespace stafett::http

#endif  // STAFETT_HTTP_WEB_OPTIONS_H_
