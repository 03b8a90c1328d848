#include "routine/validate.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "routine/graph.h"
#include "routine/suggest.h"
#include "routine/validate_channels.h"
#include "routine/validate_escalation.h"
#include "routine/validate_internal.h"

namespace stafett::routine {

namespace {

using internal::IsSnakeId;
using internal::Quote;

class Validator {
 public:
  Validator(const Routine& r, const SourceMap& where, DiagnosticList* diags)
      : r_(r), where_(where), diags_(diags) {}

  void Run();

 private:
  void At(const std::string& path, std::string message) {
    diags_->Add(where_.Value(path), std::move(message));
  }
  void AtKey(const std::string& path, std::string message) {
    diags_->Add(where_.Key(path), std::move(message));
  }
  bool Ok(const std::string& path) const { return !where_.Broken(path); }

  void Steps();
  void StepShape(const Step& s, const std::string& path);
  void Fields(const std::vector<FieldSpec>& fields, const std::string& path,
              std::map<std::string, SourcePos>* seen);
  void Tags(const Step& s, const std::string& path);
  void References();

  const Routine& r_;
  const SourceMap& where_;
  DiagnosticList* diags_;
  std::vector<std::string> step_ids_;
  std::vector<std::string> service_ids_;
  bool unresolved_ = false;  // some step reference does not resolve
};

void Validator::Fields(const std::vector<FieldSpec>& fields,
                       const std::string& path,
                       std::map<std::string, SourcePos>* seen) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const FieldSpec& f = fields[i];
    const std::string item = Item(path, i);
    const std::string name = Child(item, "name");
    if (!f.name.empty() && Ok(name)) {
      if (!IsSnakeId(f.name)) {
        At(name, "feltnavnet " + Quote(f.name) +
                     " kan bare ha små bokstaver a-z, sifre og '_', og må "
                     "starte med en "
                     "bokstav");
      }
      if (auto [it, fresh] = seen->emplace(f.name, where_.Value(name));
          !fresh) {
        At(name, "feltet " + Quote(f.name) +
                     " er allerede krevd i dette steget (linje " +
                     std::to_string(it->second.line) + ")");
      }
    }
    if (!Ok(Child(item, "type"))) continue;
    const std::string options = Child(item, "options");
    if (f.type == FieldType::kChoice && f.options.empty() && Ok(options)) {
      At(where_.Has(options) ? options : item,
         "valgfeltet " + Quote(f.name) +
             " (type: choice) mangler alternativer (options)");
    }
    bool may_have_options = f.type == FieldType::kChoice ||
                            f.type == FieldType::kService ||
                            f.type == FieldType::kServices;
    if (!may_have_options && !f.options.empty()) {
      AtKey(options,
            "bare felt av type choice, service og services kan ha options; " +
                Quote(f.name) + " har type " + FieldTypeName(f.type));
      continue;
    }
    std::set<std::string> distinct;
    for (std::size_t k = 0; k < f.options.size(); ++k) {
      const std::string opt_path =
          where_.Has(Item(options, k)) ? Item(options, k) : options;
      const std::string& opt = f.options[k];
      if (!Ok(opt_path)) continue;
      if (!distinct.insert(opt).second) {
        At(opt_path, "alternativet " + Quote(opt) + " står to ganger");
      }
      if (f.type != FieldType::kChoice &&
          std::find(service_ids_.begin(), service_ids_.end(), opt) ==
              service_ids_.end()) {
        At(opt_path, "ukjent tjeneste " + Quote(opt) + " i options" +
                         DidYouMean(opt, service_ids_));
      }
    }
  }
}

void Validator::Tags(const Step& s, const std::string& path) {
  const std::string sjumil = Child(path, "tags.sjumilssteget");
  const std::string uncrc = Child(path, "tags.uncrc");
  auto check = [&](const std::vector<int>& tags, const std::string& base,
                   int max, const char* what) {
    std::set<int> distinct;
    for (std::size_t i = 0; i < tags.size(); ++i) {
      std::string p = where_.Has(Item(base, i)) ? Item(base, i) : base;
      if (!Ok(p)) continue;
      if (tags[i] < 1 || tags[i] > max) {
        At(p, std::string(what) + " må være fra 1 til " + std::to_string(max) +
                  ", fant " + std::to_string(tags[i]));
      } else if (!distinct.insert(tags[i]).second) {
        At(p, std::string(what) + " " + std::to_string(tags[i]) +
                  " står to ganger");
      }
    }
  };
  check(s.sjumilssteget, sjumil, 7, "Sjumilssteget-trinn");
  check(s.uncrc, uncrc, 54, "artikkel i barnekonvensjonen (uncrc)");
}

