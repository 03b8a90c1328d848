// stafett serve: the HTTP service. Configuration comes from flags, each
// also from the environment (the flag wins):
//   --listen    STAFETT_LISTEN    default 127.0.0.1:8080
//   --db        STAFETT_DB        default sqlite:stafett.db
//   --routines  STAFETT_ROUTINES  default workflows/
//   --threads   STAFETT_THREADS   default 16 (HTTP workers)
//   --reuse-port STAFETT_REUSE_PORT=1  share the port with other replicas
//               (SO_REUSEPORT); without it a port in use is exit 3
//   --web       STAFETT_WEB       default web/ (the app's files)
//   --node-modules STAFETT_NODE_MODULES  default WEB/../node_modules
//   (secret)    STAFETT_TOKEN_SECRET, required unless --insecure-dev-secret
//   --identity  STAFETT_IDENTITY  folder of per-tenant identity files
//               (http/identity_config.h); none by default. With it,
//               STAFETT_PERSON_KEY (at least 32 characters) is required.
//   --public-url STAFETT_PUBLIC_URL  the address browsers use (the OIDC
//               redirect URI is this + /auth/callback); default
//               http://LISTEN when listening on loopback
//   notifier flags (SMTP, webhooks, leases): app/serve_notify.h
//
// Start-up: load and validate every routine (any diagnostic = refuse to
// start, exit 1), open the database and apply migrations, store each
// routine version (a stored version number with other content: exit 1),
// serve the newest stored version of each routine, listen. Published
// versions are picked up while running (app/serve_routines.h; poll
// interval STAFETT_ROUTINE_POLL_MS, default 1000). SIGTERM/SIGINT/SIGQUIT stop
// accepting, let the requests in flight finish, and exit 0.
//
// Logs: one JSON object per line on stdout (http/access_log.h); usage and
// configuration errors go to stderr as plain text.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>

#include <Poco/Exception.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>

#include "app/commands.h"
#include "app/file_clock.h"
#include "app/serve_config.h"
#include "app/serve_notify.h"
#include "app/serve_routines.h"
#include "core/sha256.h"
#include "core/time.h"
#include "http/access_log.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/identity_config.h"
#include "http/oidc_login.h"
#include "http/oidc_registry.h"
#include "http/openssl_init.h"
#include "http/person_id.h"
#include "http/routine_catalog.h"
#include "http/server.h"
#include "http/session_auth.h"
#include "http/shared_services.h"
#include "routine/loader.h"
#include "routine/stored.h"
#include "store/access/session_store.h"
#include "store/cases/case_store.h"
#include "store/routines/routine_versions.h"
#include "store/sql/database.h"
#include "store/sql/migrate.h"

