// The notifier inside `stafett serve`: its configuration (flags, each also
// from the environment; the flag wins) and the object that owns the
// senders and the worker threads. Kept out of cmd_serve.cc so that the
// serve command only parses, starts and stops it.
//
//   --notify on|off        STAFETT_NOTIFY            default on
//   --public-url URL       STAFETT_PUBLIC_URL        base of case links in
//                                                    messages (default
//                                                    http://<listen>)
//   --smtp-host HOST       STAFETT_SMTP_HOST         "" = no e-mail
//   --smtp-port N          STAFETT_SMTP_PORT         default 25 (587 with
//                                                    STARTTLS)
//   --smtp-from ADDR       STAFETT_SMTP_FROM         required with a host
//   --smtp-user USER       STAFETT_SMTP_USER         "" = no AUTH
//   (secret)               STAFETT_SMTP_PASSWORD     environment only: a
//                                                    flag shows in `ps`
//   --smtp-auth plain|login STAFETT_SMTP_AUTH        default plain
//   --smtp-starttls        STAFETT_SMTP_STARTTLS=1   upgrade or fail
//   --smtp-ca-file FILE    STAFETT_SMTP_CA_FILE      default system CAs
//   --webhook-timeout S    STAFETT_WEBHOOK_TIMEOUT   seconds, default 10
//   --webhook-ca-file FILE STAFETT_WEBHOOK_CA_FILE   default system CAs
//   --worker-id ID         STAFETT_WORKER_ID         default host:pid:random
//   --lease S              STAFETT_NOTIFY_LEASE      seconds, default 60
//   --poll-ms N            STAFETT_NOTIFY_POLL_MS    default 1000
//   --max-attempts N       STAFETT_NOTIFY_MAX_ATTEMPTS default 8
//   --retry-base-ms N      STAFETT_NOTIFY_RETRY_BASE_MS default 5000
//   --retry-max-ms N       STAFETT_NOTIFY_RETRY_MAX_MS  default 900000
// Webhook secrets: the environment variables the routines name
// (channels.webhook.secret_env); a missing one is logged at start-up and
// its webhooks fail (never unsigned). Reminder lead times and escalation
// grace come from each routine's `settings`.
//
// Thread-safety: NotifyService::Start/Stop from the main thread.
#ifndef STAFETT_APP_SERVE_NOTIFY_H_
#define STAFETT_APP_SERVE_NOTIFY_H_

#include <memory>
#include <string>

#include "core/status.h"
#include "core/time.h"
#include "http/access_log.h"
#include "http/routine_catalog.h"
#include "notify/workers.h"
#include "store/cases/case_store.h"

namespace stafett::app {

struct NotifyConfig {
  std::string enabled = "on";
  std::string public_url;
  std::string smtp_host, smtp_port, smtp_from, smtp_user, smtp_password,
      smtp_auth = "plain", smtp_starttls, smtp_ca_file;
  std::string webhook_timeout = "10", webhook_ca_file;
  std::string worker_id, lease = "60", poll_ms = "1000", max_attempts = "8",
                         retry_base_ms = "5000", retry_max_ms = "900000";
};

// The usage lines for the flags above (bokmål).
extern const char kNotifyUsage[];

// Fills `cfg` from the environment.
void NotifyConfigFromEnv(NotifyConfig* cfg);
// The string a flag sets, or null if `flag` is not a notifier flag.
// --smtp-starttls takes no value: *takes_value is set false for it.
std::string* NotifyFlag(const std::string& flag, NotifyConfig* cfg,
                        bool* takes_value);

class NotifyService {
 public:
  // kInvalidArgument (naming the flag) for a configuration that cannot
  // work. `listen` is host:port, for the default public URL.
  static Result<std::unique_ptr<NotifyService>> Create(
      const NotifyConfig& cfg, const std::string& listen, store::Database& db,
      store::CaseStore& store, const http::RoutineCatalog& catalog,
      const std::vector<std::shared_ptr<const routine::Routine>>& routines,
      const Clock& clock, http::Log& log);
  ~NotifyService();

  bool enabled() const { return notifier_ != nullptr; }
  void Start();
  void Stop();

 private:
  NotifyService() = default;
  class CatalogDirectory;
  std::unique_ptr<notify::SslScope> ssl_;
  std::unique_ptr<CatalogDirectory> directory_;
  std::unique_ptr<notify::PocoWebhookSender> webhooks_;
  std::unique_ptr<notify::SmtpSender> mail_;
  std::unique_ptr<notify::Notifier> notifier_;
};

}  // namespace stafett::app

#endif  // STAFETT_APP_SERVE_NOTIFY_H_
