// Small routine texts for the rule tables (reader_test.cc, validate_test.cc).
//
// Fixture(steps) is a complete, valid routine around `steps`, which start
// at line 9 (kFirstStepLine), so a table row can state the exact line and
// column it expects. Two steps follow the row's own: `meld` (the
// abuse_step, level 3) and `slutt` (closed). kStart is a valid first step.
#ifndef STAFETT_ROUTINE_TEST_FIXTURES_H_
#define STAFETT_ROUTINE_TEST_FIXTURES_H_

#include <string>
#include <string_view>

#include "routine/loader.h"

namespace stafett::routine::testing {

// Lines 1-8; line 7 defines the service `skole`.
inline constexpr std::string_view kHead =
    "routine: r\n"
    "version: 1\n"
    "tenant: t\n"
    "title: T\n"
    "reference_prefix: TT\n"
    "abuse_step: meld\n"
    "services: [{id: skole, name: Skole, kind: school}]\n"
    "steps:\n";
inline constexpr int kFirstStepLine = 9;

inline constexpr std::string_view kStart =
    "  - {id: start, kind: concern, level: 0, title: S, responsible: reporter, "
    "deadline: P1D, outcomes: [{name: a, to: slutt}]}\n";

inline constexpr std::string_view kTail =
    "  - {id: meld, kind: action, level: 3, title: M, responsible: reporter, "
    "deadline: PT8H, outcomes: [{name: a, to: slutt}]}\n"
    "  - {id: slutt, kind: closed, level: 0, title: E}\n";

inline std::string Fixture(std::string_view steps,
                           std::string_view head = kHead) {
  return std::string(head) + std::string(steps) + std::string(kTail);
}

// One rule, one row: the text, where the diagnostic must point, a fragment
// of its message, and how many diagnostics the text gives in all (1 unless
// the row says otherwise: a rule must not cascade).
struct RuleCase {
  const char* name;
  std::string text;
  int line;
  int column;
  const char* fragment;
  std::size_t count = 1;
};

// Loads `c.text` and checks the row; failures name the row.
void ExpectDiagnostic(const RuleCase& c);

}  // namespace stafett::routine::testing

#endif  // STAFETT_ROUTINE_TEST_FIXTURES_H_
