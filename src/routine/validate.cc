#include "routine/validate.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "routine/suggest.h"

namespace stafett::routine {

namespace {

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Ids end up in URLs, file names and database keys: keep them plain ASCII.
bool IsSnakeId(std::string_view s) {
  if (s.empty() || !IsLower(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return IsLower(c) || IsDigit(c) || c == '_';
  });
}

bool IsSlug(std::string_view s) {
  if (s.empty() || !IsLower(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return IsLower(c) || IsDigit(c) || c == '_' || c == '-';
  });
}

bool IsEnvName(std::string_view s) {
  if (s.empty() || IsDigit(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_';
  });
}

bool LooksLikeEmail(std::string_view s) {
  std::size_t at = s.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < s.size() &&
         s.find('@', at + 1) == std::string_view::npos &&
         s.find_first_of(" \t,;<>") == std::string_view::npos &&
         s.find('.', at) != std::string_view::npos;
}

// Rough length in days, only to compare two settings.
long ApproxDays(const IsoDuration& d) {
  return d.years * 365L + d.months * 30L + d.weeks * 7L + d.days +
         (d.hours * 3600 + d.minutes * 60 + d.seconds) / 86400;
}

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

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

  void Identity();
  void Services();
  void Channels(const Channels& c, const std::string& path);
  void Steps();
  void StepShape(const Step& s, const std::string& path);
  void Fields(const std::vector<FieldSpec>& fields, const std::string& path,
              std::map<std::string, SourcePos>* seen);
  void Tags(const Step& s, const std::string& path);
  void References();
  void Graph();

  const Routine& r_;
  const SourceMap& where_;
  DiagnosticList* diags_;
  std::vector<std::string> step_ids_;
  std::vector<std::string> service_ids_;
  bool unresolved_ = false;  // some step reference does not resolve
};

void Validator::Identity() {
  if (Ok("routine") && !r_.id.empty() && !IsSlug(r_.id)) {
    At("routine",
       "rutine-id " + Quote(r_.id) +
           " kan bare ha små bokstaver a-z, sifre, '-' og '_', og må starte "
           "med en bokstav");
  }
  if (Ok("version") && where_.Has("version") && r_.version < 1) {
    At("version", "version må være et heltall fra 1 og oppover, fant " +
                      std::to_string(r_.version));
  }
  if (Ok("tenant") && !r_.tenant.empty() && !IsSlug(r_.tenant)) {
    At("tenant",
       "kommune-id (tenant) " + Quote(r_.tenant) +
           " kan bare ha små bokstaver a-z, sifre, '-' og '_', og må starte "
           "med en bokstav");
  }
  const std::string& p = r_.reference_prefix;
  if (Ok("reference_prefix") && !p.empty() &&
      (p.size() < 2 || p.size() > 6 ||
       !std::all_of(p.begin(), p.end(),
                    [](char c) { return c >= 'A' && c <= 'Z'; }))) {
    At("reference_prefix",
       "reference_prefix må være 2-6 store bokstaver A-Z (f.eks. NES), fant " +
           Quote(p));
  }
  const Settings& s = r_.settings;
  if (Ok("settings.consent_reminder") && Ok("settings.consent_validity") &&
      ApproxDays(s.consent_reminder) >= ApproxDays(s.consent_validity)) {
    At(where_.Has("settings.consent_reminder") ? "settings.consent_reminder"
                                               : "settings.consent_validity",
       "consent_reminder (" + s.consent_reminder.ToString() +
           ") må være kortere enn consent_validity (" +
           s.consent_validity.ToString() + ")");
  }
}

void Validator::Channels(const routine::Channels& c, const std::string& path) {
  for (std::size_t i = 0; i < c.emails.size(); ++i) {
    std::string item = where_.Has(Item(Child(path, "email"), i))
                           ? Item(Child(path, "email"), i)
                           : Child(path, "email");
    if (Ok(item) && !LooksLikeEmail(c.emails[i])) {
      At(item, "ugyldig e-postadresse " + Quote(c.emails[i]));
    }
  }
  const std::string url = Child(path, "webhook.url");
  if (!c.webhook_url.empty() && Ok(url)) {
    const std::string& u = c.webhook_url;
    bool https = u.rfind("https://", 0) == 0 && u.size() > 8;
    bool local_http = u.rfind("http://localhost", 0) == 0 ||
                      u.rfind("http://127.0.0.1", 0) == 0;
    if (!https && !local_http) {
      At(url,
         "webhook-adressen " + Quote(u) +
             " må starte med https:// (http:// er bare lov mot localhost)");
    }
  }
  const std::string env = Child(path, "webhook.secret_env");
  if (!c.webhook_secret_env.empty() && Ok(env) &&
      !IsEnvName(c.webhook_secret_env)) {
    At(env,
       "secret_env skal være navnet på en miljøvariabel (A-Z, 0-9, _), ikke "
       "selve "
       "hemmeligheten; fant " +
           Quote(c.webhook_secret_env));
  }
}

void Validator::Services() {
  std::map<std::string, SourcePos> seen;
  for (std::size_t i = 0; i < r_.services.size(); ++i) {
    const Service& s = r_.services[i];
    const std::string path = Item("services", i);
    const std::string id = Child(path, "id");
    if (!s.id.empty() && Ok(id)) {
      if (!IsSnakeId(s.id)) {
        At(id, "tjeneste-id " + Quote(s.id) +
                   " kan bare ha små bokstaver a-z, sifre og '_', og må starte "
                   "med en bokstav");
      } else if (s.id == "reporter" || s.id == "baton") {
        At(id, "tjeneste-id " + Quote(s.id) +
                   " er reservert (brukes i 'responsible')");
      }
      if (auto [it, fresh] = seen.emplace(s.id, where_.Value(id)); !fresh) {
        At(id, "tjeneste-id " + Quote(s.id) + " er brukt før (linje " +
                   std::to_string(it->second.line) + ")");
      }
      service_ids_.push_back(s.id);
    }
    Channels(s.channels, Child(path, "channels"));
    Channels(s.leader, Child(path, "leader"));
  }
}

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
    }
  }
  check_step(r_.abuse_step, "abuse_step", "abuse_step");

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

