// A simulation profile: how a municipality expects its services to work a
// routine, for `stafett routine simulate` (engine/simulate.h). It says how
// likely each outcome of a step is, how long the responsible service takes
// with a step, how often the guardians consent and how often the team picks
// a baton holder. Everything is optional: a missing value takes the default
// documented in workflows/README.md ("Simulating a routine").
//
// File format (YAML):
//   consent: 0.9              # probability the guardians consent when asked
//   baton: 0.6                # probability a consented case gets a holder
//   arrivals:                 # reporting services and their weights
//     solsikken_barnehage: 3
//   steps:
//     konkretisert:
//       handling: {median: P5D, p90: P12D}
//       outcomes: {describe: 0.8, close: 0.2}
//
// Thread-safety: reentrant; results are plain values.
#ifndef STAFETT_ROUTINE_SIM_PROFILE_H_
#define STAFETT_ROUTINE_SIM_PROFILE_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/deadline.h"
#include "routine/diagnostic.h"
#include "routine/model.h"

namespace stafett::routine {

struct SimStepProfile {
  // Time the responsible service takes with the step. Absent: a share of
  // the step's own deadline (median 60 %, p90 110 %).
  std::optional<IsoDuration> median;
  std::optional<IsoDuration> p90;
  // Relative weights of the step's outcomes (need not sum to 1). An
  // outcome not named has weight 0 when any is named; none named: all
  // outcomes equally likely.
  std::map<std::string, double> outcomes;
};

struct SimProfile {
  double consent = 0.9;
  double baton = 0.6;
  // Reporting services and their weights. Empty: every kindergarten and
  // school of the routine equally (every service when it has neither).
  std::map<std::string, double> arrivals;
  std::map<std::string, SimStepProfile> steps;  // by step id
};

struct SimProfileResult {
  std::optional<SimProfile> profile;  // absent when there are diagnostics
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return profile.has_value(); }
};

// Reads a profile for `routine`: unknown keys, steps, outcomes and services
// are errors at their line and column, as are probabilities outside 0..1,
// negative weights, bad durations and a p90 below the median.
SimProfileResult ReadSimProfile(std::string_view text, const std::string& name,
                                const Routine& routine);

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_SIM_PROFILE_H_
