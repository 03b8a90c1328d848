// DeliveryWorker: one attempt per claimed outbox row, outside any database
// transaction (a slow receiver must not hold a transaction open), then a
// compare-and-set Finish on the lease.
#include <algorithm>
#include <random>

#include "notify/message.h"
#include "notify/metric_names.h"
#include "notify/workers.h"
#include "store/lifecycle/archive.h"

namespace stafett::notify {

namespace {

constexpr char kWebhook[] = "webhook";
constexpr char kEmail[] = "email";
constexpr char kArchive[] = "archive";

std::function<double()> DefaultRandom() {
  auto rng = std::make_shared<std::mt19937_64>(std::random_device{}());
  return
      [rng] { return std::uniform_real_distribution<double>(0.0, 1.0)(*rng); };
}

bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::string ChannelLabel(const std::string& channel) {
  return "channel=\"" + channel + "\"";
}

}  // namespace

DeliveryWorker::DeliveryWorker(store::OutboxStore& outbox,
                               const Directory& directory, SecretLookup secrets,
                               WebhookSender* webhooks, MailSender* mail,
                               const Clock& clock, NotifierOptions options,
                               LogSink log)
    : outbox_(outbox),
      directory_(directory),
      secrets_(std::move(secrets)),
      webhooks_(webhooks),
      mail_(mail),
      clock_(clock),
      options_(std::move(options)),
      log_(std::move(log)) {
  if (!options_.random) options_.random = DefaultRandom();
  if (options_.worker_id.empty()) options_.worker_id = DefaultWorkerId();
  if (!secrets_) secrets_ = EnvironmentSecrets();
}

int DeliveryWorker::RunOnce(const std::atomic<bool>* stop) {
  const TimePoint claimed_at = clock_.Now();
  auto batch = outbox_.Claim(options_.worker_id, claimed_at, options_.lease,
                             options_.batch);
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const store::OutboxMessage& m = batch[i];
    if (stop != nullptr && stop->load()) {
      outbox_.Release(m.id, options_.worker_id);
      continue;
    }
    // Sending the earlier rows took time: make sure this row's lease will
    // outlast its attempt, or leave it to whoever has taken it over.
    const TimePoint now = clock_.Now();
    if (now - claimed_at > options_.lease / 2 &&
        !outbox_.RenewLease(m.id, options_.worker_id, now + options_.lease)) {
      log_(LogLevel::kWarning, "delivery_lease_lost",
           "outbox " + m.id + ": the lease expired before it was tried");
      continue;
    }
    Deliver(m);
  }
  return static_cast<int>(batch.size());
}

