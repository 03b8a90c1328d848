#include "routine/reader.h"

#include <charconv>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/deadline.h"
#include "routine/schema.h"
#include "routine/suggest.h"
#include "routine/utf8_check.h"
#include "routine/yaml_limits.h"

namespace stafett::routine {

namespace {

using schema::Join;
using schema::Keys;

// The key a path ends in: "steps[2].outcomes[0].to" -> "to".
std::string KeyName(const std::string& path) {
  std::size_t dot = path.rfind('.');
  std::string last = dot == std::string::npos ? path : path.substr(dot + 1);
  return last.substr(0, last.find('['));
}

std::string Describe(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null:
      return "ingen verdi";
    case YAML::NodeType::Scalar:
      return "'" + n.Scalar() + "'";
    case YAML::NodeType::Sequence:
      return "en liste";
    case YAML::NodeType::Map:
      return "et kart (nøkkel: verdi)";
    default:
      return "ingenting";
  }
}

class Reader {
 public:
  Reader(std::string_view text, SourceMap* where, DiagnosticList* diags)
      : text_(text), where_(where), diags_(diags) {}

  bool Read(Routine* r);

 private:
  // yaml-cpp counts columns in bytes; editors count characters, and Sami
  // letters are two bytes in UTF-8.
  SourcePos Pos(const YAML::Mark& m) const;
  SourcePos Pos(const YAML::Node& n) const { return Pos(n.Mark()); }

  // Reports at the value of `path` and silences rules that depend on it.
  void Error(const std::string& path, std::string message) {
    diags_->Add(where_->Value(path), std::move(message));
    where_->MarkBroken(path);
  }

  bool Map(const YAML::Node& n, const std::string& path, const Keys& known,
           const Keys& required, const char* what);
  // For an optional list: false (nothing to read) for a missing or empty
  // value, reports anything but a list.
  bool List(const YAML::Node& n, const std::string& path);
  bool Scalar(const YAML::Node& n, const std::string& path,
              const char* expected);

  void String(const YAML::Node& n, const std::string& path, std::string* out);
  void Int(const YAML::Node& n, const std::string& path, int* out);
  void Bool(const YAML::Node& n, const std::string& path, bool* out);
  void Text(const YAML::Node& n, const std::string& path, routine::Text* out);
  void StringList(const YAML::Node& n, const std::string& path,
                  std::vector<std::string>* out);
  void IntList(const YAML::Node& n, const std::string& path,
               std::vector<int>* out);
  void Duration(const YAML::Node& n, const std::string& path, IsoDuration* out);
  void Deadline(const YAML::Node& n, const std::string& path,
                DeadlineSpec* out);
  template <typename E>
  void Enum(const YAML::Node& n, const std::string& path, const Keys& names,
            const char* what, E* out);

  void Settings(const YAML::Node& n, const std::string& path,
                routine::Settings* s);
  void Retention(const YAML::Node& n, const std::string& path,
                 routine::Retention* r);
  void Service(const YAML::Node& n, const std::string& path,
               routine::Service* s);
  void Channels(const YAML::Node& n, const std::string& path,
                routine::Channels* c);
  void Step(const YAML::Node& n, const std::string& path, routine::Step* s);
  void Fields(const YAML::Node& n, const std::string& path,
              std::vector<FieldSpec>* out);
  void Outcome(const YAML::Node& n, const std::string& path,
               routine::Outcome* o);

  // fmtnotify (reader_calendar.inc): `calendar`, `teams`, `escalation`,
  // and the calendar handed to every working-day deadline.
  void Calendar(const YAML::Node& n, Routine* r);
  void Closure(const YAML::Node& n, const std::string& path, ClosureSpec* c);
  void Teams(const YAML::Node& n, Routine* r);
  void Escalation(const YAML::Node& n, Routine* r);
  static void AttachCalendar(Routine* r);

