// Test support for the report and audit suites: cases with exactly the
// step visits, timings and journal events a test names, written through
// CaseStore with hand-made Decisions (no engine, no routine), so every
// figure of a report can be predicted by hand.
//
//   ReportCase c(store, "nesseby", "skole");
//   c.Enter("undring", 0, "skole", "2026-01-05T09:00:00Z", Days(14))
//    .Enter("samtale", 0, "skole", "2026-01-07T09:00:00Z", Days(7))
//    .Event("consent_expired", "2026-02-01T10:00:00Z")
//    .Baton("ppt");
//
// Each Enter leaves the previous visit at the new visit's time. The cases
// use routine "bti" version 3 (testing::TestRoutine; save it first).
#ifndef STAFETT_STORE_AUDIT_TEST_REPORT_CASES_H_
#define STAFETT_STORE_AUDIT_TEST_REPORT_CASES_H_

#include <chrono>
#include <optional>
#include <string>

#include "core/time.h"
#include "engine/case.h"
#include "store/cases/case_store.h"

namespace stafett::store::testing {

inline Millis Days(int n) { return std::chrono::hours(24 * n); }
inline Millis Hours(int n) { return std::chrono::hours(n); }
// "2026-01-05T09:00:00Z" -> TimePoint (aborts the test on a typo).
TimePoint Utc(const char* iso);

class ReportCase {
 public:
  ReportCase(CaseStore& store, std::string tenant, std::string unit);

  // Enters `step` at `at` (the first call opens the case); `due` after
  // entry, none when nullopt. `kind` is the step kind ("closed" for a
  // closing step).
  ReportCase& Enter(const std::string& step, int level,
                    const std::string& service, const char* at,
                    std::optional<Millis> due,
                    const std::string& kind = "action");
  // A journal entry of `kind` at `at`, nothing else changed.
  ReportCase& Event(const std::string& kind, const char* at);
  // The baton is held by `holder` ("" for none).
  ReportCase& Baton(const std::string& holder);
  // The case is closed (status only; enter a closed step first if wanted).
  ReportCase& Close();

  const std::string& id() const { return snap_.case_id; }
  const engine::Snapshot& snapshot() const { return snap_; }

 private:
  void Apply(engine::Decision d);

  CaseStore& store_;
  std::string tenant_;
  std::string unit_;
  engine::Snapshot snap_;
};

}  // namespace stafett::store::testing

#endif  // STAFETT_STORE_AUDIT_TEST_REPORT_CASES_H_
