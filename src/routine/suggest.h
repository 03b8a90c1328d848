// "Did you mean": the closest known word to a misspelt one, so a typo in a
// routine file comes with its fix ("ukjent nøkkel 'deadlnie' (mente du
// 'deadline'?)").
//
// Thread-safety: pure functions.
#ifndef STAFETT_ROUTINE_SUGGEST_H_
#define STAFETT_ROUTINE_SUGGEST_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace stafett::routine {

// Optimal-string-alignment distance: insertions, deletions, substitutions
// and swaps of two neighbours each cost 1. Counts bytes, so a Sami letter
// typed as its base letter costs 1 or 2.
std::size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a plausible
// typo (case is ignored), else "". Also knows a few Norwegian words an
// administrator may write for the English keys (frist -> deadline).
std::string ClosestMatch(std::string_view word,
                         const std::vector<std::string>& candidates);

// " (mente du 'x'?)" or "" when nothing is close.
std::string DidYouMean(std::string_view word,
                       const std::vector<std::string>& candidates);

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_SUGGEST_H_
