// Names of the notifier's counters (table notify_counters) as they appear
// on /metrics. Shared by the workers that bump them and metrics.cc that
// renders them.
#ifndef STAFETT_NOTIFY_METRIC_NAMES_H_
#define STAFETT_NOTIFY_METRIC_NAMES_H_

#include <cstdio>
#include <string>

namespace stafett::notify {

// Labels channel="webhook"|"email".
inline constexpr char kMetricDeliveryAttempts[] =
    "stafett_notification_delivery_attempts_total";
inline constexpr char kMetricDeliveryFailures[] =
    "stafett_notification_delivery_failures_total";
// No labels.
inline constexpr char kMetricDelivered[] =
    "stafett_notifications_delivered_total";
inline constexpr char kMetricFailed[] = "stafett_notifications_failed_total";
inline constexpr char kMetricManualRetries[] =
    "stafett_notification_manual_retries_total";
// Labels kind="step"|..., stage="approaching"|...
inline constexpr char kMetricFirings[] = "stafett_deadline_firings_total";
// The deadline lag histogram, stored as counters: _bucket with le="<s>",
// _count, and the sum in milliseconds (rendered in seconds).
inline constexpr char kMetricLagBucket[] =
    "stafett_deadline_lag_seconds_bucket";
inline constexpr char kMetricLagCount[] = "stafett_deadline_lag_seconds_count";
inline constexpr char kMetricLagSumMs[] =
    "stafett_deadline_lag_sum_milliseconds";

// Upper bounds of the lag buckets, in seconds (+Inf is implied).
inline constexpr double kLagBuckets[] = {0.25, 0.5, 1,    2.5,  5,     10,   30,
                                         60,   300, 1800, 3600, 21600, 86400};

// `le="0.25"`: the label of one lag bucket, as stored and rendered.
inline std::string LagBucketLabel(double le) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "le=\"%g\"", le);
  return buf;
}

}  // namespace stafett::notify

#endif  // STAFETT_NOTIFY_METRIC_NAMES_H_
