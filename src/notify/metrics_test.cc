#include "notify/metrics.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "core/ids.h"
#include "notify/metric_names.h"

namespace stafett::notify {
namespace {

store::NotifyStats Sample() {
  store::NotifyStats s;
  s.outbox_by_status = {{"pending", 2}, {"delivered", 40}, {"failed", 1}};
  s.oldest_pending_created_at = FromMillis(1000);
  s.deadlines_scheduled = 7;
  s.oldest_due_firing = FromMillis(5000);
  s.counters[kMetricDeliveryAttempts]["channel=\"webhook\""] = 45;
  s.counters[kMetricDeliveryFailures]["channel=\"webhook\""] = 3;
  s.counters[kMetricDelivered][""] = 40;
  s.counters[kMetricFirings]["kind=\"step\",stage=\"missed\""] = 4;
  s.counters[kMetricLagBucket][LagBucketLabel(0.25)] = 3;
  s.counters[kMetricLagBucket][LagBucketLabel(86400)] = 4;
  s.counters[kMetricLagBucket]["le=\"+Inf\""] = 4;
  s.counters[kMetricLagCount][""] = 4;
  s.counters[kMetricLagSumMs][""] = 1500;
  return s;
}

TEST(MetricsTest, RendersFamiliesWithHelpAndType) {
  const std::string text = RenderMetrics(Sample(), FromMillis(11000));
  EXPECT_NE(text.find("# TYPE stafett_outbox_messages gauge\n"),
            std::string::npos);
  EXPECT_NE(text.find("stafett_outbox_messages{status=\"failed\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("stafett_outbox_oldest_pending_age_seconds 10.000\n"),
            std::string::npos);
  EXPECT_NE(text.find("stafett_deadline_firing_backlog_seconds 6.000\n"),
            std::string::npos);
  EXPECT_NE(text.find("stafett_notification_delivery_attempts_total{channel="
                      "\"email\"} 0\n"),
            std::string::npos)
      << "both channels always present";
  EXPECT_NE(text.find("stafett_deadline_firings_total{kind=\"step\",stage="
                      "\"missed\"} 4\n"),
            std::string::npos);
  EXPECT_NE(text.find("# TYPE stafett_deadline_lag_seconds histogram\n"),
            std::string::npos);
  EXPECT_NE(text.find("stafett_deadline_lag_seconds_bucket{le=\"0.25\"} 3\n"),
            std::string::npos);
  EXPECT_NE(text.find("stafett_deadline_lag_seconds_sum 1.500\n"),
            std::string::npos);
  EXPECT_NE(text.find("stafett_deadline_lag_seconds_count 4\n"),
            std::string::npos);
}

// The Prometheus project's own linter accepts the output.
TEST(MetricsTest, PromtoolAcceptsIt) {
  if (!std::filesystem::exists("/usr/bin/promtool")) {
    GTEST_SKIP() << "promtool not installed";
  }
  for (const auto& stats : {store::NotifyStats{}, Sample()}) {
    auto path = std::filesystem::temp_directory_path() /
                ("stafett-metrics-" + NewId() + ".txt");
    std::ofstream(path) << RenderMetrics(stats, FromMillis(11000));
    const std::string cmd = "/usr/bin/promtool check metrics < " +
                            path.string() + " > " + path.string() + ".out 2>&1";
    int rc = std::system(cmd.c_str());
    std::ifstream out(path.string() + ".out");
    std::string report((std::istreambuf_iterator<char>(out)), {});
    EXPECT_EQ(rc, 0) << report;
    EXPECT_EQ(report, "") << "no lint warnings";
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + ".out");
  }
}

}  // namespace
}  // namespace stafett::notify
