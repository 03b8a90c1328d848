#include "engine/simulate.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <thread>

#include "core/deadline.h"
#include "engine/engine.h"
#include "engine/fields.h"
#include "engine/sim_case_run.h"

namespace stafett::engine {
namespace {

using std::chrono::year_month_day;

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  // Nearest rank, as the compliance report does.
  std::size_t rank = static_cast<std::size_t>(std::ceil(p * v.size()));
  return v[std::max<std::size_t>(rank, 1) - 1];
}

Status Check(const SimOptions& o) {
  if (o.cases < 1 || o.cases > 10'000'000) {
    return Status::Invalid("Antall saker skal være 1 til 10 000 000.", "cases");
  }
  if (o.months < 1 || o.months > 120) {
    return Status::Invalid("Antall måneder skal være 1 til 120.", "months");
  }
  if (o.threads < 1 || o.threads > 64) {
    return Status::Invalid("Antall tråder skal være 1 til 64.", "threads");
  }
  if (!o.start.ok()) {
    return Status::Invalid("Startdatoen er ikke en dato.", "start");
  }
  return Status();
}

}  // namespace

Result<SimResult> Simulate(const routine::Routine& routine,
                           const routine::SimProfile& profile,
                           const SimOptions& options) {
  if (Status s = Check(options); !s.ok()) return s;
  const year_month_day first{options.start.year(), options.start.month(),
                             std::chrono::day{1}};
  const TimePoint start = OsloStartOfDay(first);
  const auto last = std::chrono::year_month{first.year(), first.month()} +
                    std::chrono::months{options.months};
  const TimePoint end = OsloStartOfDay(
      year_month_day{last.year(), last.month(), std::chrono::day{1}});

  std::vector<std::string> reporters;
  std::vector<double> weights;
  for (const auto& s : routine.services) {
    double w = 0;
    if (!profile.arrivals.empty()) {
      auto it = profile.arrivals.find(s.id);
      w = it == profile.arrivals.end() ? 0 : it->second;
    } else if (s.kind == routine::ServiceKind::kKindergarten ||
               s.kind == routine::ServiceKind::kSchool) {
      w = 1;
    }
    reporters.push_back(s.id);
    weights.push_back(w);
  }
  if (std::all_of(weights.begin(), weights.end(),
                  [](double w) { return w <= 0; })) {
    if (!profile.arrivals.empty()) {
      return Status::Invalid(
          "Profilen gir ingen tjeneste som melder saker (alle vekter er 0).",
          "arrivals");
    }
    std::fill(weights.begin(), weights.end(), 1.0);
  }

  const int first_month = sim::MonthIndex(first);
  const int threads = std::min(options.threads, options.cases);
  std::vector<sim::Tally> tallies(
      threads, sim::Tally(routine.services.size(), routine.steps.size(),
                          options.months));
  auto work = [&](int t) {
    // Interleaved, so every thread gets early and late arrivals alike.
    sim::RunCases(routine, profile, options, first_month, start, end, reporters,
                  weights, t, threads, &tallies[t]);
  };
  if (threads == 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work, t);
    for (auto& th : pool) th.join();
  }

  // Merge in thread order; sums and sorted samples make it order-free.
  sim::Tally all(routine.services.size(), routine.steps.size(), options.months);
  for (const sim::Tally& t : tallies) {
    all.closed += t.closed;
    all.open += t.open;
    all.consent_refused += t.consent_refused;
    all.refusals += t.refusals;
    for (std::size_t s = 0; s < routine.services.size(); ++s) {
      for (int m = 0; m < options.months; ++m) {
        all.steps_entered[s][m] += t.steps_entered[s][m];
        all.batons_held[s][m] += t.batons_held[s][m];
        all.meetings[s][m] += t.meetings[s][m];
      }
    }
    for (std::size_t i = 0; i < routine.steps.size(); ++i) {
      all.visits[i] += t.visits[i];
      all.finished[i] += t.finished[i];
      all.missed[i] += t.missed[i];
      all.case_days[i] += t.case_days[i];
      all.step_days[i].insert(all.step_days[i].end(), t.step_days[i].begin(),
                              t.step_days[i].end());
    }
    all.close_days.insert(all.close_days.end(), t.close_days.begin(),
                          t.close_days.end());
  }

  SimResult r;
  r.cases = options.cases;
  r.closed = all.closed;
  r.open = all.open;
  r.consent_refused = all.consent_refused;
  r.refusals = all.refusals;
  for (int m = 0; m < options.months; ++m) {
    auto ym = std::chrono::year_month{first.year(), first.month()} +
              std::chrono::months{m};
    r.months.push_back(
        FormatDate(year_month_day{ym.year(), ym.month(), std::chrono::day{1}})
            .substr(0, 7));
  }
  for (std::size_t s = 0; s < routine.services.size(); ++s) {
    r.load.push_back(SimServiceLoad{routine.services[s].id,
                                    all.steps_entered[s], all.batons_held[s],
                                    all.meetings[s]});
  }
  for (std::size_t i = 0; i < routine.steps.size(); ++i) {
    const auto& days_in = all.step_days[i];
    double sum = 0;
    for (double d : days_in) sum += d;
    r.steps.push_back(SimStepStats{
        routine.steps[i].id, routine.steps[i].level, all.visits[i],
        all.finished[i], all.missed[i],
        days_in.empty() ? 0 : sum / static_cast<double>(days_in.size()),
        Percentile(days_in, 0.9), all.case_days[i]});
  }
  r.close_median_days = Percentile(all.close_days, 0.5);
  r.close_p90_days = Percentile(all.close_days, 0.9);

  std::vector<const SimStepStats*> ranked;
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    if (routine.steps[i].kind != routine::StepKind::kClosed &&
        r.steps[i].case_days > 0) {
      ranked.push_back(&r.steps[i]);
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto* a, const auto* b) {
                     if (a->case_days != b->case_days)
                       return a->case_days > b->case_days;
                     return a->missed > b->missed;
                   });
  for (std::size_t i = 0; i < ranked.size() && i < 3; ++i) {
    r.bottlenecks.push_back(ranked[i]->step);
  }
  return r;
}

}  // namespace stafett::engine
