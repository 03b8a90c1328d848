// simulate_bench [CASES] [THREADS]: the routine simulator on every shipped
// routine (workflows/), 12 months, seed 1. Prints cases per second.
// Goal (issue: routines for administrators): 100,000 cases in under 10 s.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/simulate.h"
#include "routine/loader.h"

int main(int argc, char** argv) {
  using namespace stafett;
  int cases = argc > 1 ? std::atoi(argv[1]) : 100000;
  int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  const char* src = std::getenv("STAFETT_SOURCE_DIR");
  std::string dir = std::string(src ? src : ".") + "/workflows";
  for (const auto& lr : routine::LoadRoutineDir(dir)) {
    if (!lr.ok()) continue;
    engine::SimOptions o;
    o.cases = cases;
    o.threads = threads;
    auto t0 = std::chrono::steady_clock::now();
    auto r = engine::Simulate(*lr.routine, routine::SimProfile{}, o);
    double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
            .count();
    if (!r.ok()) {
      std::printf("%s: %s\n", lr.routine->id.c_str(),
                  r.status().message().c_str());
      return 1;
    }
    std::printf(
        "%-8s %d cases, 12 months, %d threads: %.2f s (%.0f cases/s); "
        "closed %d, open %d, refusals %d\n",
        lr.routine->id.c_str(), cases, threads, s, cases / s, r->closed,
        r->open, r->refusals);
  }
  return 0;
}