  std::string_view text_;
  SourceMap* where_;
  DiagnosticList* diags_;
};

SourcePos Reader::Pos(const YAML::Mark& m) const {
  return PositionInText(text_, m.pos, m.line, m.column);
}

bool Reader::Map(const YAML::Node& n, const std::string& path,
                 const Keys& known, const Keys& required, const char* what) {
  if (!n.IsMap()) {
    Error(path, std::string("feil type: ") + what +
                    " skal være et kart (nøkkel: verdi), men er " +
                    Describe(n));
    return false;
  }
  std::map<std::string, int> seen;  // key -> line of its first use
  for (const auto& kv : n) {
    SourcePos key_pos = Pos(kv.first);
    if (!kv.first.IsScalar()) {
      diags_->Add(key_pos, "en nøkkel må være en tekst");
      continue;
    }
    const std::string key = kv.first.Scalar();
    if (auto it = seen.find(key); it != seen.end()) {
      diags_->Add(key_pos, "nøkkelen '" + key +
                               "' står to ganger (første gang på linje " +
                               std::to_string(it->second) + ")");
      continue;
    }
    seen[key] = key_pos.line;
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      std::string match = ClosestMatch(key, known);
      diags_->Add(key_pos,
                  "ukjent nøkkel '" + key + "'" +
                      (match.empty() ? "; gyldige nøkler her: " + Join(known)
                                     : " (mente du '" + match + "'?)"));
      // The misspelt key is the only problem: do not also report the key it
      // was meant to be as missing (here or in validate.cc).
      if (!match.empty()) where_->MarkBroken(Child(path, match));
      continue;
    }
    const std::string child = Child(path, key);
    where_->SetKey(child, key_pos);
    // An empty value has no position of its own (yaml-cpp gives the next
    // token's); its key is where the administrator must look.
    where_->SetValue(child, kv.second.IsNull() ? key_pos : Pos(kv.second));
  }
  for (const auto& key : required) {
    if (!seen.count(key) && !where_->Broken(Child(path, key))) {
      diags_->Add(where_->Value(path),
                  std::string(what) + " mangler påkrevd nøkkel '" + key + "'");
      where_->MarkBroken(Child(path, key));
    }
  }
  return true;
}

bool Reader::List(const YAML::Node& n, const std::string& path) {
  if (!n.IsDefined() || n.IsNull()) return false;
  if (!n.IsSequence()) {
    Error(path, "feil type: '" + KeyName(path) +
                    "' skal være en liste, men er " + Describe(n));
    return false;
  }
  return true;
}

bool Reader::Scalar(const YAML::Node& n, const std::string& path,
                    const char* expected) {
  if (!n.IsDefined()) return false;
  if (n.IsNull()) {
    Error(path, "'" + KeyName(path) + "' mangler verdi");
    return false;
  }
  if (!n.IsScalar()) {
    Error(path, std::string("feil type: '") + KeyName(path) + "' skal være " +
                    expected + ", men er " + Describe(n));
    return false;
  }
  return true;
}

void Reader::String(const YAML::Node& n, const std::string& path,
                    std::string* out) {
  if (!Scalar(n, path, "en tekst")) return;
  *out = n.Scalar();
  if (out->empty()) Error(path, "'" + KeyName(path) + "' kan ikke være tom");
}

void Reader::Int(const YAML::Node& n, const std::string& path, int* out) {
  if (!Scalar(n, path, "et heltall")) return;
  const std::string& s = n.Scalar();
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  if (ec != std::errc() || end != s.data() + s.size()) {
    Error(path, "feil type: '" + KeyName(path) +
                    "' skal være et heltall, men er '" + s + "'");
  }
}

void Reader::Bool(const YAML::Node& n, const std::string& path, bool* out) {
  if (!Scalar(n, path, "true eller false")) return;
  const std::string& s = n.Scalar();
  if (s == "true" || s == "True" || s == "TRUE") {
    *out = true;
  } else if (s == "false" || s == "False" || s == "FALSE") {
    *out = false;
  } else {
    Error(path, "feil type: '" + KeyName(path) +
                    "' skal være true eller false, men er '" + s + "'");
  }
}

void Reader::Text(const YAML::Node& n, const std::string& path,
                  routine::Text* out) {
  if (!n.IsDefined()) return;
  if (n.IsMap()) {
    if (!Map(n, path, schema::kLanguages, {"nb"}, "teksten")) return;
    for (const auto& lang : schema::kLanguages) {
      if (n[lang]) String(n[lang], Child(path, lang), &out->by_lang[lang]);
    }
    return;
  }
  if (!Scalar(n, path, "en tekst eller et kart med språkene nb, nn, en, se"))
    return;
  out->by_lang["nb"] = n.Scalar();
  if (n.Scalar().empty())
    Error(path, "'" + KeyName(path) + "' kan ikke være tom");
}

void Reader::StringList(const YAML::Node& n, const std::string& path,
                        std::vector<std::string>* out) {
  if (n.IsDefined() && n.IsScalar()) {  // one value needs no brackets
    out->push_back(n.Scalar());
    return;
  }
  if (!List(n, path)) return;
  for (std::size_t i = 0; i < n.size(); ++i) {
    std::string item = Item(path, i);
    where_->SetValue(item, n[i].IsNull() ? where_->Value(path) : Pos(n[i]));
    out->emplace_back();
    String(n[i], item, &out->back());
  }
}

