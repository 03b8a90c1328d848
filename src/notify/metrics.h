// /metrics: the notifier's state in the Prometheus text exposition format
// (version 0.0.4), every family with # HELP and # TYPE.
//
// Everything is derived from the database (store::NotifyStats), not from
// one process's memory, so every replica reports the same numbers and a
// restart resets nothing:
//   stafett_outbox_messages{status}                  gauge   rows by status
//   stafett_outbox_oldest_pending_age_seconds        gauge   0 when none
//   pending stafett_deadlines_scheduled                      gauge   rows with
//   a stage to fire stafett_deadline_firing_backlog_seconds          gauge how
//   far the most
//                                                            overdue planned
//                                                            firing is behind
//                                                            (0 if none)
//   stafett_notification_delivery_attempts_total{channel}  counter
//   stafett_notification_delivery_failures_total{channel}  counter
//   stafett_notifications_delivered_total            counter
//   stafett_notifications_failed_total               counter (gave up)
//   stafett_notification_manual_retries_total        counter
//   stafett_deadline_firings_total{kind,stage}       counter
//   stafett_deadline_lag_seconds                     histogram: actual minus
//                                                    planned firing time
//
// Thread-safety: pure functions.
#ifndef STAFETT_NOTIFY_METRICS_H_
#define STAFETT_NOTIFY_METRICS_H_

#include <string>

#include "core/time.h"
#include "store/work/outbox_store.h"

namespace stafett::notify {

// The Content-Type of the exposition.
inline constexpr char kMetricsContentType[] =
    "text/plain; version=0.0.4; charset=utf-8";

std::string RenderMetrics(const store::NotifyStats& stats, TimePoint now);

}  // namespace stafett::notify

#endif  // STAFETT_NOTIFY_METRICS_H_