void DeliveryWorker::Deliver(const store::OutboxMessage& m) {
  store::AttemptOutcome out;
  out.channels_done = m.channels_done;
  std::vector<std::string> errors;
  bool permanent = false;

  const routine::Service* service = nullptr;
  std::vector<std::string> needed;
  const routine::Channels* channels = nullptr;
  // An archive delivery (notify/archive.h) is one channel of its own; the
  // budget, backoff and bookkeeping below are the same as a message's.
  const bool archive = m.event == store::kArchiveEvent;
  auto routine =
      archive ? nullptr
              : RoutineWithService(directory_, m.tenant, m.service, &service);
  if (archive) {
    needed.push_back(kArchive);
    if (!Has(out.channels_done, kArchive)) {
      SendResult r = options_.archive
                         ? options_.archive(m)
                         : SendResult{false, true, "arkiv: ikke satt opp"};
      out.counters.push_back(
          {kMetricDeliveryAttempts, ChannelLabel(kArchive), 1});
      if (r.ok) {
        out.channels_done.push_back(kArchive);
      } else {
        out.counters.push_back(
            {kMetricDeliveryFailures, ChannelLabel(kArchive), 1});
        errors.push_back(r.error);
        permanent = r.permanent;
      }
    }
  }
  // fmtnotify: an escalation to a team names the team where a service
  // would stand (notify/deadline_plan.h).
  const routine::Team* team = nullptr;
  if (!archive && service == nullptr && m.audience == "service") {
    routine = RoutineWithTeam(directory_, m.tenant, m.service, &team);
  }
  if (archive) {
    // Its channel was handled above.
  } else if (team != nullptr) {
    channels = &team->channels;
    if (!channels->webhook_url.empty()) needed.push_back(kWebhook);
    if (!channels->emails.empty()) needed.push_back(kEmail);
    if (needed.empty()) {
      errors.push_back("teamet «" + m.service +
                       "» har ingen varslingskanal (channels i rutinen)");
      permanent = true;
    }
  } else if (service == nullptr) {
    errors.push_back("tjenesten «" + m.service +
                     "» finnes ikke i rutinen til «" + m.tenant + "»");
    permanent = true;
  } else {
    channels = m.audience == "leader" ? &service->leader : &service->channels;
    if (!channels->webhook_url.empty()) needed.push_back(kWebhook);
    if (!channels->emails.empty()) needed.push_back(kEmail);
    if (needed.empty()) {
      errors.push_back(
          m.audience == "leader"
              ? "tjenesten «" + m.service +
                    "» har ingen leder med varslingskanal (leader i rutinen)"
              : "tjenesten «" + m.service +
                    "» har ingen varslingskanal (channels i rutinen)");
      permanent = true;
    }
  }

  Result<Content> content = Content{};
  if (!permanent && !archive) {
    content = ContentOf(m, options_.public_url, routine.get());
    if (!content.ok()) {
      errors.push_back(content.status().message());
      permanent = true;
    }
  }

  if (!permanent && !archive) {
    for (const std::string& channel : needed) {
      if (Has(out.channels_done, channel)) continue;
      const TimePoint now = clock_.Now();
      SendResult r;
      if (channel == kWebhook) {
        auto secret = secrets_(channels->webhook_secret_env);
        if (!secret) {
          r = {false, true,
               "webhook: miljøvariabelen " + channels->webhook_secret_env +
                   " med hemmeligheten er ikke satt; Stafett sender aldri "
                   "usignerte webhooker"};
        } else if (webhooks_ == nullptr) {
          r = {false, true, "webhook: webhooker er slått av"};
        } else {
          const std::string body = WebhookBody(*content, now);
          r = webhooks_->Post(
              channels->webhook_url,
              {{"X-Stafett-Id", m.id},
               {"X-Stafett-Event", m.event},
               {"X-Stafett-Timestamp", FormatUtc(now)},
               {"X-Stafett-Signature", SignatureHeader(*secret, body)}},
              body);
        }
      } else {
        if (mail_ == nullptr) {
          r = {false, true, "e-post: SMTP er ikke satt opp (--smtp-host)"};
        } else {
          Email e = EmailFor(*content);
          r = mail_->Send(channels->emails, e.subject, e.body,
                          {{"X-Stafett-Id", m.id},
                           {"X-Stafett-Event", m.event},
                           {"Message-ID", "<" + m.id + "@stafett>"}});
        }
      }
      out.counters.push_back(
          {kMetricDeliveryAttempts, ChannelLabel(channel), 1});
      if (r.ok) {
        out.channels_done.push_back(channel);
      } else {
        out.counters.push_back(
            {kMetricDeliveryFailures, ChannelLabel(channel), 1});
        errors.push_back(r.error);
        permanent = permanent || r.permanent;
      }
    }
  }

  const TimePoint now = clock_.Now();
  const int in_budget = m.attempts - m.attempt_base;
  bool all_done = !permanent && !needed.empty() &&
                  std::all_of(needed.begin(), needed.end(), [&](auto& c) {
                    return Has(out.channels_done, c);
                  });
  for (const auto& e : errors) {
    out.error += (out.error.empty() ? "" : "; ") + e;
  }
  if (all_done) {
    out.kind = store::AttemptOutcome::Kind::kDelivered;
    out.counters.push_back({kMetricDelivered, "", 1});
  } else if (permanent || BudgetSpent(options_.retry, in_budget)) {
    out.kind = store::AttemptOutcome::Kind::kFailed;
    out.counters.push_back({kMetricFailed, "", 1});
  } else {
    out.kind = store::AttemptOutcome::Kind::kRetry;
    out.next_attempt_at =
        now + RetryDelay(options_.retry, in_budget, options_.random());
  }
  if (!outbox_.Finish(m.id, options_.worker_id, out, now)) {
    log_(LogLevel::kWarning, "delivery_lease_lost",
         "outbox " + m.id +
             ": another worker took the row over during the attempt; it may "
             "be delivered twice (receivers deduplicate on the id)");
    return;
  }
  if (out.kind == store::AttemptOutcome::Kind::kFailed) {
    log_(LogLevel::kError, "notification_failed",
         "outbox " + m.id + " (" + m.event + " til " + m.service +
             ") ga opp etter " + std::to_string(in_budget) +
             " forsøk: " + out.error);
  } else if (out.kind == store::AttemptOutcome::Kind::kRetry) {
    log_(LogLevel::kWarning, "notification_retry",
         "outbox " + m.id + " forsøk " + std::to_string(in_budget) +
             " feilet: " + out.error + "; nytt forsøk " +
             FormatUtc(out.next_attempt_at));
  }
}

}  // namespace stafett::notify
