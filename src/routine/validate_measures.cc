// Field roles (issue 12): what the engine does with a recorded value. A
// measure (tiltak) is three fields with roles measure, measure_owner and
// evaluation_date; a baton_holder field picks the stafettholder.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "routine/validate_internal.h"

namespace stafett::routine::internal {

namespace {

struct Placed {
  const FieldSpec* field;
  std::string path;  // the field item, e.g. steps[3].outcomes[0].requires[1]
};

// Names that used to be "recognised" in the README but were read by no
// code, with the role that now makes them mean something.
const std::map<std::string, FieldRole>& KnownNames() {
  static const std::map<std::string, FieldRole> kNames = {
      {"measure_responsible", FieldRole::kMeasureOwner},
      {"measure_owner", FieldRole::kMeasureOwner},
      {"evaluation_date", FieldRole::kEvaluationDate},
      {"baton_holder", FieldRole::kBatonHolder},
      {"stafettholder", FieldRole::kBatonHolder},
  };
  return kNames;
}

void CheckOne(const Placed& p, const SourceMap& where, DiagnosticList* diags) {
  const FieldSpec& f = *p.field;
  const std::string role = Child(p.path, "role");
  if (f.role == FieldRole::kNone) {
    auto it = KnownNames().find(f.name);
    if (it != KnownNames().end() && !where.Has(role)) {
      diags->AddWarning(
          where.Value(Child(p.path, "name")),
          "feltet " + Quote(f.name) +
              " lagres bare som en verdi; Stafett gjør ingenting med det. "
              "Skriv role: " +
              FieldRoleName(it->second) +
              (it->second == FieldRole::kBatonHolder
                   ? " for at tjenesten skal få tilbud om stafettpinnen"
                   : " for at tiltaket skal få ansvarlig tjeneste og "
                     "evalueringsdato"));
    }
    return;
  }
  if (where.Broken(role) || where.Broken(Child(p.path, "type"))) return;
  const FieldType want = FieldTypeForRole(f.role);
  if (f.type != want) {
    diags->Add(where.Value(role),
               std::string("feltrollen '") + FieldRoleName(f.role) +
                   "' krever type " + FieldTypeName(want) + ", men feltet " +
                   Quote(f.name) + " har type " + FieldTypeName(f.type));
  }
  if (f.role != FieldRole::kBatonHolder && !f.required) {
    diags->Add(where.Value(Child(p.path, "required")),
               "et tiltak har alltid beskrivelse, ansvarlig tjeneste og "
               "evalueringsdato: feltet " +
                   Quote(f.name) + " (role: " + FieldRoleName(f.role) +
                   ") kan ikke ha required: false");
  }
}

// Step fields are part of every outcome's scope: report a problem with one
// of them once, not once per outcome.
class Once {
 public:
  explicit Once(DiagnosticList* diags) : diags_(diags) {}
  void Add(SourcePos pos, std::string message) {
    std::string key =
        std::to_string(pos.line) + ":" + std::to_string(pos.column) + message;
    if (seen_.insert(key).second) diags_->Add(pos, std::move(message));
  }

 private:
  DiagnosticList* diags_;
  std::set<std::string> seen_;
};

// One outcome's fields: the step's own, then the outcome's.
void CheckScope(const std::vector<Placed>& scope, const Step& from,
                const Step* to, const std::string& outcome_path,
                const std::string& outcome_name, const SourceMap& where,
                Once* diags) {
  std::map<FieldRole, const Placed*> by_role;
  for (const auto& p : scope) {
    if (p.field->role == FieldRole::kNone) continue;
    auto [it, fresh] = by_role.emplace(p.field->role, &p);
    if (!fresh) {
      diags->Add(where.Value(Child(p.path, "role")),
                 std::string("utfallet ") + Quote(outcome_name) +
                     " har allerede et felt med role: " +
                     FieldRoleName(p.field->role) + " (" +
                     Quote(it->second->field->name) + ", linje " +
                     std::to_string(
                         where.Value(Child(it->second->path, "role")).line) +
                     ")");
    }
  }
  // An evaluation date alone is a "next evaluation": it sets the deadline.
  const bool any_measure = by_role.count(FieldRole::kMeasure) ||
                           by_role.count(FieldRole::kMeasureOwner);
  if (any_measure) {
    std::vector<std::string> missing;
    for (FieldRole r : {FieldRole::kMeasure, FieldRole::kMeasureOwner,
                        FieldRole::kEvaluationDate}) {
      if (!by_role.count(r)) missing.push_back(FieldRoleName(r));
    }
    if (!missing.empty()) {
      std::string list;
      for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
      diags->Add(where.Value(outcome_path),
                 "utfallet " + Quote(outcome_name) + " i steget " +
                     Quote(from.id) +
                     " avtaler et tiltak, men mangler felt med role: " + list +
                     " (et tiltak har beskrivelse, ansvarlig tjeneste og "
                     "evalueringsdato)");
    }
  }
  if (to != nullptr && to->kind == StepKind::kClosed) {
    for (FieldRole r : {FieldRole::kEvaluationDate, FieldRole::kBatonHolder}) {
      auto it = by_role.find(r);
      if (it == by_role.end()) continue;
      diags->Add(
          where.Value(Child(it->second->path, "role")),
          "utfallet " + Quote(outcome_name) + " avslutter saken (" +
              Quote(to->id) + "), så feltet " + Quote(it->second->field->name) +
              " (role: " + FieldRoleName(r) + ") har ingen virkning der");
    }
  }
}

}  // namespace

void CheckFieldRoles(const Routine& r, const SourceMap& where,
                     DiagnosticList* diags) {
  Once once(diags);
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const Step& s = r.steps[i];
    const std::string path = Item("steps", i);
    if (where.Broken(path)) continue;
    std::vector<Placed> own;
    for (std::size_t k = 0; k < s.fields.size(); ++k) {
      own.push_back(Placed{&s.fields[k], Item(Child(path, "requires"), k)});
      CheckOne(own.back(), where, diags);
    }
    for (std::size_t k = 0; k < s.outcomes.size(); ++k) {
      const Outcome& o = s.outcomes[k];
      const std::string op = Item(Child(path, "outcomes"), k);
      if (where.Broken(op)) continue;
      std::vector<Placed> scope = own;
      for (std::size_t j = 0; j < o.fields.size(); ++j) {
        scope.push_back(Placed{&o.fields[j], Item(Child(op, "requires"), j)});
        CheckOne(scope.back(), where, diags);
      }
      CheckScope(scope, s, r.FindStep(o.to), op, o.name, where, &once);
    }
  }
}

}  // namespace stafett::routine::internal