void Reader::IntList(const YAML::Node& n, const std::string& path,
                     std::vector<int>* out) {
  if (n.IsDefined() && n.IsScalar()) {
    out->push_back(0);
    Int(n, path, &out->back());
    return;
  }
  if (!List(n, path)) return;
  for (std::size_t i = 0; i < n.size(); ++i) {
    std::string item = Item(path, i);
    where_->SetValue(item, n[i].IsNull() ? where_->Value(path) : Pos(n[i]));
    out->push_back(0);
    Int(n[i], item, &out->back());
  }
}

void Reader::Duration(const YAML::Node& n, const std::string& path,
                      IsoDuration* out) {
  if (!Scalar(n, path, "en ISO-8601-varighet (f.eks. P14D)")) return;
  Result<IsoDuration> d = ParseIsoDuration(n.Scalar());
  if (!d.ok()) {
    Error(path, d.status().message());
    return;
  }
  *out = *d;
}

void Reader::Deadline(const YAML::Node& n, const std::string& path,
                      DeadlineSpec* out) {
  if (!n.IsDefined()) return;
  if (n.IsMap()) {
    if (!Map(n, path, schema::kDeadlineKeys, schema::kDeadlineKeys, "fristen"))
      return;
    const std::string wd = Child(path, "working_days");
    int days = 0;
    Int(n["working_days"], wd, &days);
    if (!where_->Broken(wd)) *out = DeadlineSpec::WorkingDays(days);
    return;
  }
  if (!Scalar(n, path, "en ISO-8601-varighet (P14D) eller {working_days: N}"))
    return;
  const std::string& s = n.Scalar();
  if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos) {
    Error(path, "fristen '" + s + "' mangler enhet: skriv P" + s + "D for " +
                    s + " kalenderdager eller {working_days: " + s +
                    "} for virkedager");
    return;
  }
  Result<IsoDuration> d = ParseIsoDuration(s);
  if (!d.ok()) {
    Error(path, d.status().message());
    return;
  }
  *out = DeadlineSpec::Calendar(*d);
}

template <typename E>
void Reader::Enum(const YAML::Node& n, const std::string& path,
                  const Keys& names, const char* what, E* out) {
  if (!Scalar(n, path, "en tekst")) return;
  const std::string& s = n.Scalar();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == s) {
      *out = static_cast<E>(i);
      return;
    }
  }
  std::string hint = DidYouMean(s, names);
  Error(path, std::string("ukjent ") + what + " '" + s + "'" + hint +
                  "; gyldige verdier: " + Join(names));
}

void Reader::Settings(const YAML::Node& n, const std::string& path,
                      routine::Settings* s) {
  if (!n.IsDefined() || n.IsNull()) return;
  if (!Map(n, path, schema::kSettingsKeys, {}, "innstillingene (settings)"))
    return;
  Duration(n["approaching_lead"], Child(path, "approaching_lead"),
           &s->approaching_lead);
  Duration(n["escalation_grace"], Child(path, "escalation_grace"),
           &s->escalation_grace);
  Duration(n["consent_reminder"], Child(path, "consent_reminder"),
           &s->consent_reminder);
  Duration(n["consent_validity"], Child(path, "consent_validity"),
           &s->consent_validity);
}

void Reader::Retention(const YAML::Node& n, const std::string& path,
                       routine::Retention* r) {
  if (!n.IsDefined() || n.IsNull()) return;
  if (!Map(n, path, schema::kRetentionKeys, {}, "oppbevaringen (retention)"))
    return;
  Duration(n["closed_case"], Child(path, "closed_case"), &r->closed_case);
  Duration(n["closed_case_reported"], Child(path, "closed_case_reported"),
           &r->closed_case_reported);
  Duration(n["access_log"], Child(path, "access_log"), &r->access_log);
  Duration(n["notifications_delivered"], Child(path, "notifications_delivered"),
           &r->notifications_delivered);
  Duration(n["notifications_failed"], Child(path, "notifications_failed"),
           &r->notifications_failed);
  Duration(n["idempotency_keys"], Child(path, "idempotency_keys"),
           &r->idempotency_keys);
  const YAML::Node archive = n["archive"];
  const std::string archive_path = Child(path, "archive");
  if (!archive.IsDefined() || archive.IsNull()) return;
  if (!Map(archive, archive_path, schema::kArchiveKeys, {}, "arkivet")) return;
  String(archive["directory"], Child(archive_path, "directory"),
         &r->archive.directory);
  String(archive["language"], Child(archive_path, "language"),
         &r->archive.language);
  const YAML::Node hook = archive["webhook"];
  const std::string hook_path = Child(archive_path, "webhook");
  if (!hook.IsDefined() || hook.IsNull()) return;
  if (!Map(hook, hook_path, schema::kWebhookKeys, schema::kWebhookKeys,
           "webhooken"))
    return;
  String(hook["url"], Child(hook_path, "url"), &r->archive.webhook_url);
  String(hook["secret_env"], Child(hook_path, "secret_env"),
         &r->archive.webhook_secret_env);
}

