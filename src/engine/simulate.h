// The routine simulator: what a routine will ask of each service before a
// municipality publishes it. N synthetic cases arrive evenly over the
// horizon and are driven through the real engine (OpenCase, Allowed, Apply)
// on a simulated clock, with outcomes and handling times drawn from a
// profile (routine/sim_profile.h). No product in the field has one.
//
// How a case moves (docs: workflows/README.md, "Simulating a routine"):
//  - a reporting service opens it (profile arrivals);
//  - at each step the responsible service acts after a handling time drawn
//    from a log-normal distribution (the profile's median and p90, or 60 %
//    and 110 % of the step's own deadline), taking an outcome drawn by the
//    profile's weights among the outcomes it may take;
//  - an outcome that needs consent the case lacks makes the service ask the
//    guardians once: they consent (scope: every service of the routine) with
//    the profile's probability; otherwise only the outcomes open without
//    consent remain, and a case with none is closed;
//  - once consented, the team picks a baton holder with the profile's
//    probability; the offeree accepts one to three days later;
//  - a case still open at the horizon's end stays open.
// Cases do not compete for capacity: the output is the load the routine
// puts on services, not a queueing model of their staff.
//
// Deterministic: the same routine, profile, options and seed give the same
// result, whatever the thread count (each case draws from its own stream).
//
// Thread-safety: Simulate is reentrant; it runs options.threads threads of
// its own and calls the observer from them.
#ifndef STAFETT_ENGINE_SIMULATE_H_
#define STAFETT_ENGINE_SIMULATE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "engine/case.h"
#include "routine/model.h"
#include "routine/sim_profile.h"

namespace stafett::engine {

// Called for every command the engine accepted (tests check invariants).
using SimObserver = std::function<void(
    const Snapshot& before, const Decision& decision, const Command& command,
    const Actor& actor, TimePoint now)>;

struct SimOptions {
  int cases = 1000;  // 1..10,000,000
  int months = 12;   // 1..120
  std::uint64_t seed = 1;
  std::chrono::year_month_day start{std::chrono::year{2027},
                                    std::chrono::month{1},
                                    std::chrono::day{1}};  // first month
  int threads = 1;                                         // 1..64
  SimObserver observer;  // optional; needs threads == 1 to be ordered
};

struct SimServiceLoad {
  std::string service;
  // One entry per month of the horizon.
  std::vector<int> steps_entered;  // steps the service became responsible for
  std::vector<int> batons_held;    // cases whose baton it held in the month
  std::vector<int> meetings;       // team_meeting steps it was responsible for
};

struct SimStepStats {
  std::string step;
  int level = 0;
  int visits = 0;        // times the step was entered
  int finished = 0;      // visits left before the horizon's end
  int missed = 0;        // finished after their deadline, or open past it
  double mean_days = 0;  // time in the step, finished visits
  double p90_days = 0;
  double case_days = 0;  // total time cases stood on the step
};

struct SimResult {
  int cases = 0;
  int closed = 0;
  int open = 0;                      // closed + open == cases
  std::vector<std::string> months;   // "2027-01", ...
  std::vector<SimServiceLoad> load;  // routine service order
  std::vector<SimStepStats> steps;   // routine step order (closed steps too)
  double close_median_days = 0;      // created -> closed, closed cases
  double close_p90_days = 0;
  // Up to three steps where cases wait longest in total (case-days), most
  // first; ties by misses. Closed steps never count.
  std::vector<std::string> bottlenecks;
  int consent_refused = 0;  // cases whose guardians said no
  int refusals = 0;  // commands the engine refused (0 for a sound routine)
};

// kInvalidArgument (naming the option) for options out of range.
Result<SimResult> Simulate(const routine::Routine& routine,
                           const routine::SimProfile& profile,
                           const SimOptions& options);

// The result as JSON (one object) and as CSV (section,service,step,month,value
// rows: load_steps_entered, load_batons_held, load_meetings, step_visits,
// step_missed, step_mean_days, step_p90_days, close_median_days,
// close_p90_days, cases, closed, open).
std::string SimResultJson(const SimResult& r);
std::string SimResultCsv(const SimResult& r);

}  // namespace stafett::engine

#endif  // STAFETT_ENGINE_SIMULATE_H_
