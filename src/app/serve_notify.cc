#include "app/serve_notify.h"

#include <cstdlib>
#include <map>

namespace stafett::app {

const char kNotifyUsage[] =
    "Varsler (e-post og webhooker) og frister:\n"
    "  --notify on|off         STAFETT_NOTIFY          (standard on)\n"
    "  --public-url URL        STAFETT_PUBLIC_URL      lenker i varslene\n"
    "  --smtp-host VERT        STAFETT_SMTP_HOST       uten: ingen e-post\n"
    "  --smtp-port N           STAFETT_SMTP_PORT       (25, 587 med STARTTLS)\n"
    "  --smtp-from ADRESSE     STAFETT_SMTP_FROM       avsender\n"
    "  --smtp-user BRUKER      STAFETT_SMTP_USER       passordet leses fra\n"
    "                                                  STAFETT_SMTP_PASSWORD\n"
    "  --smtp-auth plain|login STAFETT_SMTP_AUTH       (standard plain)\n"
    "  --smtp-starttls         STAFETT_SMTP_STARTTLS=1 krev kryptering\n"
    "  --smtp-ca-file FIL      STAFETT_SMTP_CA_FILE\n"
    "  --webhook-timeout S     STAFETT_WEBHOOK_TIMEOUT (standard 10)\n"
    "  --webhook-ca-file FIL   STAFETT_WEBHOOK_CA_FILE\n"
    "  --worker-id ID          STAFETT_WORKER_ID       (vert:pid:tilfeldig)\n"
    "  --lease S               STAFETT_NOTIFY_LEASE    (standard 60)\n"
    "  --poll-ms N             STAFETT_NOTIFY_POLL_MS  (standard 1000)\n"
    "  --max-attempts N        STAFETT_NOTIFY_MAX_ATTEMPTS (standard 8)\n"
    "  --retry-base-ms N       STAFETT_NOTIFY_RETRY_BASE_MS (standard 5000)\n"
    "  --retry-max-ms N        STAFETT_NOTIFY_RETRY_MAX_MS (standard 900000)\n"
    "  Metrikker (GET /metrics) krever STAFETT_METRICS_TOKEN (minst 32 "
    "tegn).\n";

namespace {

struct Binding {
  const char* flag;
  const char* env;
  std::string NotifyConfig::*field;
};

const Binding kBindings[] = {
    {"--notify", "STAFETT_NOTIFY", &NotifyConfig::enabled},
    {"--public-url", "STAFETT_PUBLIC_URL", &NotifyConfig::public_url},
    {"--smtp-host", "STAFETT_SMTP_HOST", &NotifyConfig::smtp_host},
    {"--smtp-port", "STAFETT_SMTP_PORT", &NotifyConfig::smtp_port},
    {"--smtp-from", "STAFETT_SMTP_FROM", &NotifyConfig::smtp_from},
    {"--smtp-user", "STAFETT_SMTP_USER", &NotifyConfig::smtp_user},
    {nullptr, "STAFETT_SMTP_PASSWORD", &NotifyConfig::smtp_password},
    {"--smtp-auth", "STAFETT_SMTP_AUTH", &NotifyConfig::smtp_auth},
    {"--smtp-starttls", "STAFETT_SMTP_STARTTLS", &NotifyConfig::smtp_starttls},
    {"--smtp-ca-file", "STAFETT_SMTP_CA_FILE", &NotifyConfig::smtp_ca_file},
    {"--webhook-timeout", "STAFETT_WEBHOOK_TIMEOUT",
     &NotifyConfig::webhook_timeout},
    {"--webhook-ca-file", "STAFETT_WEBHOOK_CA_FILE",
     &NotifyConfig::webhook_ca_file},
    {"--worker-id", "STAFETT_WORKER_ID", &NotifyConfig::worker_id},
    {"--lease", "STAFETT_NOTIFY_LEASE", &NotifyConfig::lease},
    {"--poll-ms", "STAFETT_NOTIFY_POLL_MS", &NotifyConfig::poll_ms},
    {"--max-attempts", "STAFETT_NOTIFY_MAX_ATTEMPTS",
     &NotifyConfig::max_attempts},
    {"--retry-base-ms", "STAFETT_NOTIFY_RETRY_BASE_MS",
     &NotifyConfig::retry_base_ms},
    {"--retry-max-ms", "STAFETT_NOTIFY_RETRY_MAX_MS",
     &NotifyConfig::retry_max_ms},
};

Result<long> Number(const std::string& text, const char* flag, long min,
                    long max) {
  char* end = nullptr;
  long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < min || v > max) {
    return Status::Invalid(std::string(flag) + " må være et heltall fra " +
                               std::to_string(min) + " til " +
                               std::to_string(max) + ", fant «" + text + "»",
                           flag);
  }
  return v;
}

bool Truthy(const std::string& v) {
  return v == "1" || v == "on" || v == "true" || v == "yes" || v == "ja";
}

}  // namespace