void Validator::StepShape(const Step& s, const std::string& path) {
  const std::string name = s.id.empty() ? "steget" : "steget " + Quote(s.id);
  const bool kind_ok = Ok(Child(path, "kind"));
  const bool closed = s.kind == StepKind::kClosed;
  const std::string level = Child(path, "level");
  if (Ok(level) && where_.Has(level) && (s.level < 0 || s.level > 3)) {
    At(level,
       "nivå (level) må være 0, 1, 2 eller 3, fant " + std::to_string(s.level));
  }
  if (!kind_ok) return;  // the rules below depend on the kind

  const std::string responsible = Child(path, "responsible");
  if (!closed && !where_.Has(responsible) && Ok(responsible)) {
    At(path,
       name + " mangler 'responsible' (reporter, baton eller en tjeneste-id)");
  }

  const std::string deadline = Child(path, "deadline");
  if (closed && where_.Has(deadline)) {
    AtKey(deadline,
          "avsluttende steg (kind: closed) kan ikke ha frist (deadline)");
  } else if (!closed && !where_.Has(deadline) && Ok(deadline)) {
    At(path,
       name +
           " mangler frist (deadline); alle steg unntatt avsluttende (closed) "
           "må ha "
           "en, f.eks. deadline: P14D eller deadline: {working_days: 10}");
  } else if (s.deadline.kind == DeadlineSpec::Kind::kWorkingDays &&
             s.deadline.working_days <= 0) {
    At(Child(deadline, "working_days"),
       "working_days må være et positivt heltall, fant " +
           std::to_string(s.deadline.working_days));
  }

  const std::string outcomes = Child(path, "outcomes");
  if (!Ok(outcomes)) return;
  const std::size_t n = s.outcomes.size();
  if (closed && n > 0) {
    AtKey(outcomes,
          "avsluttende steg (kind: closed) kan ikke ha utfall (outcomes)");
  } else if (s.kind == StepKind::kEvaluation && n < 2) {
    At(where_.Has(outcomes) ? outcomes : path,
       name + " (kind: evaluation) må ha minst to utfall (outcomes), fant " +
           std::to_string(n));
  } else if (!closed && n == 0) {
    At(where_.Has(outcomes) ? outcomes : path,
       name + " må ha minst ett utfall (outcomes)");
  }
}

void Validator::Steps() {
  std::map<std::string, SourcePos> seen;
  for (std::size_t i = 0; i < r_.steps.size(); ++i) {
    const Step& s = r_.steps[i];
    const std::string id = Child(Item("steps", i), "id");
    if (s.id.empty() || !Ok(id)) continue;
    if (!IsSnakeId(s.id)) {
      At(id, "steg-id " + Quote(s.id) +
                 " kan bare ha små bokstaver a-z, sifre og '_', og må starte "
                 "med en bokstav");
    }
    if (auto [it, fresh] = seen.emplace(s.id, where_.Value(id)); !fresh) {
      At(id, "steg-id " + Quote(s.id) + " er brukt før (linje " +
                 std::to_string(it->second.line) + ")");
      continue;  // two steps, one id: the graph rules cannot tell them apart
    }
    step_ids_.push_back(s.id);
  }
  if (r_.steps.empty() && Ok("steps") && where_.Has("steps")) {
    At("steps", "rutinen har ingen steg");
  }

  for (std::size_t i = 0; i < r_.steps.size(); ++i) {
    const Step& s = r_.steps[i];
    const std::string path = Item("steps", i);
    if (!Ok(path)) continue;
    StepShape(s, path);
    Tags(s, path);

    std::map<std::string, SourcePos> step_fields;
    Fields(s.fields, Child(path, "requires"), &step_fields);
    std::map<std::string, SourcePos> outcome_names;
    for (std::size_t k = 0; k < s.outcomes.size(); ++k) {
      const Outcome& o = s.outcomes[k];
      const std::string op = Item(Child(path, "outcomes"), k);
      const std::string name = Child(op, "name");
      if (!o.name.empty() && Ok(name)) {
        if (!IsSnakeId(o.name)) {
          At(name, "utfallsnavnet " + Quote(o.name) +
                       " kan bare ha små bokstaver a-z, sifre og '_', og må "
                       "starte med en "
                       "bokstav");
        } else if (o.name == "suspected_abuse") {
          At(name,
             "utfallsnavnet 'suspected_abuse' er reservert: snarveien ved "
             "mistanke om overgrep finnes alltid på nivå 0 og leder til "
             "abuse_step");
        }
        if (auto [it, fresh] =
                outcome_names.emplace(o.name, where_.Value(name));
            !fresh) {
          At(name, "utfallet " + Quote(o.name) + " står to ganger i steget " +
                       Quote(s.id) + " (linje " +
                       std::to_string(it->second.line) + ")");
        }
      }
      // Step fields are recorded with every outcome: the names share one
      // namespace per outcome.
      std::map<std::string, SourcePos> fields = step_fields;
      Fields(o.fields, Child(op, "requires"), &fields);
    }
  }
}

