// Levels and the baton along the graph (issue 12): warnings about what a
// routine does to a case that its author may not have meant.
#include <deque>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "routine/validate_internal.h"

namespace stafett::routine::internal {

namespace {

std::size_t IndexOf(const Routine& r, const Step* s) {
  return static_cast<std::size_t>(s - r.steps.data());
}

// The levels a case can have in each step: a step's own level, or for a
// step that keeps the level, every level a case can arrive with.
std::map<const Step*, std::set<int>> CaseLevels(const Routine& r) {
  std::map<const Step*, std::set<int>> levels;
  const Step* initial = r.FindStep(r.initial);
  std::deque<const Step*> todo;
  auto arrive = [&](const Step* to, int level) {
    int now =
        to->KeepsLevel() && to->kind != StepKind::kClosed ? level : to->level;
    if (levels[to].insert(now).second) todo.push_back(to);
  };
  arrive(initial, initial->KeepsLevel() ? 0 : initial->level);
  const Step* abuse = r.FindStep(r.abuse_step);
  while (!todo.empty()) {
    const Step* s = todo.front();
    todo.pop_front();
    if (s->kind == StepKind::kClosed) continue;
    for (int level : std::set<int>(levels[s])) {
      for (const auto& o : s->outcomes) arrive(r.FindStep(o.to), level);
      if (level == 0) arrive(abuse, level);
    }
  }
  return levels;
}

std::string LevelList(const std::set<int>& levels) {
  std::string out;
  std::size_t i = 0;
  for (int l : levels) {
    if (i > 0) out += i + 1 == levels.size() ? " og " : ", ";
    out += std::to_string(l);
    ++i;
  }
  return out;
}

void WarnSharedLevelChanges(const Routine& r, const SourceMap& where,
                            DiagnosticList* diags) {
  auto levels = CaseLevels(r);
  // The levels cases come from, per step entered by an outcome. Level
  // changes are decided in evaluations (up or down a level) and follow
  // consent (the step after one that collects it); the abuse shortcut moves
  // to its step's level by design. What remains is the ordinary flow, where
  // a step shared by several levels silently moves cases (issue 12: one
  // evaluation step after level-1 and level-2 measures).
  std::map<const Step*, std::set<int>> from;
  for (const auto& [s, ls] : levels) {
    if (s->kind == StepKind::kClosed || s->kind == StepKind::kEvaluation ||
        s->consent == ConsentPoint::kCollect) {
      continue;
    }
    for (const auto& o : s->outcomes) {
      from[r.FindStep(o.to)].insert(ls.begin(), ls.end());
    }
  }
  for (const auto& [to, ls] : from) {
    if (to->kind == StepKind::kClosed || to->KeepsLevel()) continue;
    if (ls.size() < 2) continue;
    std::set<int> moved;
    for (int l : ls) {
      if (l != to->level) moved.insert(l);
    }
    if (moved.empty()) continue;
    diags->AddWarning(
        where.Value(Child(Item("steps", IndexOf(r, to)), "level")),
        "steget " + Quote(to->id) + " brukes av saker på nivå " +
            LevelList(ls) + ", og flytter saken til nivå " +
            std::to_string(to->level) + "; en sak på nivå " + LevelList(moved) +
            " skifter da nivå uten at noen har valgt det. Skriv keep_level: "
            "true hvis saken skal beholde nivået sitt, eller gi hvert nivå "
            "sitt eget steg");
  }
}

// Where the routine says the team picks the holder (also when the team may
// leave it for later: required: false).
bool PicksBaton(const Step& s, const Outcome& o) {
  for (const auto* fields : {&s.fields, &o.fields}) {
    for (const auto& f : *fields) {
      if (f.role == FieldRole::kBatonHolder) return true;
    }
  }
  return false;
}

void WarnBatonWithoutHolder(const Routine& r, const SourceMap& where,
                            DiagnosticList* diags) {
  // (step, a holder was picked on the way) pairs a case can be in.
  std::set<std::pair<const Step*, bool>> seen;
  std::deque<std::pair<const Step*, bool>> todo;
  auto go = [&](const Step* s, bool picked) {
    if (seen.insert({s, picked}).second) todo.push_back({s, picked});
  };
  go(r.FindStep(r.initial), false);
  const Step* abuse = r.FindStep(r.abuse_step);
  std::set<const Step*> warned;
  while (!todo.empty()) {
    auto [s, picked] = todo.front();
    todo.pop_front();
    if (!picked && s->kind != StepKind::kClosed &&
        s->responsible.kind == Responsible::Kind::kBatonHolder) {
      // Once per path: the steps after it are in the same situation, and
      // one warning says what to do.
      picked = true;
      if (!warned.insert(s).second) continue;
      diags->AddWarning(
          where.Value(Child(Item("steps", IndexOf(r, s)), "responsible")),
          "steget " + Quote(s->id) +
              " er stafettholderens ansvar (responsible: baton), men en sak "
              "kan komme hit før noe utfall har valgt stafettholder. Til en "
              "tjeneste har tatt imot pinnen, er tjenesten som meldte saken "
              "ansvarlig. Velg holderen med et felt med role: baton_holder "
              "på et utfall før dette steget");
    }
    if (s->kind == StepKind::kClosed) continue;
    for (const auto& o : s->outcomes) {
      go(r.FindStep(o.to), picked || PicksBaton(*s, o));
    }
    if (s->level == 0 || s->KeepsLevel()) go(abuse, picked);
  }
}

}  // namespace

void CheckLevelsAndBaton(const Routine& r, const SourceMap& where,
                         DiagnosticList* diags) {
  if (!AllStepsResolve(r)) return;
  WarnSharedLevelChanges(r, where, diags);
  WarnBatonWithoutHolder(r, where, diags);
}

}  // namespace stafett::routine::internal
