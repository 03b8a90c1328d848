// The simulator's inner loop (engine/simulate.h): one case at a time
// through the real engine (OpenCase, Allowed, Apply), with handling times
// and outcomes drawn from the routine's simulation profile. Internal to
// engine/simulate.cc, which splits the cases over threads and merges what
// each thread tallied.
//
// Thread-safety: RunCases touches only its own Tally; several may run at
// once on one routine, profile and options (read only).
#ifndef STAFETT_ENGINE_SIM_CASE_RUN_H_
#define STAFETT_ENGINE_SIM_CASE_RUN_H_

#include <chrono>
#include <string>
#include <vector>

#include "core/time.h"
#include "engine/simulate.h"
#include "routine/model.h"
#include "routine/sim_profile.h"

namespace stafett::engine::sim {

// Months since year 0, for indexing a tally by calendar month.
inline int MonthIndex(std::chrono::year_month_day d) {
  return static_cast<int>(d.year()) * 12 +
         static_cast<int>(static_cast<unsigned>(d.month())) - 1;
}

// What one thread accumulates; merged in a fixed order at the end.
struct Tally {
  int closed = 0, open = 0, consent_refused = 0, refusals = 0;
  std::vector<std::vector<int>> steps_entered, batons_held, meetings;
  std::vector<int> visits, finished, missed;
  std::vector<std::vector<double>> step_days;  // finished visits
  std::vector<double> case_days;               // per step
  std::vector<double> close_days;

  Tally(std::size_t services, std::size_t steps, int months)
      : steps_entered(services, std::vector<int>(months)),
        batons_held(services, std::vector<int>(months)),
        meetings(services, std::vector<int>(months)),
        visits(steps),
        finished(steps),
        missed(steps),
        step_days(steps),
        case_days(steps) {}
};

// Runs cases n = first, first + stride, ... below options.cases, arriving
// between `start` and `end` (first_month = MonthIndex of start's month),
// each reported by one of `reporters` drawn by `reporter_weights`, and adds
// what happened to *tally. Each case draws from its own stream seeded by
// options.seed and n, so the result does not depend on the thread count.
void RunCases(const routine::Routine& routine,
              const routine::SimProfile& profile, const SimOptions& options,
              int first_month, TimePoint start, TimePoint end,
              const std::vector<std::string>& reporters,
              const std::vector<double>& reporter_weights, int first,
              int stride, Tally* tally);

}  // namespace stafett::engine::sim

#endif  // STAFETT_ENGINE_SIM_CASE_RUN_H_
