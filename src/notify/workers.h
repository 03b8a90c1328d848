// The notifier's two workers and the Notifier that runs them on their own
// threads inside `stafett serve` (docs/notifications.md).
//
// DeliveryWorker: claims due outbox rows (store/work/outbox_store.h), sends
// each to every channel of its audience (the service's `channels`, or its
// `leader` for escalations) that has not yet accepted it, and records the
// attempt: delivered when all channels took it; otherwise a retry after
// exponential backoff with jitter (notify/backoff.h), or failed when the
// budget is spent or the failure is permanent (no channel configured, no
// webhook secret, unknown service). A service with a webhook but without
// its secret in the environment NEVER gets an unsigned webhook: that
// channel fails permanently with a message saying which variable is
// missing.
//
// DeadlineWorker: claims due deadline rows (store/work/deadline_store.h) and
// applies notify/deadline_plan.h: plans the next stage, or fires one stage
// with its notices (and a journal entry for a missed deadline) in one
// transaction. The consent "expired" stage runs the engine's
// expire_consent command through CaseStore, as a command of the service
// "stafett"; it is retried until the engine has cleared the deadline.
//
// Notifier: a deadline thread and a delivery thread, so slow receivers
// never hold back deadline firing (the timer starvation other engines
// suffer). Each loop runs passes back to back while they find a full
// batch, then sleeps until the earliest due row (NextDue) or the poll
// interval, whichever comes first; Wake() cuts a sleep short. Several
// processes may run Notifiers on one PostgreSQL: the stores' leases keep
// them off each other's rows. On SQLite, run one Notifier per database
// file (`stafett serve` does).
//
// Errors: RunOnce lets database exceptions out; the Notifier's loops catch
// and log everything and carry on after a pause (the leases of anything
// half done expire and the work is picked up again).
//
// Thread-safety: a worker is used by one thread. Notifier::Start/Stop/Wake
// may be called from any thread. Everything given to the constructors must
// outlive the object.
#ifndef STAFETT_NOTIFY_WORKERS_H_
#define STAFETT_NOTIFY_WORKERS_H_

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/time.h"
#include "notify/backoff.h"
#include "notify/directory.h"
#include "notify/senders.h"
#include "store/cases/case_store.h"
#include "store/sql/database.h"
#include "store/work/deadline_store.h"
#include "store/work/outbox_store.h"

namespace stafett::notify {

enum class LogLevel { kInfo, kWarning, kError };
// event: a short snake_case name ("delivery_failed"); message: details.
using LogSink = std::function<void(LogLevel level, const std::string& event,
                                   const std::string& message)>;

struct NotifierOptions {
  // Unique per process: it is the lease owner. Default: DefaultWorkerId().
  std::string worker_id;
  Millis lease{60000};
  Millis poll_interval{1000};  // the longest sleep between passes
  int batch = 10;
  RetryPolicy retry;
  // Base of the case links in messages, e.g. "https://stafett.kommune.no".
  std::string public_url = "http://127.0.0.1:8080";
  // How soon an expire_consent that did not go through is tried again.
  Millis consent_expiry_retry{60000};
  // Uniform draws from [0, 1) for the retry jitter; default a seeded
  // std::mt19937_64 per worker.
  std::function<double()> random;
  // The retention purge (notify/purge_worker.h) on a third thread: a pass
  // every purge_interval, back to back while batches come back full.
  // Zero: no purge thread.
  Millis purge_interval{60000};
  int purge_batch = 100;
  Millis purge_checkpoint_interval{10 * 60 * 1000};
  // Delivers rows of event store::kArchiveEvent (notify/archive.h); the
  // Notifier sets it. Unset: such rows fail permanently.
  std::function<SendResult(const store::OutboxMessage&)> archive;
};

class PurgeWorker;
class Archiver;

// hostname:pid:8 random hex digits.
std::string DefaultWorkerId();

// The actor name the notifier's own journal entries and commands use.
inline constexpr char kSystemService[] = "stafett";

class DeliveryWorker {
 public:
  // `webhooks` and `mail` may be null (that channel is not configured: its
  // messages fail permanently with a message saying so).
  DeliveryWorker(store::OutboxStore& outbox, const Directory& directory,
                 SecretLookup secrets, WebhookSender* webhooks,
                 MailSender* mail, const Clock& clock, NotifierOptions options,
                 LogSink log);