void Reader::Channels(const YAML::Node& n, const std::string& path,
                      routine::Channels* c) {
  if (!n.IsDefined() || n.IsNull()) return;
  if (!Map(n, path, schema::kChannelKeys, {}, "kanalene")) return;
  StringList(n["email"], Child(path, "email"), &c->emails);
  String(n["language"], Child(path, "language"), &c->language);  // fmtnotify
  const YAML::Node hook = n["webhook"];
  const std::string hook_path = Child(path, "webhook");
  if (!hook.IsDefined() || hook.IsNull()) return;
  if (!Map(hook, hook_path, schema::kWebhookKeys, schema::kWebhookKeys,
           "webhooken"))
    return;
  String(hook["url"], Child(hook_path, "url"), &c->webhook_url);
  String(hook["secret_env"], Child(hook_path, "secret_env"),
         &c->webhook_secret_env);
}

void Reader::Service(const YAML::Node& n, const std::string& path,
                     routine::Service* s) {
  s->pos = where_->Value(path);
  if (!Map(n, path, schema::kServiceKeys, schema::kServiceRequired,
           "tjenesten"))
    return;
  String(n["id"], Child(path, "id"), &s->id);
  // A plain string (bokmål) or one per language, like every text.
  Text(n["name"], Child(path, "name"), &s->names);
  s->name = s->names.Get("nb");
  Enum(n["kind"], Child(path, "kind"), schema::kServiceKinds, "tjenestetype",
       &s->kind);
  Channels(n["channels"], Child(path, "channels"), &s->channels);
  Channels(n["leader"], Child(path, "leader"), &s->leader);
}

void Reader::Fields(const YAML::Node& n, const std::string& path,
                    std::vector<FieldSpec>* out) {
  if (!List(n, path)) return;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string item = Item(path, i);
    where_->SetValue(item, n[i].IsNull() ? where_->Value(path) : Pos(n[i]));
    FieldSpec& f = out->emplace_back();
    f.pos = where_->Value(item);
    if (!Map(n[i], item, schema::kFieldKeys, schema::kFieldRequired, "feltet"))
      continue;
    String(n[i]["name"], Child(item, "name"), &f.name);
    Enum(n[i]["type"], Child(item, "type"), schema::kFieldTypes, "felttype",
         &f.type);
    Bool(n[i]["required"], Child(item, "required"), &f.required);
    StringList(n[i]["options"], Child(item, "options"), &f.options);
    Text(n[i]["label"], Child(item, "label"), &f.label);
    // fmtcore (issue 12): what the engine does with the value.
    Enum(n[i]["role"], Child(item, "role"), schema::kFieldRoles, "feltrolle",
         &f.role);
  }
}

void Reader::Outcome(const YAML::Node& n, const std::string& path,
                     routine::Outcome* o) {
  o->pos = where_->Value(path);
  if (!Map(n, path, schema::kOutcomeKeys, schema::kOutcomeRequired, "utfallet"))
    return;
  String(n["name"], Child(path, "name"), &o->name);
  String(n["to"], Child(path, "to"), &o->to);
  Text(n["label"], Child(path, "label"), &o->label);
  Fields(n["requires"], Child(path, "requires"), &o->fields);
}