void Validator::References() {
  auto known_step = [&](const std::string& id) {
    return std::find(step_ids_.begin(), step_ids_.end(), id) != step_ids_.end();
  };
  auto check_step = [&](const std::string& id, const std::string& path,
                        const char* what) {
    if (id.empty() || !Ok(path)) {
      if (!Ok(path)) unresolved_ = true;
      return false;
    }
    if (known_step(id)) return true;
    unresolved_ = true;
    At(path, std::string(what) + " peker til ukjent steg " + Quote(id) +
                 DidYouMean(id, step_ids_));
    return false;
  };

  if (check_step(r_.initial, "initial", "initial")) {
    const Step* s = r_.FindStep(r_.initial);
    if (s->kind == StepKind::kClosed) {
      At("initial", "startsteget " + Quote(r_.initial) +
                        " kan ikke være avsluttende (kind: closed)");
      unresolved_ = true;  // reachability from a closed step says nothing
    }
  }
  if (check_step(r_.abuse_step, "abuse_step", "abuse_step")) {
    // The shortcut needs no consent, so at the abuse step no service but
    // the reporter may see the case: it must be the reporter's to act on.
    const Step* s = r_.FindStep(r_.abuse_step);
    if (s->kind != StepKind::kClosed &&
        s->responsible.kind != Responsible::Kind::kReporter) {
      At("abuse_step",
         "abuse_step " + Quote(r_.abuse_step) +
             " må ha responsible: reporter: snarveien ved mistanke om "
             "overgrep krever ikke samtykke, så ingen annen tjeneste kan se "
             "saken der");
    }
  }

  std::vector<std::string> responsible_ids = service_ids_;
  responsible_ids.push_back("reporter");
  responsible_ids.push_back("baton");
  for (std::size_t i = 0; i < r_.steps.size(); ++i) {
    const Step& s = r_.steps[i];
    const std::string path = Item("steps", i);
    if (!Ok(path)) {
      unresolved_ = true;
      continue;
    }
    if (!Ok(Child(path, "outcomes"))) unresolved_ = true;
    const std::string resp = Child(path, "responsible");
    if (s.responsible.kind == Responsible::Kind::kService && Ok(resp) &&
        !r_.FindService(s.responsible.service)) {
      At(resp, "responsible " + Quote(s.responsible.service) +
                   " er verken reporter, baton eller en kjent tjeneste-id" +
                   DidYouMean(s.responsible.service, responsible_ids));
    }
    bool all_resolve = true, any_closes = false;
    for (std::size_t k = 0; k < s.outcomes.size(); ++k) {
      const std::string op = Item(Child(path, "outcomes"), k);
      const Outcome& o = s.outcomes[k];
      if (!Ok(op) || !check_step(o.to, Child(op, "to"),
                                 ("utfallet " + Quote(o.name)).c_str())) {
        unresolved_ = true;
        all_resolve = false;
        continue;
      }
      any_closes = any_closes || r_.FindStep(o.to)->kind == StepKind::kClosed;
    }
    if (s.kind == StepKind::kEvaluation && Ok(Child(path, "kind")) &&
        all_resolve && s.outcomes.size() >= 2 && !any_closes) {
      At(Child(path, "outcomes"),
         "steget " + Quote(s.id) +
             " (kind: evaluation) må ha minst ett utfall som fører til et "
             "avsluttende steg "
             "(kind: closed)");
    }
  }
}

void Validator::Run() {
  internal::CheckRoutineHeader(r_, where_, diags_);
  internal::CheckRetention(r_, where_, diags_);
  internal::CheckArchive(r_, where_, diags_);
  for (const auto& s : r_.services) {
    if (!s.id.empty()) service_ids_.push_back(s.id);
  }
  Steps();
  References();
  // The graph rules need every edge; see validate.h.
  if (!unresolved_ && step_ids_.size() == r_.steps.size() &&
      !r_.initial.empty()) {
    CheckGraph(r_, where_, diags_);
  }
}

}  // namespace

void ValidateRoutine(const Routine& r, const SourceMap& where,
                     DiagnosticList* diags) {
  Validator(r, where, diags).Run();
  ValidateChannels(r, where, diags);
  // fmtcore (issue 12): consent points, field roles, levels and the baton.
  internal::CheckConsentPoints(r, where, diags);
  internal::CheckFieldRoles(r, where, diags);
  internal::CheckLevelsAndBaton(r, where, diags);
  ValidateCalendarAndEscalation(r, where, diags);  // fmtnotify
}

}  // namespace stafett::routine