void NotifyConfigFromEnv(NotifyConfig* cfg) {
  for (const auto& b : kBindings) {
    if (const char* v = std::getenv(b.env); v != nullptr && *v != '\0') {
      cfg->*b.field = v;
    }
  }
}

std::string* NotifyFlag(const std::string& flag, NotifyConfig* cfg,
                        bool* takes_value) {
  *takes_value = true;
  if (flag == "--smtp-starttls") {
    *takes_value = false;
    cfg->smtp_starttls = "1";
    return &cfg->smtp_starttls;
  }
  for (const auto& b : kBindings) {
    if (b.flag != nullptr && flag == b.flag) return &(cfg->*b.field);
  }
  return nullptr;
}

// The catalog as the notifier sees it.
class NotifyService::CatalogDirectory final : public notify::Directory {
 public:
  explicit CatalogDirectory(const http::RoutineCatalog& c) : catalog_(c) {}
  std::vector<std::shared_ptr<const routine::Routine>> ForTenant(
      const std::string& tenant) const override {
    return catalog_.ForTenant(tenant);
  }
  std::shared_ptr<const routine::Routine> Pinned(
      const std::string& tenant, const std::string& hash) const override {
    return catalog_.Pinned(tenant, hash);
  }

 private:
  const http::RoutineCatalog& catalog_;
};

