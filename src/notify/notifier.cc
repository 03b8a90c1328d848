// Notifier: the two worker loops on their own threads.
#include <algorithm>
#include <cstdio>
#include <random>

#include <unistd.h>

#include "notify/archive.h"
#include "notify/purge_worker.h"
#include "notify/workers.h"

namespace stafett::notify {

namespace {

// Never spin: even when a row is due at once, pause this long between
// passes that found less than a full batch.
constexpr Millis kMinSleep{20};
// After an exception (database down), wait before the next pass.
constexpr Millis kErrorPause{2000};

}  // namespace

std::string DefaultWorkerId() {
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::random_device rd;
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "%08x", rd());
  return std::string(host[0] ? host : "stafett") + ":" +
         std::to_string(getpid()) + ":" + suffix;
}

Notifier::Notifier(store::Database& db, store::CaseStore& cases,
                   const Directory& directory, SecretLookup secrets,
                   WebhookSender* webhooks, MailSender* mail,
                   const Clock& clock, NotifierOptions options, LogSink log)
    : options_([&] {
        if (options.worker_id.empty()) options.worker_id = DefaultWorkerId();
        if (!options.archive) {
          // Archive deliveries ride the outbox (notify/archive.h).
          archiver_ = std::make_unique<Archiver>(cases, directory, secrets,
                                                 webhooks, clock);
          options.archive =
              [a = archiver_.get()](const store::OutboxMessage& m) {
                return a->Deliver(m);
              };
        }
        return std::move(options);
      }()),
      log_(log ? std::move(log)
               : LogSink(
                     [](LogLevel, const std::string&, const std::string&) {})),
      clock_(clock),
      cases_(cases),
      outbox_(db),
      deadlines_(db),
      delivery_(outbox_, directory, std::move(secrets), webhooks, mail, clock,
                options_, log_),
      deadline_worker_(deadlines_, cases, directory, clock, options_, log_) {
  cases_.SetDeadlinePlanner([&directory](const engine::Snapshot& after,
                                         const std::string& kind, TimePoint due,
                                         TimePoint now) {
    return PlanFirstStage(directory, after, kind, due, now);
  });
  if (options_.purge_interval > Millis(0)) {
    purge_ = std::make_unique<PurgeWorker>(
        db, directory, clock, options_.worker_id,
        PurgeWorkerOptions{options_.purge_batch,
                           options_.purge_checkpoint_interval},
        log_);
  }
}

Notifier::~Notifier() {
  Stop();
  cases_.SetDeadlinePlanner(nullptr);
}

void Notifier::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (started_) return;
  started_ = true;
  stop_ = false;
  deadline_thread_ = std::thread([this] {
    Loop(
        "deadlines",
        [this] {
          const int n = deadline_worker_.RunOnce(&stop_);
          // Firings queue notices: let the delivery loop know at once
          // rather than at its next poll, but only when there are some.
          if (deadline_worker_.TakeQueued() > 0) Wake();
          return n;
        },
        [this] { return deadlines_.NextDue(); });
  });
  delivery_thread_ = std::thread([this] {
    Loop(
        "delivery", [this] { return delivery_.RunOnce(&stop_); },
        [this] { return outbox_.NextDue(); });
  });
  if (purge_) purge_thread_ = std::thread([this] { PurgeLoop(); });
  log_(LogLevel::kInfo, "notifier_started",
       "arbeider " + options_.worker_id + " leverer varsler og fyrer frister");
}

void Notifier::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!started_) return;
    stop_ = true;
    ++wakes_;
  }
  cv_.notify_all();
  if (deadline_thread_.joinable()) deadline_thread_.join();
  if (delivery_thread_.joinable()) delivery_thread_.join();
  if (purge_thread_.joinable()) purge_thread_.join();
  std::lock_guard<std::mutex> lock(mu_);
  started_ = false;
}

void Notifier::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++wakes_;
  }
  cv_.notify_all();
}

void Notifier::Loop(const char* name, const std::function<int()>& pass,
                    const std::function<std::optional<TimePoint>()>& next_due) {
  while (!stop_) {
    std::uint64_t seen;
    {
      std::lock_guard<std::mutex> lock(mu_);
      seen = wakes_;
    }
    Millis sleep = options_.poll_interval;
    try {
      const int n = pass();
      if (n >= options_.batch) continue;  // more may be waiting
      if (auto due = next_due()) {
        sleep =
            std::clamp(std::chrono::duration_cast<Millis>(*due - clock_.Now()),
                       kMinSleep, options_.poll_interval);
      }
    } catch (const std::exception& e) {
      log_(LogLevel::kError, "notifier_error",
           std::string(name) + ": " + e.what());
      sleep = std::max(kErrorPause, options_.poll_interval);
    }
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, sleep, [&] { return stop_ || wakes_ != seen; });
  }
}

// The purge has no "next due" to sleep until: it runs a pass every
// purge_interval, and at once again while a pass found a full batch.
void Notifier::PurgeLoop() {
  while (!stop_) {
    Millis sleep = options_.purge_interval;
    try {
      if (purge_->RunOnce().full) sleep = kMinSleep;
    } catch (const std::exception& e) {
      log_(LogLevel::kError, "purge_error", e.what());
      sleep = std::max(kErrorPause, options_.purge_interval);
    }
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, sleep, [&] { return stop_.load(); });
  }
}

}  // namespace stafett::notify