void Validator::Graph() {
  // The graph rules need every edge; see validate.h.
  if (unresolved_ || step_ids_.size() != r_.steps.size() || r_.initial.empty())
    return;

  std::map<std::string, const Step*> by_id;
  for (const auto& s : r_.steps) by_id[s.id] = &s;
  auto edges = [&](const Step& s, bool with_shortcut) {
    std::vector<const Step*> out;
    for (const auto& o : s.outcomes) out.push_back(by_id.at(o.to));
    if (with_shortcut && s.level == 0 && by_id.count(r_.abuse_step)) {
      out.push_back(by_id.at(r_.abuse_step));
    }
    return out;
  };

  std::set<const Step*> reachable;
  std::vector<const Step*> todo = {by_id.at(r_.initial)};
  while (!todo.empty()) {
    const Step* s = todo.back();
    todo.pop_back();
    if (!reachable.insert(s).second) continue;
    for (const Step* t : edges(*s, true)) todo.push_back(t);
  }

  // Backwards from the closed steps, along outcomes only: the shortcut is
  // an exception, not a way to finish an ordinary case.
  std::map<const Step*, std::vector<const Step*>> incoming;
  for (const auto& s : r_.steps) {
    for (const Step* t : edges(s, false)) incoming[t].push_back(&s);
  }
  std::set<const Step*> finishes;
  for (const auto& s : r_.steps) {
    if (s.kind == StepKind::kClosed) todo.push_back(&s);
  }
  while (!todo.empty()) {
    const Step* s = todo.back();
    todo.pop_back();
    if (!finishes.insert(s).second) continue;
    for (const Step* t : incoming[s]) todo.push_back(t);
  }

  for (std::size_t i = 0; i < r_.steps.size(); ++i) {
    const Step& s = r_.steps[i];
    const std::string id = Child(Item("steps", i), "id");
    if (!reachable.count(&s) && s.id != r_.abuse_step) {
      At(id, "steget " + Quote(s.id) + " kan ikke nås fra startsteget " +
                 Quote(r_.initial));
    }
    if (!finishes.count(&s)) {
      At(id, "fra steget " + Quote(s.id) +
                 " kan saken aldri nå et avsluttende steg (kind: closed)");
    }
  }
  if (by_id.count(r_.abuse_step) && !reachable.count(by_id.at(r_.abuse_step))) {
    At("abuse_step",
       "abuse_step " + Quote(r_.abuse_step) +
           " kan ikke nås: snarveien ved mistanke om vold eller overgrep går "
           "fra steg på nivå 0, og ingen slike steg kan nås fra startsteget");
  }
}

void Validator::Run() {
  Identity();
  Services();
  Steps();
  References();
  Graph();
}

}  // namespace

void ValidateRoutine(const Routine& r, const SourceMap& where,
                     DiagnosticList* diags) {
  Validator(r, where, diags).Run();
}

void ValidateRoutineSet(const std::vector<RoutineSource>& set) {
  for (std::size_t i = 0; i < set.size(); ++i) {
    const Routine& b = *set[i].routine;
    const SourceMap& where = *set[i].where;
    DiagnosticList* diags = set[i].diags;
    for (std::size_t j = 0; j < i; ++j) {
      const Routine& a = *set[j].routine;
      const std::string other = a.source_name;
      if (a.id == b.id && a.version == b.version) {
        diags->Add(where.Value("version"),
                   a.hash == b.hash
                       ? "rutinen " + Quote(b.id) + " versjon " +
                             std::to_string(b.version) + " står også i " + other
                       : "rutinen " + Quote(b.id) + " versjon " +
                             std::to_string(b.version) + " står også i " +
                             other +
                             " med annet innhold; øk versjonsnummeret når "
                             "rutinen endres");
      }
      if (a.id == b.id && a.tenant != b.tenant) {
        diags->Add(where.Value("tenant"), "rutinen " + Quote(b.id) +
                                              " tilhører kommunen " +
                                              Quote(a.tenant) + " i " + other);
      }
      if (a.tenant == b.tenant && a.id != b.id) {
        diags->Add(where.Value("routine"),
                   "kommunen " + Quote(b.tenant) + " har allerede rutinen " +
                       Quote(a.id) + " i " + other + "; én rutine per kommune");
      }
      if (a.reference_prefix == b.reference_prefix && a.tenant != b.tenant) {
        diags->Add(where.Value("reference_prefix"),
                   "reference_prefix " + Quote(b.reference_prefix) +
                       " brukes allerede av kommunen " + Quote(a.tenant) +
                       " i " + other);
      }
    }
  }
}

}  // namespace stafett::routine