Result<std::unique_ptr<NotifyService>> NotifyService::Create(
    const NotifyConfig& cfg, const std::string& listen, store::Database& db,
    store::CaseStore& store, const http::RoutineCatalog& catalog,
    const std::vector<std::shared_ptr<const routine::Routine>>& routines,
    const Clock& clock, http::Log& log) {
  std::unique_ptr<NotifyService> s(new NotifyService);
  if (cfg.enabled == "off") {
    log.Info("notify_off", "varsler og frister er slått av (--notify off)");
    return s;
  }
  if (cfg.enabled != "on") {
    return Status::Invalid("--notify må være on eller off", "--notify");
  }
  notify::NotifierOptions o;
  o.worker_id = cfg.worker_id;
  o.public_url = cfg.public_url.empty() ? "http://" + listen : cfg.public_url;
  auto lease = Number(cfg.lease, "--lease", 5, 3600);
  auto poll = Number(cfg.poll_ms, "--poll-ms", 10, 60000);
  auto attempts = Number(cfg.max_attempts, "--max-attempts", 1, 100);
  auto base = Number(cfg.retry_base_ms, "--retry-base-ms", 1, 3600000);
  auto cap = Number(cfg.retry_max_ms, "--retry-max-ms", 1, 86400000);
  auto timeout = Number(cfg.webhook_timeout, "--webhook-timeout", 1, 300);
  for (const Result<long>* r :
       {&lease, &poll, &attempts, &base, &cap, &timeout}) {
    if (!r->ok()) return r->status();
  }
  o.lease = std::chrono::seconds(*lease);
  o.poll_interval = Millis(*poll);
  o.retry.max_attempts = static_cast<int>(*attempts);
  o.retry.base_delay = Millis(*base);
  o.retry.max_delay = Millis(std::max(*base, *cap));
  if (o.lease < 3 * std::chrono::seconds(*timeout)) {
    return Status::Invalid(
        "--lease må være minst tre ganger --webhook-timeout, så en "
        "levering ikke overlever sin egen lease",
        "--lease");
  }

  s->ssl_ = std::make_unique<notify::SslScope>();
  s->webhooks_ =
      std::make_unique<notify::PocoWebhookSender>(notify::WebhookOptions{
          std::chrono::seconds(*timeout), cfg.webhook_ca_file});
  if (!cfg.smtp_host.empty()) {
    notify::SmtpOptions m;
    m.host = cfg.smtp_host;
    m.starttls = Truthy(cfg.smtp_starttls);
    auto port = Number(
        cfg.smtp_port.empty() ? (m.starttls ? "587" : "25") : cfg.smtp_port,
        "--smtp-port", 1, 65535);
    if (!port.ok()) return port.status();
    m.port = static_cast<int>(*port);
    m.from = cfg.smtp_from;
    if (m.from.find('@') == std::string::npos) {
      return Status::Invalid(
          "--smtp-from (avsenderadressen) må settes når --smtp-host er satt",
          "--smtp-from");
    }
    m.user = cfg.smtp_user;
    m.password = cfg.smtp_password;
    if (cfg.smtp_auth != "plain" && cfg.smtp_auth != "login") {
      return Status::Invalid("--smtp-auth må være plain eller login",
                             "--smtp-auth");
    }
    m.auth = cfg.smtp_auth;
    m.ca_file = cfg.smtp_ca_file;
    if (!m.user.empty() && !m.starttls && m.host != "127.0.0.1" &&
        m.host != "localhost") {
      log.Info("smtp_plaintext_auth",
               "ADVARSEL: SMTP-passordet sendes uten STARTTLS til " + m.host);
    }
    s->mail_ = std::make_unique<notify::SmtpSender>(m);
  } else {
    log.Info("smtp_off",
             "ingen --smtp-host: e-postvarsler feiler til SMTP er satt opp");
  }

  // Tell the operator now, not at the first failed webhook.
  auto secrets = notify::EnvironmentSecrets();
  for (const auto& r : routines) {
    for (const auto& svc : r->services) {
      for (const auto* ch : {&svc.channels, &svc.leader}) {
        if (!ch->webhook_url.empty() && !secrets(ch->webhook_secret_env)) {
          log.Error("webhook_secret_missing", "",
                    r->tenant + "/" + svc.id + ": miljøvariabelen " +
                        ch->webhook_secret_env +
                        " er ikke satt; webhookene til tjenesten feiler "
                        "(de sendes aldri usignert)");
        }
      }
    }
  }

  s->directory_ = std::make_unique<CatalogDirectory>(catalog);
  http::Log* lg = &log;
  notify::LogSink sink = [lg](notify::LogLevel level, const std::string& event,
                              const std::string& message) {
    if (level == notify::LogLevel::kError) {
      lg->Error(event, "", message);
    } else {
      lg->Info(event, message);
    }
  };
  if (db.dialect() == store::Dialect::kSqlite) {
    log.Info("notify_sqlite",
             "SQLite: én varselarbeider i denne prosessen; kjør én stafett "
             "serve per databasefil");
  }
  s->notifier_ = std::make_unique<notify::Notifier>(
      db, store, *s->directory_, secrets, s->webhooks_.get(), s->mail_.get(),
      clock, o, sink);
  return s;
}

NotifyService::~NotifyService() { Stop(); }

void NotifyService::Start() {
  if (notifier_) notifier_->Start();
}

void NotifyService::Stop() {
  if (notifier_) notifier_->Stop();
}

}  // namespace stafett::app
