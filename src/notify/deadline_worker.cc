// DeadlineWorker: turns claimed deadline rows into planned stages and
// firings (notify/deadline_plan.h), each in one store transaction.
#include <cmath>
#include <cstdio>

#include "core/ids.h"
#include "core/json_writer.h"
#include "engine/engine.h"
#include "notify/deadline_plan.h"
#include "notify/metric_names.h"
#include "notify/workers.h"
#include "store/work/notice_payload.h"

namespace stafett::notify {

namespace {

// The lag of one firing as histogram counters (cumulative buckets).
void AddLag(std::vector<store::CounterDelta>* out, Millis lag) {
  const double seconds = std::max<double>(0.0, lag.count() / 1000.0);
  for (double le : kLagBuckets) {
    if (seconds <= le)
      out->push_back({kMetricLagBucket, LagBucketLabel(le), 1});
  }
  out->push_back({kMetricLagBucket, "le=\"+Inf\"", 1});
  out->push_back({kMetricLagCount, "", 1});
  out->push_back({kMetricLagSumMs, "", std::max<std::int64_t>(0, lag.count())});
}

}  // namespace

DeadlineWorker::DeadlineWorker(store::DeadlineStore& deadlines,
                               store::CaseStore& cases,
                               const Directory& directory, const Clock& clock,
                               NotifierOptions options, LogSink log)
    : deadlines_(deadlines),
      cases_(cases),
      directory_(directory),
      clock_(clock),
      options_(std::move(options)),
      log_(std::move(log)) {
  if (options_.worker_id.empty()) options_.worker_id = DefaultWorkerId();
}

int DeadlineWorker::RunOnce(const std::atomic<bool>* stop) {
  auto rows = deadlines_.Claim(options_.worker_id, clock_.Now(), options_.lease,
                               options_.batch);
  for (const auto& row : rows) {
    if (stop != nullptr && stop->load()) {
      deadlines_.Release(row, options_.worker_id);
      continue;
    }
    Handle(row);
  }
  return static_cast<int>(rows.size());
}

void DeadlineWorker::Handle(const store::DeadlineRow& row) {
  const TimePoint now = clock_.Now();
  if (row.kind == "consent" && row.stage >= 2) {
    // The expiry stage fired earlier but the command did not clear the
    // deadline (it failed, or the process died in between): try again.
    if (!ExpireConsent(row)) return;
    deadlines_.Process(
        row, options_.worker_id, now,
        [&](const store::DeadlineRow& r, const engine::Snapshot&) {
          store::DeadlineStep step;
          step.stage = r.stage;
          return step;
        });
    return;
  }

  // Who recorded the latest child-welfare report (the journal is
  // append-only, and a newer report moves the deadline, which the store's
  // compare-and-set catches).
  std::string report_service;
  if (row.kind == "report") {
    for (const auto& j : cases_.Journal(row.tenant, row.case_id)) {
      if (j.entry.kind == "child_welfare_reported") {
        report_service = j.entry.actor_service;
      }
    }
  }

  bool expiry_fired = false;
  std::size_t queued = 0;
  auto decide = [&](const store::DeadlineRow& r, const engine::Snapshot& c) {
    expiry_fired = false;
    queued = 0;
    auto routine = CurrentRoutine(directory_, c.tenant, c.routine_id);
    const routine::Settings settings =
        routine ? routine->settings : routine::Settings{};
    NextStep next =
        PlanNext(r.kind, r.due_at, r.updated_at, r.stage, settings, now);
    store::DeadlineStep step;
    step.stage = next.stage_after;
    step.next_fire_at = next.next_fire_at;
    if (!next.fire) return step;
    const Stage& s = *next.fire;
    store::DeadlineFiring f;
    f.stage = s.number;
    f.stage_name = s.name;
    f.planned_at = s.at;
    step.firing = f;
    step.counters.push_back({kMetricFirings,
                             "kind=\"" + r.kind + "\",stage=\"" + s.name + "\"",
                             1});
    AddLag(&step.counters, now - s.at);
    for (const Notice& n : NoticesFor(r.kind, s, c, report_service)) {
      store::NewOutboxMessage m;
      m.id = NewId();
      m.tenant = c.tenant;
      m.case_id = c.case_id;
      m.service = n.service;
      m.audience = n.audience;
      m.event = n.event;
      m.payload_json =
          store::NoticePayload(c, n.event, n.service, r.due_at, r.kind);
      step.notices.push_back(std::move(m));
    }
    queued = step.notices.size();
    if (JournalsMissed(r.kind, s)) {
      engine::JournalEntry j;
      j.kind = "deadline_missed";
      j.step = c.step;
      j.level = c.level;
      j.actor_service = kSystemService;
      j.actor_role = engine::Role::kAdmin;
      j.at = now;
      j.text = r.kind == "step"    ? "Fristen for steget er oversittet."
               : r.kind == "baton" ? "Stafettpinnen ble ikke tatt imot "
                                     "innen fristen."
                                   : "Meldingen til barnevernet er ikke "
                                     "bekreftet samme dag.";
      JsonWriter d;
      d.BeginObject()
          .Field("deadline_kind", r.kind)
          .Field("due_at", FormatUtc(r.due_at))
          .Field("planned_at", FormatUtc(s.at))
          .Field("fired_at", FormatUtc(now))
          .EndObject();
      j.detail_json = d.Take();
      step.journal = j;
    }
    if (r.kind == "consent" && s.name == "expired") {
      // Kept on the schedule until the engine clears the deadline, so a
      // failed command below is tried again.
      step.next_fire_at = now + options_.consent_expiry_retry;
      expiry_fired = true;
    }
    return step;
  };

  auto outcome = deadlines_.Process(row, options_.worker_id, now, decide);
  if (outcome == store::DeadlineStore::Outcome::kLostLease) {
    log_(LogLevel::kInfo, "deadline_lease_lost",
         "frist " + row.kind + " i sak " + row.case_id +
             " ble endret eller tatt over av en annen arbeider");
    return;
  }
  if (outcome == store::DeadlineStore::Outcome::kCaseGone) return;
  queued_ += static_cast<int>(queued);
  if (expiry_fired) ExpireConsent(row);
}

bool DeadlineWorker::ExpireConsent(const store::DeadlineRow& row) {
  const TimePoint now = clock_.Now();
  auto r = cases_.ExecuteCommand(
      row.tenant, row.case_id, std::nullopt,
      [&](const engine::Snapshot& cur) -> Result<engine::Decision> {
        auto routine = directory_.Pinned(cur.tenant, cur.routine_hash);
        if (!routine) {
          return Status(Code::kInternal,
                        "rutineversjonen saken er knyttet til (" +
                            cur.routine_hash + ") finnes ikke");
        }
        engine::Command cmd;
        cmd.type = engine::CommandType::kExpireConsent;
        engine::Actor actor{cur.tenant, kSystemService, engine::Role::kAdmin};
        return engine::Apply(cur, *routine, cmd, actor, now);
      });
  if (r.ok()) return true;
  const Code code = r.status().code();
  if (code == Code::kNotAllowed || code == Code::kNotFound) {
    // Renewed, withdrawn or closed meanwhile: nothing to expire.
    return true;
  }
  if (code == Code::kStaleVersion || code == Code::kUnavailable) return false;
  log_(LogLevel::kError, "consent_expiry_failed",
       "sak " + row.case_id + ": " + r.status().ToString());
  return code == Code::kInternal;  // retrying cannot help
}

store::PlannedDeadline PlanFirstStage(const Directory& directory,
                                      const engine::Snapshot& after,
                                      const std::string& kind, TimePoint due,
                                      TimePoint now) {
  auto routine = CurrentRoutine(directory, after.tenant, after.routine_id);
  const routine::Settings settings =
      routine ? routine->settings : routine::Settings{};
  // What the worker's first pass would do with stage 0 set at `now`: the
  // same function, so the schedule is the same.
  NextStep next = PlanNext(kind, due, now, 0, settings, now);
  if (next.fire) return {0, now};
  return {next.stage_after, next.next_fire_at};
}

}  // namespace stafett::notify