void Reader::Step(const YAML::Node& n, const std::string& path,
                  routine::Step* s) {
  s->pos = where_->Value(path);
  if (!Map(n, path, schema::kStepKeys, schema::kStepRequired, "steget")) return;
  String(n["id"], Child(path, "id"), &s->id);
  Enum(n["kind"], Child(path, "kind"), schema::kStepKinds, "stegtype",
       &s->kind);
  Int(n["level"], Child(path, "level"), &s->level);
  Text(n["title"], Child(path, "title"), &s->title);

  std::string responsible;
  String(n["responsible"], Child(path, "responsible"), &responsible);
  if (responsible == "reporter" || responsible.empty()) {
    s->responsible = Responsible{Responsible::Kind::kReporter, ""};
  } else if (responsible == "baton") {
    s->responsible = Responsible{Responsible::Kind::kBatonHolder, ""};
  } else {  // a service id; validate.cc checks that it exists
    s->responsible = Responsible{Responsible::Kind::kService, responsible};
  }

  Deadline(n["deadline"], Child(path, "deadline"), &s->deadline);
  // fmtcore (issue 12): consent points and steps that keep the level.
  Enum(n["consent"], Child(path, "consent"), schema::kConsentPoints,
       "samtykkeregel", &s->consent);
  Bool(n["keep_level"], Child(path, "keep_level"), &s->keep_level);
  Fields(n["requires"], Child(path, "requires"), &s->fields);

  const YAML::Node outcomes = n["outcomes"];
  const std::string outcomes_path = Child(path, "outcomes");
  if (List(outcomes, outcomes_path)) {
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      const std::string item = Item(outcomes_path, i);
      where_->SetValue(item, outcomes[i].IsNull() ? where_->Value(outcomes_path)
                                                  : Pos(outcomes[i]));
      Outcome(outcomes[i], item, &s->outcomes.emplace_back());
    }
  }

  const YAML::Node tags = n["tags"];
  const std::string tags_path = Child(path, "tags");
  if (tags.IsDefined() && !tags.IsNull() &&
      Map(tags, tags_path, schema::kTagKeys, {}, "merkene (tags)")) {
    IntList(tags["sjumilssteget"], Child(tags_path, "sjumilssteget"),
            &s->sjumilssteget);
    IntList(tags["uncrc"], Child(tags_path, "uncrc"), &s->uncrc);
  }
}

bool Reader::Read(Routine* r) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text_));
  } catch (const YAML::Exception& e) {
    diags_->Add(Pos(e.mark),
                "ugyldig YAML: " + schema::TranslateParserError(e.msg));
    return false;
  }
  if (!root.IsDefined() || root.IsNull()) {
    diags_->Add(SourcePos{1, 1},
                "filen er tom; en rutine trenger minst nøklene " +
                    Join(schema::kRoutineRequired));
    return false;
  }
  if (!WithinYamlLimits(root)) {
    diags_->Add(SourcePos{1, 1}, YamlTooLargeMessage());
    return false;
  }
  where_->SetValue("", Pos(root));
  if (!Map(root, "", schema::kRoutineKeys, schema::kRoutineRequired, "rutinen"))
    return false;

  String(root["routine"], "routine", &r->id);
  Int(root["version"], "version", &r->version);
  String(root["tenant"], "tenant", &r->tenant);
  Text(root["title"], "title", &r->title);
  String(root["reference_prefix"], "reference_prefix", &r->reference_prefix);
  Settings(root["settings"], "settings", &r->settings);
  Retention(root["retention"], "retention", &r->retention);

  const YAML::Node services = root["services"];
  if (List(services, "services")) {
    for (std::size_t i = 0; i < services.size(); ++i) {
      const std::string item = Item("services", i);
      where_->SetValue(item, services[i].IsNull() ? where_->Value("services")
                                                  : Pos(services[i]));
      Service(services[i], item, &r->services.emplace_back());
    }
  }

  const YAML::Node steps = root["steps"];
  if (List(steps, "steps")) {
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const std::string item = Item("steps", i);
      where_->SetValue(
          item, steps[i].IsNull() ? where_->Value("steps") : Pos(steps[i]));
      Step(steps[i], item, &r->steps.emplace_back());
    }
  }

  String(root["initial"], "initial", &r->initial);
  String(root["abuse_step"], "abuse_step", &r->abuse_step);
  if (!where_->Has("initial") && !r->steps.empty()) {
    // By default a case starts in the first step written.
    r->initial = r->steps.front().id;
    where_->SetValue("initial", where_->Value("steps[0].id"));
  }
  // fmtnotify
  Calendar(root["calendar"], r);
  Teams(root["teams"], r);
  Escalation(root["escalation"], r);
  AttachCalendar(r);
  return true;
}

// fmtnotify: the Reader's methods for closures, teams and escalation.
#include "routine/reader_calendar.inc"

}  // namespace

bool ReadRoutine(std::string_view text, Routine* out, SourceMap* where,
                 DiagnosticList* diags) {
  // A UTF-8 byte-order mark (Windows Notepad writes one) is accepted and
  // skipped: it says nothing but "UTF-8", and line 1's columns then match
  // what the editor shows.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (!CheckUtf8(text, diags)) return false;
  return Reader(text, where, diags).Read(out);
}

}  // namespace stafett::routine
