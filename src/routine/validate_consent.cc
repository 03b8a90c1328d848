// Consent points (issue 12): where a routine says consent is needed, and
// the fields that look as if they recorded consent but do not.
#include <string>

#include "routine/validate_internal.h"

namespace stafett::routine::internal {

namespace {

bool LooksLikeConsent(const std::string& name) {
  return name.rfind("consent", 0) == 0 || name.rfind("samtykke", 0) == 0;
}

void WarnConsentFields(const std::vector<FieldSpec>& fields,
                       const std::string& path, const SourceMap& where,
                       DiagnosticList* diags) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const FieldSpec& f = fields[i];
    if (!LooksLikeConsent(f.name)) continue;
    diags->AddWarning(
        where.Value(Child(Item(path, i), "name")),
        "feltet " + Quote(f.name) +
            " registrerer ikke samtykke: verdien lagres bare med utfallet, "
            "og gir ingen tilgang og ingen frist. Samtykke registreres med "
            "kommandoen consent (foresatte/ungdommen, tjenestene det "
            "omfatter og hvor lenge det gjelder). Fjern feltet, og skriv "
            "consent: collect på steget der samtykket hentes");
  }
}

// Whether entering `s` needs consent when the case comes from a step at
// level 0 (the level it then has unless `s` changes it).
bool NeedsConsentFromLevel0(const Step& s) {
  if (s.kind == StepKind::kClosed) return false;
  if (s.consent == ConsentPoint::kCollect) return false;
  if (s.consent == ConsentPoint::kRequired) return true;
  return !s.KeepsLevel() && s.level > 0;
}

}  // namespace

void CheckConsentPoints(const Routine& r, const SourceMap& where,
                        DiagnosticList* diags) {
  bool any_collect = false;
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const Step& s = r.steps[i];
    const std::string path = Item("steps", i);
    if (where.Broken(path)) continue;
    const std::string consent = Child(path, "consent");
    WarnConsentFields(s.fields, Child(path, "requires"), where, diags);
    for (std::size_t k = 0; k < s.outcomes.size(); ++k) {
      WarnConsentFields(s.outcomes[k].fields,
                        Child(Item(Child(path, "outcomes"), k), "requires"),
                        where, diags);
    }
    if (s.consent != ConsentPoint::kCollect || where.Broken(consent)) continue;
    any_collect = true;
    if (s.kind == StepKind::kClosed && !where.Broken(Child(path, "kind"))) {
      diags->Add(where.Value(consent),
                 "et avsluttende steg (kind: closed) kan ikke hente samtykke "
                 "(consent: collect)");
    } else if (s.responsible.kind == Responsible::Kind::kService &&
               !where.Broken(Child(path, "responsible"))) {
      diags->Add(
          where.Value(consent),
          "steget " + Quote(s.id) +
              " henter samtykke (consent: collect), men er ansvaret til " +
              Quote(s.responsible.service) +
              ", som ikke kan se saken før samtykket er gitt; skriv "
              "responsible: reporter eller responsible: baton");
    }
  }
  if (any_collect || !AllStepsResolve(r)) return;
  // Without a collecting step, a case at level 0 can only go into a step
  // that needs consent once consent already exists: say so where it shows.
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const Step& from = r.steps[i];
    if (from.kind == StepKind::kClosed || from.level != 0 || from.KeepsLevel())
      continue;
    for (std::size_t k = 0; k < from.outcomes.size(); ++k) {
      const Step* to = r.FindStep(from.outcomes[k].to);
      if (to == nullptr || !NeedsConsentFromLevel0(*to)) continue;
      diags->AddWarning(
          where.Value(
              Child(Item(Child(Item("steps", i), "outcomes"), k), "to")),
          "utfallet " + Quote(from.outcomes[k].name) +
              " fører fra nivå 0 til " + Quote(to->id) + " (nivå " +
              std::to_string(to->level) +
              "), som krever samtykke; uten samtykke avvises utfallet. Er " +
              Quote(to->id) +
              " steget der samtykket hentes, skriv consent: collect på det");
    }
  }
}

bool AllStepsResolve(const Routine& r) {
  if (!r.FindStep(r.initial) || !r.FindStep(r.abuse_step)) return false;
  for (const auto& s : r.steps) {
    for (const auto& o : s.outcomes) {
      if (!r.FindStep(o.to)) return false;
    }
  }
  return true;
}

}  // namespace stafett::routine::internal
