#include "notify/metrics.h"

#include <cstdio>
#include <map>

#include "notify/metric_names.h"

namespace stafett::notify {

namespace {

std::string Num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

void Family(std::string* out, const std::string& name, const char* type,
            const char* help) {
  *out += "# HELP " + name + " " + help + "\n";
  *out += "# TYPE " + name + " " + type + "\n";
}

void Sample(std::string* out, const std::string& name,
            const std::string& labels, const std::string& value) {
  *out += name;
  if (!labels.empty()) *out += "{" + labels + "}";
  *out += " " + value + "\n";
}

const std::map<std::string, std::int64_t>& Counter(const store::NotifyStats& s,
                                                   const std::string& name) {
  static const std::map<std::string, std::int64_t> kEmpty;
  auto it = s.counters.find(name);
  return it == s.counters.end() ? kEmpty : it->second;
}

std::int64_t CounterValue(const store::NotifyStats& s, const std::string& name,
                          const std::string& labels) {
  const auto& c = Counter(s, name);
  auto it = c.find(labels);
  return it == c.end() ? 0 : it->second;
}

double AgeSeconds(std::optional<TimePoint> since, TimePoint now) {
  if (!since || *since >= now) return 0;
  return (now - *since).count() / 1000.0;
}

}  // namespace

std::string RenderMetrics(const store::NotifyStats& s, TimePoint now) {
  std::string out;
  Family(&out, "stafett_outbox_messages", "gauge",
         "Notifications in the outbox by status.");
  for (const char* status : {"pending", "delivered", "failed"}) {
    auto it = s.outbox_by_status.find(status);
    Sample(&out, "stafett_outbox_messages",
           std::string("status=\"") + status + "\"",
           std::to_string(it == s.outbox_by_status.end() ? 0 : it->second));
  }
  Family(&out, "stafett_outbox_oldest_pending_age_seconds", "gauge",
         "Age of the oldest notification not yet delivered (0 if none).");
  Sample(&out, "stafett_outbox_oldest_pending_age_seconds", "",
         Num(AgeSeconds(s.oldest_pending_created_at, now)));
  Family(&out, "stafett_deadlines_scheduled", "gauge",
         "Deadlines with a reminder, missed or escalation stage still to "
         "fire.");
  Sample(&out, "stafett_deadlines_scheduled", "",
         std::to_string(s.deadlines_scheduled));
  Family(&out, "stafett_deadline_firing_backlog_seconds", "gauge",
         "How far the most overdue planned deadline firing is behind (0 if "
         "none is overdue).");
  Sample(&out, "stafett_deadline_firing_backlog_seconds", "",
         Num(AgeSeconds(s.oldest_due_firing, now)));

  Family(&out, kMetricDeliveryAttempts, "counter",
         "Delivery attempts per channel, across all replicas.");
  for (const char* ch : {"email", "webhook"}) {
    const std::string l = std::string("channel=\"") + ch + "\"";
    Sample(&out, kMetricDeliveryAttempts, l,
           std::to_string(CounterValue(s, kMetricDeliveryAttempts, l)));
  }
  Family(&out, kMetricDeliveryFailures, "counter",
         "Failed delivery attempts per channel, across all replicas.");
  for (const char* ch : {"email", "webhook"}) {
    const std::string l = std::string("channel=\"") + ch + "\"";
    Sample(&out, kMetricDeliveryFailures, l,
           std::to_string(CounterValue(s, kMetricDeliveryFailures, l)));
  }
  Family(&out, kMetricDelivered, "counter",
         "Notifications delivered to every channel of their recipient.");
  Sample(&out, kMetricDelivered, "",
         std::to_string(CounterValue(s, kMetricDelivered, "")));
  Family(&out, kMetricFailed, "counter",
         "Notifications given up on (marked failed).");
  Sample(&out, kMetricFailed, "",
         std::to_string(CounterValue(s, kMetricFailed, "")));
  Family(&out, kMetricManualRetries, "counter",
         "Failed notifications an administrator sent again.");
  Sample(&out, kMetricManualRetries, "",
         std::to_string(CounterValue(s, kMetricManualRetries, "")));

  Family(&out, kMetricFirings, "counter",
         "Deadline stages fired, by deadline kind and stage.");
  for (const auto& [labels, v] : Counter(s, kMetricFirings)) {
    Sample(&out, kMetricFirings, labels, std::to_string(v));
  }

  const std::string lag = "stafett_deadline_lag_seconds";
  Family(&out, lag, "histogram",
         "Actual minus planned firing time of deadline stages.");
  for (double le : kLagBuckets) {
    const std::string l = LagBucketLabel(le);
    Sample(&out, kMetricLagBucket, l,
           std::to_string(CounterValue(s, kMetricLagBucket, l)));
  }
  Sample(&out, kMetricLagBucket, "le=\"+Inf\"",
         std::to_string(CounterValue(s, kMetricLagBucket, "le=\"+Inf\"")));
  Sample(&out, lag + "_sum", "",
         Num(CounterValue(s, kMetricLagSumMs, "") / 1000.0));
  Sample(&out, lag + "_count", "",
         std::to_string(CounterValue(s, kMetricLagCount, "")));
  return out;
}

}  // namespace stafett::notify
