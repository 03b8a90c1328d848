#include "routine/diff.h"

#include <algorithm>

namespace stafett::routine {

namespace {

bool SameFields(const std::vector<FieldSpec>& a,
                const std::vector<FieldSpec>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].type != b[i].type ||
        a[i].required != b[i].required || a[i].options != b[i].options ||
        a[i].label.by_lang != b[i].label.by_lang) {
      return false;
    }
  }
  return true;
}

bool SameOutcomes(const std::vector<Outcome>& a,
                  const std::vector<Outcome>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].to != b[i].to ||
        a[i].label.by_lang != b[i].label.by_lang ||
        !SameFields(a[i].fields, b[i].fields)) {
      return false;
    }
  }
  return true;
}

bool SameDeadline(const DeadlineSpec& a, const DeadlineSpec& b) {
  return a.kind == b.kind && a.working_days == b.working_days &&
         a.duration.ToString() == b.duration.ToString();
}

std::vector<std::string> What(const Step& a, const Step& b) {
  std::vector<std::string> what;
  if (a.kind != b.kind) what.push_back("kind");
  if (a.level != b.level) what.push_back("level");
  if (a.title.by_lang != b.title.by_lang) what.push_back("title");
  if (a.responsible.ToString() != b.responsible.ToString()) {
    what.push_back("responsible");
  }
  if (!SameDeadline(a.deadline, b.deadline)) what.push_back("deadline");
  if (!SameFields(a.fields, b.fields)) what.push_back("fields");
  if (!SameOutcomes(a.outcomes, b.outcomes)) what.push_back("outcomes");
  if (a.sjumilssteget != b.sjumilssteget || a.uncrc != b.uncrc) {
    what.push_back("tags");
  }
  return what;
}

}  // namespace

bool RoutineDiff::Changes(const std::string& step) const {
  if (std::find(steps_removed.begin(), steps_removed.end(), step) !=
      steps_removed.end()) {
    return true;
  }
  return std::any_of(steps_changed.begin(), steps_changed.end(),
                     [&](const StepChange& c) { return c.step == step; });
}

RoutineDiff DiffRoutines(const Routine& from, const Routine& to) {
  RoutineDiff d;
  for (const auto& s : from.steps) {
    if (to.FindStep(s.id) == nullptr) d.steps_removed.push_back(s.id);
  }
  for (const auto& s : to.steps) {
    const Step* old = from.FindStep(s.id);
    if (old == nullptr) {
      d.steps_added.push_back(s.id);
      continue;
    }
    auto what = What(*old, s);
    if (!what.empty()) d.steps_changed.push_back({s.id, std::move(what)});
  }
  return d;
}

}  // namespace stafett::routine
