// PurgeWorker: one retention pass (notify/purge_worker.h).
#include "notify/purge_worker.h"

#include <exception>

#include "store/audit/audit.h"
#include "store/lifecycle/purge.h"
#include "store/lifecycle/retention.h"

namespace stafett::notify {

PurgeWorker::PurgeWorker(store::Database& db, const Directory& directory,
                         const Clock& clock, std::string worker_id,
                         PurgeWorkerOptions options, LogSink log)
    : db_(db),
      directory_(directory),
      clock_(clock),
      worker_id_(std::move(worker_id)),
      options_(options),
      log_(log ? std::move(log)
               : LogSink([](LogLevel, const std::string&, const std::string&) {
                 })) {}

void PurgeWorker::SyncPolicies(const std::vector<std::string>& tenants,
                               TimePoint now, PurgePass& pass) {
  for (const auto& tenant : tenants) {
    for (const auto& r : directory_.ForTenant(tenant)) {
      const std::string text = r->retention.ToString();
      auto key = std::make_pair(tenant, r->id);
      auto it = applied_.find(key);
      if (it != applied_.end() && it->second == text) continue;
      store::PolicySync s = store::SyncRetentionPolicy(
          db_, tenant, r->id, r->retention, now, worker_id_);
      applied_[key] = text;
      if (!s.changed) continue;
      pass.moved += s.moved;
      log_(LogLevel::kInfo, "retention_policy_applied",
           "kommune " + tenant + ", rutine " + r->id + ": " + text + "; " +
               std::to_string(s.moved) +
               " avsluttede saker fikk ny slettedato");
    }
  }
}

PurgePass PurgeWorker::RunOnce() {
  PurgePass pass;
  const TimePoint now = clock_.Now();
  const std::vector<std::string> tenants = store::TenantsWithRoutines(db_);
  SyncPolicies(tenants, now, pass);

  for (const auto& tenant : store::TenantsWithDueCases(db_, now)) {
    const bool archive_first =
        store::PolicyFor(directory_.ForTenant(tenant), "").archive.required();
    store::CasePurgeResult r = store::PurgeDueCases(
        db_, tenant, now, options_.batch, worker_id_, archive_first);
    pass.awaiting_archive +=
        static_cast<std::int64_t>(r.awaiting_archive.size());
    pass.cases += static_cast<std::int64_t>(r.purged.size());
    pass.case_rows += r.rows;
    pass.unanchored += static_cast<std::int64_t>(r.unanchored.size());
    if (r.claimed() >= options_.batch && !r.purged.empty()) pass.full = true;
    for (const auto& [id, why] : r.held) {
      log_(LogLevel::kError, "purge_held",
           "kommune " + tenant + ", sak " + id + ": " + why);
    }
    if (!r.purged.empty()) {
      log_(LogLevel::kInfo, "purged",
           "kommune " + tenant + ": " + std::to_string(r.purged.size()) +
               " saker slettet etter oppbevaringstiden");
    }
    if (r.unanchored.empty()) continue;
    auto last = last_checkpoint_.find(tenant);
    if (last != last_checkpoint_.end() &&
        now - last->second < options_.checkpoint_interval) {
      continue;
    }
    last_checkpoint_[tenant] = now;
    try {
      Result<store::CheckpointResult> c =
          store::WriteCheckpoint(db_, tenant, now);
      if (c.ok()) {
        ++pass.checkpoints;
        pass.full = true;  // the anchored cases can go at once
        if (!c->skipped.empty()) {
          log_(LogLevel::kError, "checkpoint_skipped_broken",
               "kommune " + tenant + ": " + std::to_string(c->skipped.size()) +
                   " sak(er) med brudd i journalen er ikke med i sjekkpunkt " +
                   std::to_string(c->seq) + "; kjør stafett audit verify");
        }
      } else {
        log_(LogLevel::kError, "purge_checkpoint_refused",
             "kommune " + tenant + ": " + c.status().message());
      }
    } catch (const std::exception& e) {
      // Most likely another replica's checkpoint took the same number.
      log_(LogLevel::kWarning, "purge_checkpoint_failed",
           "kommune " + tenant + ": " + e.what());
    }
  }

  for (const auto& tenant : tenants) {
    store::LogPurgeResult r = store::PurgeExpiredLogs(
        db_, tenant, store::PolicyFor(directory_.ForTenant(tenant), ""), now,
        options_.batch, worker_id_);
    pass.log_rows += r.total();
    if (r.access_log >= options_.batch || r.notifications >= options_.batch ||
        r.idempotency >= options_.batch ||
        r.report_releases >= options_.batch) {
      pass.full = true;
    }
  }
  return pass;
}

}  // namespace stafett::notify