  // One pass: claims up to `batch` rows and tries each once. Returns how
  // many it claimed. Stops early (releasing the rest) when *stop is set.
  int RunOnce(const std::atomic<bool>* stop = nullptr);

 private:
  void Deliver(const store::OutboxMessage& m);

  store::OutboxStore& outbox_;
  const Directory& directory_;
  SecretLookup secrets_;
  WebhookSender* webhooks_;
  MailSender* mail_;
  const Clock& clock_;
  NotifierOptions options_;
  LogSink log_;
};

class DeadlineWorker {
 public:
  DeadlineWorker(store::DeadlineStore& deadlines, store::CaseStore& cases,
                 const Directory& directory, const Clock& clock,
                 NotifierOptions options, LogSink log);

  // One pass: claims up to `batch` due rows and processes each. Returns
  // how many it claimed.
  int RunOnce(const std::atomic<bool>* stop = nullptr);

  // Notices queued by firings since the last call (the delivery loop is
  // woken only when there are some).
  int TakeQueued() { return queued_.exchange(0); }

 private:
  void Handle(const store::DeadlineRow& row);
  // The engine's expire_consent on the case; true when the row is settled
  // (expired now, or nothing left to expire).
  bool ExpireConsent(const store::DeadlineRow& row);

  store::DeadlineStore& deadlines_;
  store::CaseStore& cases_;
  const Directory& directory_;
  const Clock& clock_;
  NotifierOptions options_;
  LogSink log_;
  std::atomic<int> queued_{0};
};

// Where a deadline set at `now` starts on the schedule of notify/
// deadline_plan.h (the stage its first pass would leave it at, and the
// next firing), for the case's current routine settings. A stage due at
// once is left to the worker: {0, now}. Notifier installs this as the
// CaseStore's DeadlinePlanner, so a command's deadline is not claimed and
// re-written by a second transaction right after the command.
store::PlannedDeadline PlanFirstStage(const Directory& directory,
                                      const engine::Snapshot& after,
                                      const std::string& kind, TimePoint due,
                                      TimePoint now);

class Notifier {
 public:
  Notifier(store::Database& db, store::CaseStore& cases,
           const Directory& directory, SecretLookup secrets,
           WebhookSender* webhooks, MailSender* mail, const Clock& clock,
           NotifierOptions options, LogSink log);
  ~Notifier();  // Stop()
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;

  const std::string& worker_id() const { return options_.worker_id; }

  // Starts both threads (once).
  void Start();
  // Asks both loops to finish the message or deadline in hand, and joins
  // them. Rows claimed but not started are released for other workers.
  void Stop();
  // Cuts both loops' current sleep short (e.g. after a command wrote an
  // outbox row).
  void Wake();

 private:
  void Loop(const char* name, const std::function<int()>& pass,
            const std::function<std::optional<TimePoint>()>& next_due);
  void PurgeLoop();

  // Before options_: its initializer sets it (options_.archive).
  std::unique_ptr<Archiver> archiver_;
  NotifierOptions options_;
  LogSink log_;
  const Clock& clock_;
  store::CaseStore& cases_;  // its DeadlinePlanner is ours until ~Notifier
  store::OutboxStore outbox_;
  store::DeadlineStore deadlines_;
  DeliveryWorker delivery_;
  DeadlineWorker deadline_worker_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::uint64_t wakes_ = 0;  // guarded by mu_
  std::thread delivery_thread_;
  std::thread deadline_thread_;
  std::unique_ptr<PurgeWorker> purge_;  // null when purge_interval is 0
  std::thread purge_thread_;
  bool started_ = false;
};

}  // namespace stafett::notify

#endif  // STAFETT_NOTIFY_WORKERS_H_
