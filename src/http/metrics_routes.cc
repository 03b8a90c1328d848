// GET /metrics: Prometheus text (notify/metrics.h), outside /api/v1.
//
// Authentication: Prometheus scrapers carry no user token, so /metrics has
// its own: the bearer token in STAFETT_METRICS_TOKEN (at least 32
// characters; configure the scrape job with `authorization: {credentials:
// ...}` or `credentials_file`). Without that variable /metrics is off
// (404), so a replica never exposes it by accident. The figures are
// totals across tenants and hold nothing about any case.
#include <cstdlib>

#include "http/route_util.h"
#include "http/routes.h"
#include "http/routine_catalog.h"
#include "notify/metrics.h"
#include "notify/retention_metrics.h"
#include "store/work/outbox_store.h"

namespace stafett::http {
namespace {

const std::string& MetricsToken() {
  static const std::string token = [] {
    const char* v = std::getenv("STAFETT_METRICS_TOKEN");
    std::string t = v ? v : "";
    return t.size() >= 32 ? t : std::string();
  }();
  return token;
}

// Compares without an early exit, so the time taken says nothing about how
// much of the token matched.
bool SameToken(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |=
        static_cast<unsigned char>(a[i] ^ b[i % (b.empty() ? 1 : b.size())]);
  }
  return diff == 0 && !b.empty();
}

// The catalog as notify::RetentionStats reads it.
class CatalogRoutines final : public notify::Directory {
 public:
  explicit CatalogRoutines(const RoutineCatalog& c) : c_(c) {}
  std::vector<std::shared_ptr<const routine::Routine>> ForTenant(
      const std::string& tenant) const override {
    return c_.ForTenant(tenant);
  }
  std::shared_ptr<const routine::Routine> Pinned(
      const std::string& tenant, const std::string& hash) const override {
    return c_.Pinned(tenant, hash);
  }

 private:
  const RoutineCatalog& c_;
};

}  // namespace

Response Metrics(const Request& req, const ApiDeps& deps) {
  const std::string& token = MetricsToken();
  if (token.empty()) {
    return Problem(req, Status::NotFound(
                            "Metrikker er slått av. Sett STAFETT_METRICS_TOKEN "
                            "(minst 32 tegn) for å slå dem på."));
  }
  const std::string auth = req.Header("authorization");
  const std::string prefix = "Bearer ";
  if (auth.rfind(prefix, 0) != 0 ||
      !SameToken(auth.substr(prefix.size()), token)) {
    Response r = Problem(
        req, Status(Code::kUnauthenticated,
                    "Metrikker krever Authorization: Bearer <metrikk-token>."));
    r.With("WWW-Authenticate", "Bearer realm=\"stafett-metrics\"");
    return r;
  }
  store::OutboxStore outbox(deps.store->database());
  Response r;
  r.status = 200;
  r.content_type = notify::kMetricsContentType;
  const store::NotifyStats stats = outbox.Stats();
  r.body = notify::RenderMetrics(stats, req.now);
  r.body += notify::RenderRetentionMetrics(
      notify::RetentionStats(deps.store->database(),
                             CatalogRoutines(*deps.routines), req.now),
      stats);
  return r;
}

}  // namespace stafett::http
