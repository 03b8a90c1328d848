#include "routine/graph.h"

#include <map>
#include <vector>

#include "routine/validate_internal.h"

namespace stafett::routine {

namespace {

using internal::Quote;

std::vector<const Step*> Edges(const Routine& r, const Step& s,
                               bool with_shortcut) {
  std::vector<const Step*> out;
  for (const auto& o : s.outcomes) out.push_back(r.FindStep(o.to));
  // A closed case is over; the shortcut no longer applies to it.
  if (with_shortcut && s.level == 0 && s.kind != StepKind::kClosed) {
    out.push_back(r.FindStep(r.abuse_step));
  }
  return out;
}

}  // namespace

std::set<std::string> ReachableSteps(const Routine& r) {
  std::set<std::string> seen;
  std::vector<const Step*> todo = {r.FindStep(r.initial)};
  while (!todo.empty()) {
    const Step* s = todo.back();
    todo.pop_back();
    if (!seen.insert(s->id).second) continue;
    for (const Step* t : Edges(r, *s, true)) todo.push_back(t);
  }
  return seen;
}

std::set<std::string> StepsThatCanClose(const Routine& r) {
  std::map<const Step*, std::vector<const Step*>> incoming;
  std::vector<const Step*> todo;
  for (const auto& s : r.steps) {
    for (const Step* t : Edges(r, s, false)) incoming[t].push_back(&s);
    if (s.kind == StepKind::kClosed) todo.push_back(&s);
  }
  std::set<std::string> seen;
  while (!todo.empty()) {
    const Step* s = todo.back();
    todo.pop_back();
    if (!seen.insert(s->id).second) continue;
    for (const Step* t : incoming[s]) todo.push_back(t);
  }
  return seen;
}

void CheckGraph(const Routine& r, const SourceMap& where,
                DiagnosticList* diags) {
  const std::set<std::string> reachable = ReachableSteps(r);
  const std::set<std::string> can_close = StepsThatCanClose(r);
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const Step& s = r.steps[i];
    const SourcePos at = where.Value(Child(Item("steps", i), "id"));
    // An unreachable abuse_step gets its own message below.
    if (!reachable.count(s.id) && s.id != r.abuse_step) {
      diags->Add(at, "steget " + Quote(s.id) +
                         " kan ikke nås fra startsteget " + Quote(r.initial));
    }
    if (!can_close.count(s.id)) {
      diags->Add(at,
                 "fra steget " + Quote(s.id) +
                     " kan saken aldri nå et avsluttende steg (kind: closed)");
    }
  }
  if (!reachable.count(r.abuse_step)) {
    diags->Add(
        where.Value("abuse_step"),
        "abuse_step " + Quote(r.abuse_step) +
            " kan ikke nås: snarveien ved mistanke om vold eller overgrep går "
            "fra steg på nivå 0, og ingen slike steg kan nås fra startsteget");
  }
}

}  // namespace stafett::routine
