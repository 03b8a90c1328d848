// The configuration of `stafett serve`: flags, each also from the
// environment (the flag wins), read and checked before anything starts
// (app/cmd_serve.cc lists them; the notifier's are app/serve_notify.h).
//
// Thread-safety: ParseServeConfig reads the environment; call it from the
// main thread before any other thread exists.
#ifndef STAFETT_APP_SERVE_CONFIG_H_
#define STAFETT_APP_SERVE_CONFIG_H_

#include <cstdint>
#include <optional>
#include <string>

#include "app/commands.h"
#include "app/serve_notify.h"

namespace stafett::app {

struct ServeConfig {
  // As given (flag or environment), or the default.
  std::string listen = "127.0.0.1:8080";
  std::string db = "sqlite:stafett.db";
  std::string routines = "workflows/";
  std::string threads = "16";
  std::string web = "web/";
  std::string node_modules;  // "": beside the web folder
  std::string identity;
  std::string public_url;
  bool dev_secret = false;
  bool reuse_port = false;
  NotifyConfig notify;
  // Checked and derived by ParseServeConfig.
  std::string host;  // of `listen`
  std::uint16_t port = 0;
  int thread_count = 16;
  std::string secret;  // the token secret; the development one only with
                       // --insecure-dev-secret on a loopback listener
};

// Reads the environment, then `args`, into `*out`. nullopt: start. Else the
// exit code, after the message: 0 after --help (usage on stdout), 2 for an
// unknown flag, a missing value, a bad listen address or thread count, or
// a missing or weak token secret (on stderr, in bokmål).
std::optional<int> ParseServeConfig(const Args& args, ServeConfig* out);

}  // namespace stafett::app

#endif  // STAFETT_APP_SERVE_CONFIG_H_
