#include "routine/suggest.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace stafett::routine {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Administrators think in Norwegian; the file's keys are English.
constexpr std::pair<std::string_view, std::string_view> kSynonyms[] = {
    {"frist", "deadline"},
    {"tidsfrist", "deadline"},
    {"steg", "steps"},
    {"trinn", "steps"},
    {"tjenester", "services"},
    {"tjeneste", "service"},
    {"niva", "level"},
    {"nivå", "level"},
    {"tittel", "title"},
    {"navn", "name"},
    {"utfall", "outcomes"},
    {"ansvarlig", "responsible"},
    {"krav", "requires"},
    {"krever", "requires"},
    {"felt", "requires"},
    {"fields", "requires"},
    {"type", "kind"},
    {"kind", "type"},
    {"art", "kind"},
    {"til", "to"},
    {"etikett", "label"},
    {"valg", "options"},
    {"alternativer", "options"},
    {"påkrevd", "required"},
    {"kommune", "tenant"},
    {"prefiks", "reference_prefix"},
    {"prefix", "reference_prefix"},
    {"start", "initial"},
    {"innstillinger", "settings"},
    {"leder", "leader"},
    {"kanaler", "channels"},
    {"epost", "email"},
    {"e-post", "email"},
    {"merker", "tags"},
    {"barnekonvensjonen", "uncrc"},
    {"secret", "secret_env"},
    {"hemmelighet", "secret_env"},
    {"virkedager", "working_days"},
    {"versjon", "version"},
    {"id", "name"},
    {"name", "id"},
};

}  // namespace

// Three rows of the table, not all n+1: a 16 KB key (a routine file may
// hold one, and aliases repeat it) would otherwise allocate 16,000 rows for
// each candidate it is compared with.
std::size_t EditDistance(std::string_view a, std::string_view b) {
  const std::size_t m = b.size();
  std::vector<std::size_t> before(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      }
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::string ClosestMatch(std::string_view word,
                         const std::vector<std::string>& candidates) {
  const std::string w = Lower(word);
  for (const auto& [from, to] : kSynonyms) {
    if (w == from && std::find(candidates.begin(), candidates.end(), to) !=
                         candidates.end()) {
      return std::string(to);
    }
  }
  // Short words are close to everything; allow fewer edits for them.
  std::size_t limit = w.size() <= 3 ? 1 : w.size() <= 8 ? 2 : 3;
  // With one candidate there is nothing to confuse it with.
  if (candidates.size() == 1) {
    limit = std::max(limit, std::max(w.size(), candidates[0].size()) / 2);
  }
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    // The distance is at least the difference in length: a candidate that
    // cannot beat the best so far is not compared (a long unknown key then
    // costs nothing).
    const std::size_t gap =
        w.size() > c.size() ? w.size() - c.size() : c.size() - w.size();
    if (gap >= best_distance) continue;
    std::size_t dist = EditDistance(w, Lower(c));
    if (dist < best_distance) {
      best_distance = dist;
      best = c;
    }
  }
  // A prefix ("dead" for "deadline") is a typo too, however short.
  if (best.empty() && w.size() >= 3) {
    for (const auto& c : candidates) {
      if (Lower(c).rfind(w, 0) == 0) return c;
    }
  }
  return best;
}

std::string DidYouMean(std::string_view word,
                       const std::vector<std::string>& candidates) {
  std::string m = ClosestMatch(word, candidates);
  return m.empty() ? std::string() : " (mente du '" + m + "'?)";
}

}  // namespace stafett::routine
