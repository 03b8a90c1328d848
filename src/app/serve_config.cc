// Flags and environment of `stafett serve` (app/serve_config.h).
#include "app/serve_config.h"

#include <cstdlib>
#include <iostream>

#include "http/auth.h"
#include "http/server.h"

namespace stafett::app {
namespace {

constexpr char kUsage[] =
    "usage: stafett serve [--listen VERT:PORT] [--db URL] [--routines MAPPE]\n"
    "                     [--threads N] [--reuse-port] "
    "[--insecure-dev-secret]\n"
    "                     [--web MAPPE] [--node-modules MAPPE]\n"
    "  --listen    STAFETT_LISTEN    (standard 127.0.0.1:8080)\n"
    "  --db        STAFETT_DB        sqlite:FIL, postgresql://... eller\n"
    "                                libpq-conninfo (standard "
    "sqlite:stafett.db)\n"
    "  --routines  STAFETT_ROUTINES  mappe med rutinefiler (standard "
    "workflows/)\n"
    "  --threads   STAFETT_THREADS   HTTP-tråder (standard 16)\n"
    "  --reuse-port STAFETT_REUSE_PORT=1  del porten med andre replikaer på\n"
    "              samme maskin; uten flagget avslutter serve med kode 3 når\n"
    "              porten er i bruk\n"
    "  --web       STAFETT_WEB       mappe med nettappen (standard web/)\n"
    "  --node-modules STAFETT_NODE_MODULES  npm-pakkene (standard\n"
    "                                WEB/../node_modules); bare preact, htm,\n"
    "                                uplot og @digdir/designsystemet-*\n"
    "  --identity  STAFETT_IDENTITY  mappe med identitetsfiler (innlogging\n"
    "                                via kommunens OpenID-tjeneste); krever\n"
    "                                STAFETT_PERSON_KEY (minst 32 tegn)\n"
    "  --public-url STAFETT_PUBLIC_URL adressen nettleseren bruker (for\n"
    "                                innlogging; standard http://LISTEN)\n"
    "  Tokennøkkelen leses fra STAFETT_TOKEN_SECRET (minst 32 tegn).\n"
    "  --insecure-dev-secret  bruk den offentlige utviklingsnøkkelen når\n"
    "              STAFETT_TOKEN_SECRET mangler; bare på 127.0.0.1/::1\n";

void FromEnv(const char* name, std::string* out) {
  if (const char* v = std::getenv(name); v != nullptr && *v != '\0') *out = v;
}

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "::1" || host == "localhost";
}

}  // namespace

std::optional<int> ParseServeConfig(const Args& args, ServeConfig* out) {
  ServeConfig& cfg = *out;
  FromEnv("STAFETT_LISTEN", &cfg.listen);
  FromEnv("STAFETT_DB", &cfg.db);
  FromEnv("STAFETT_ROUTINES", &cfg.routines);
  FromEnv("STAFETT_THREADS", &cfg.threads);
  FromEnv("STAFETT_WEB", &cfg.web);
  FromEnv("STAFETT_NODE_MODULES", &cfg.node_modules);
  FromEnv("STAFETT_IDENTITY", &cfg.identity);
  FromEnv("STAFETT_PUBLIC_URL", &cfg.public_url);
  NotifyConfigFromEnv(&cfg.notify);
  if (const char* v = std::getenv("STAFETT_REUSE_PORT"); v != nullptr) {
    cfg.reuse_port = std::string(v) == "1";
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string* target = nullptr;
    if (a == "-h" || a == "--help") {
      std::cout << kUsage << kNotifyUsage;
      return 0;
    } else if (a == "--insecure-dev-secret") {
      cfg.dev_secret = true;
      continue;
    } else if (a == "--reuse-port") {
      cfg.reuse_port = true;
      continue;
    } else if (a == "--listen") {
      target = &cfg.listen;
    } else if (a == "--db") {
      target = &cfg.db;
    } else if (a == "--routines") {
      target = &cfg.routines;
    } else if (a == "--threads") {
      target = &cfg.threads;
    } else if (a == "--web") {
      target = &cfg.web;
    } else if (a == "--node-modules") {
      target = &cfg.node_modules;
    } else if (a == "--identity") {
      target = &cfg.identity;
    } else if (a == "--public-url") {
      target = &cfg.public_url;
    } else if (bool takes = true;
               std::string* t = NotifyFlag(a, &cfg.notify, &takes)) {
      if (!takes) continue;
      target = t;
    } else {
      std::cerr << "stafett serve: ukjent argument «" << a << "»\n" << kUsage;
      return 2;
    }
    if (i + 1 >= args.size()) {
      std::cerr << "stafett serve: " << a << " mangler verdi\n" << kUsage;
      return 2;
    }
    *target = args[++i];
  }

  auto listen = http::ParseListen(cfg.listen);
  if (!listen.ok()) {
    std::cerr << "stafett serve: " << listen.status().message() << "\n";
    return 2;
  }
  cfg.host = listen->first;
  cfg.port = listen->second;
  const int threads = std::atoi(cfg.threads.c_str());
  if (threads < 2 || threads > 256) {
    std::cerr << "stafett serve: --threads må være mellom 2 og 256\n";
    return 2;
  }
  cfg.thread_count = threads;
  const char* env_secret = std::getenv("STAFETT_TOKEN_SECRET");
  std::string& secret = cfg.secret;
  secret = env_secret ? env_secret : "";
  if (secret.empty()) {
    if (!cfg.dev_secret) {
      std::cerr << "stafett serve: STAFETT_TOKEN_SECRET er ikke satt. Sett en "
                   "hemmelig nøkkel på minst 32 tegn (for eksempel: export "
                   "STAFETT_TOKEN_SECRET=$(openssl rand -hex 32)), eller "
                   "bruk --insecure-dev-secret for lokal utvikling.\n";
      return 2;
    }
    if (!IsLoopback(listen->first)) {
      std::cerr << "stafett serve: --insecure-dev-secret er bare tillatt på "
                   "127.0.0.1 eller ::1\n";
      return 2;
    }
    secret = std::string(http::kInsecureDevSecret);
  }
  if (Status s = http::CheckSecret(secret); !s.ok()) {
    std::cerr << "stafett serve: " << s.message() << "\n";
    return 2;
  }
  return std::nullopt;
}

}  // namespace stafett::app