namespace stafett::app {
namespace {

// Blocks the termination signals in this thread and so in every thread it
// starts afterwards; the main thread then takes them with sigwait. Without
// this a signal may land on a worker thread whose mask lets it through and
// kill the process mid-request (pocoproject/poco#2978: Poco threads do not
// block SIGINT, std::threads block nothing).
sigset_t BlockTerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGQUIT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

// Idle and slow connections cost a descriptor each, not a thread: allow as
// many as the hard limit lets us (the edge caps connections itself).
void RaiseDescriptorLimit() {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}

}  // namespace

int RunServe(const Args& args) {
  ServeConfig cfg;
  if (std::optional<int> exit_code = ParseServeConfig(args, &cfg)) {
    return *exit_code;
  }
  const std::string& secret = cfg.secret;

  // Before any thread exists (the database pool and the HTTP workers).
  sigset_t signals = BlockTerminationSignals();
  http::KeepOpenSslForProcess();
  RaiseDescriptorLimit();
  http::Log log(&std::cout);

  // Routines first: a broken routine file should stop the start before the
  // database is touched.
  std::vector<std::shared_ptr<const routine::Routine>> routines;
  bool broken = false;
  for (const auto& loaded : routine::LoadRoutineDir(cfg.routines)) {
    for (const auto& d : loaded.diagnostics) {
      std::cerr << d.ToString() << "\n";
      broken = true;
    }
    if (loaded.ok()) routines.push_back(loaded.routine);
  }
  if (broken) {
    std::cerr << "stafett serve: rutinene i " << cfg.routines
              << " har feil; starter ikke\n";
    return 1;
  }
  if (routines.empty()) {
    log.Info("no_routines",
             "ingen rutiner i " + cfg.routines + "; nye saker kan ikke meldes");
  }

  // Identity files next: they name services the routines must have.
  std::string person_key = http::DerivedPersonKey(secret);
  std::vector<http::IdentityConfig> identities;
  if (!cfg.identity.empty()) {
    std::map<std::string, std::set<std::string>> known;
    for (const auto& r : routines) {
      for (const auto& s : r->services) known[r->tenant].insert(s.id);
    }
    std::vector<routine::Diagnostic> diags;
    identities = http::LoadIdentityDir(cfg.identity, &known, &diags);
    for (const auto& d : diags) std::cerr << d.ToString() << "\n";
    if (!diags.empty()) {
      std::cerr << "stafett serve: identitetsfilene i " << cfg.identity
                << " har feil; starter ikke\n";
      return 1;
    }
    const char* key = std::getenv("STAFETT_PERSON_KEY");
    if (key == nullptr || std::string_view(key).size() < 32) {
      std::cerr << "stafett serve: STAFETT_PERSON_KEY (minst 32 tegn) må "
                   "være satt når --identity brukes: den gir hver person en "
                   "stabil, pseudonym id. Bytt den aldri.\n";
      return 2;
    }
    person_key = key;
  } else if (const char* key = std::getenv("STAFETT_PERSON_KEY");
             key != nullptr && *key != '\0') {
    person_key = key;
  }
  // STAFETT_OIDC_MIN_REFRESH_MS: how often an unknown kid may refetch a
  // provider's keys (default 30 s; tests shorten it).
  http::OidcProviderOptions oidc_options;
  if (const char* ms = std::getenv("STAFETT_OIDC_MIN_REFRESH_MS")) {
    const long v = std::atol(ms);
    if (v >= 100 && v <= 3'600'000) {
      oidc_options.min_refresh = std::chrono::milliseconds(v);
    }
  }
  http::IdentityRegistry identity(identities, person_key, oidc_options);
  // Services shared between municipalities, from the same files.
  const http::SharedServices shared(identities);

  store::DatabaseOptions db_options;
  // Every HTTP worker may hold a session, plus background work.
  db_options.pool_size = static_cast<std::size_t>(cfg.thread_count) + 2;
  auto db = store::Database::Open(cfg.db, db_options);
  if (!db.ok()) {
    std::cerr << "stafett serve: " << db.status().message() << "\n";
    return 2;
  }
  store::Database& database = **db;
  auto migrated =
      store::ApplyMigrations(database, store::DefaultMigrationsRoot());
  if (!migrated.ok()) {
    std::cerr << "stafett serve: migrering feilet: "
              << migrated.status().message() << "\n";
    return 3;
  }
  for (const auto& name : migrated->applied) log.Info("migrated", name);
  // A crash of the database server since the last look may have lost the
  // last access-log rows (store/access/access_write.h): say so, once.
  try {
    NoteAccessLogGap(database, log);
  } catch (const std::exception& e) {
    log.Error("access_log_gap", "", e.what());  // the reloader tries again
  }

  // STAFETT_TEST_CLOCK_FILE: the browser tests' injected clock
  // (app/file_clock.h), on a loopback listener only.
  SystemClock system_clock;
  std::unique_ptr<FileClock> file_clock;
  if (const char* f = std::getenv("STAFETT_TEST_CLOCK_FILE");
      f != nullptr && *f != '\0' && http::IsLoopbackHost(cfg.host)) {
    file_clock = std::make_unique<FileClock>(f);
    log.Info("test_clock", std::string("tiden leses fra ") + f);
  }
  const Clock& clock =
      file_clock ? static_cast<const Clock&>(*file_clock) : system_clock;
  store::CaseStore store(database, clock);
  http::RoutineCatalog catalog(
      [&store](const std::string& hash) { return store.RoutineSource(hash); });
  // Files in the routines folder only ADD versions; the newest stored
  // version of each routine is current, whether it came from a file or was
  // published (docs/routine-lifecycle.md). A file that reuses a stored
  // version number with other content is refused: two different "v3"
  // would make cases pinned to v3 ambiguous to the people reading them.
  for (const auto& r : routines) {
    store::Published p =
        store::PublishRoutineVersion(database, *r, clock.Now());
    if (p.result == store::PublishResult::kVersionExists) {
      std::cerr << r->source_name << ": rutinen «" << r->id << "» versjon "
                << r->version
                << " er allerede lagret i databasen med annet innhold "
                   "(sha256 "
                << p.stored.hash.substr(0, 12) << ", lagret "
                << FormatUtc(p.stored.published_at)
                << "). Øk versjonsnummeret i filen (version: " << r->version + 1
                << "), eller sett tilbake teksten som ble lagret.\n"
                << "stafett serve: starter ikke\n";
      return 1;
    }
    // The stored version is this file's text (same hash): the catalogue
    // below takes the routine just loaded instead of reading and parsing
    // the stored text again (half of start-up's YAML work).
    routine::VersionCache::Process().Put(r);
    log.Info(
        "routine_file",
        r->tenant + "/" + r->id + " v" + std::to_string(r->version) + " " +
            r->hash.substr(0, 12) +
            (p.result == store::PublishResult::kCreated ? " (ny)"
                                                        : " (lagret fra før)"));
  }
  int poll_ms = 1000;
  if (const char* v = std::getenv("STAFETT_ROUTINE_POLL_MS")) {
    poll_ms = std::max(50, std::min(60000, std::atoi(v)));
  }
  RoutineReloader reloader(database, catalog, log,
                           std::chrono::milliseconds(poll_ms));
  reloader.ReloadNow();

  // Closing a case dates its purge from the routine's `retention` block.
  store.SetRetention(
      [&catalog](const std::string& tenant, const std::string& routine_id) {
        return store::PolicyFor(catalog.ForTenant(tenant), routine_id);
      });

  http::TokenVerifier verifier(secret);
  verifier.set_person_key(person_key);
  verifier.set_registry(&identity);
  http::ApiDeps deps;
  deps.store = &store;
  deps.routines = &catalog;
  deps.verifier = &verifier;
  deps.clock = &clock;
  deps.log = &log;
  deps.routines_changed = [&reloader] { reloader.ReloadNow(); };
  // Browser sessions: the cookie and, on a loopback listener with a
  // secret, development sign-in (docs/security.md).
  store::SessionStore sessions(database);
  deps.sessions = &sessions;
  if (!shared.empty()) deps.shared = &shared;
  deps.web.loopback = http::IsLoopbackHost(cfg.host);
  deps.web.dev_login = http::DevLoginAllowed(cfg.host, !secret.empty());
  deps.web.web_root = cfg.web;
  deps.web.node_modules = cfg.node_modules.empty()
                              ? cfg.web + "/../node_modules"
                              : cfg.node_modules;
  // Web sign-in through the tenants' providers (http/oidc_login.h). The
  // login cookie's seal key comes from the person key, so every replica
  // can finish a sign-in another one started.
  std::unique_ptr<http::OidcLogin> oidc;
  if (!identity.empty()) {
    std::string public_url = cfg.public_url;
    if (public_url.empty()) {
      if (!deps.web.loopback) {
        std::cerr << "stafett serve: --public-url (STAFETT_PUBLIC_URL) må "
                     "settes når --identity brukes bak en proxy, for "
                     "eksempel https://stafett.kommune.no\n";
        return 2;
      }
      public_url = "http://" + cfg.listen;
    }
    oidc = std::make_unique<http::OidcLogin>(
        identity, HmacSha256Hex(person_key, "stafett login seal v1"),
        public_url, !deps.web.loopback,
        [&sessions, &deps](const http::SignedIn& who,
                           const http::Request& req) -> Result<std::string> {
          // A new sign-in replaces the browser's old session.
          std::string old = http::CookieValue(
              req.Header("cookie"), http::SessionCookieName(deps.web));
          if (!old.empty()) sessions.Revoke(old, req.now);
          store::NewSession n;
          n.tenant = who.actor.tenant;
          n.service = who.actor.service;
          n.role = who.actor.role;
          n.person_id = who.actor.person_id;
          n.source = "oidc";
          auto created = sessions.Create(n, req.now);
          return http::SessionCookie(
              deps.web, created.secret,
              std::chrono::duration_cast<std::chrono::seconds>(
                  sessions.timeouts().absolute)
                  .count());
        });
    std::map<std::pair<std::string, std::string>, std::string> names;
    for (const auto& r : routines) {
      for (const auto& s : r->services) names[{r->tenant, s.id}] = s.name;
    }
    oidc->set_service_names(std::move(names));
    deps.oidc = oidc.get();
    log.Info("oidc", "innlogging for " + std::to_string(identities.size()) +
                         " kommune(r); redirect_uri " + oidc->redirect_uri());
  }
  http::Api api(deps);
  auto notifier = NotifyService::Create(cfg.notify, cfg.listen, database, store,
                                        catalog, routines, clock, log);
  if (!notifier.ok()) {
    std::cerr << "stafett serve: " << notifier.status().message() << "\n";
    return 2;
  }

  http::ServerOptions options;
  options.host = cfg.host;
  options.port = cfg.port;
  options.max_threads = cfg.thread_count;
  options.reuse_port = cfg.reuse_port;
  http::HttpService service(options, api, log);
  try {
    service.Start();
  } catch (const Poco::Exception& e) {
    std::cerr << "stafett serve: kan ikke lytte på " << cfg.listen << ": "
              << e.displayText() << "\n";
    return 3;
  }
  log.Info("listening", options.host + ":" + std::to_string(service.port()) +
                            " db=" + database.url().redacted);
  (*notifier)->Start();
  reloader.Start();
  if (deps.web.dev_login) {
    log.Info("dev_login",
             "utviklingsinnlogging er på (POST /auth/dev/login, bare lokalt)");
  }
  if (secret == http::kInsecureDevSecret) {
    log.Info("insecure_dev_secret",
             "ADVARSEL: den offentlige utviklingsnøkkelen er i bruk");
  }

  int sig = 0;
  while (sigwait(&signals, &sig) != 0) {
  }
  log.Info("stopping", std::string("signal ") + std::to_string(sig) +
                           "; fullfører forespørsler som pågår");
  service.Stop();
  reloader.Stop();
  (*notifier)->Stop();
  log.Info("stopped", "");
  return 0;
}

}  // namespace stafett::app
