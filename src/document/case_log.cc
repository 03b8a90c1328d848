// BuildCaseLog and its JSON (document/case_log.h).
#include "document/case_log.h"

#include <cstdio>
#include <map>

#include "core/json_writer.h"

namespace stafett::document {

namespace {

struct KindWords {
  const char* kind;
  const char* nb;
  const char* nn;
};

// Every journal kind the engine, the notifier and the purge write.
constexpr KindWords kKinds[] = {
    {"case_opened", "Saken ble opprettet", "Saka vart oppretta"},
    {"step_entered", "Nytt steg", "Nytt steg"},
    {"outcome", "Steget ble fullført", "Steget vart fullført"},
    {"note", "Notat", "Notat"},
    {"closed", "Saken ble avsluttet", "Saka vart avslutta"},
    {"consent_given", "Samtykke gitt", "Samtykke gitt"},
    {"consent_withdrawn", "Samtykke trukket tilbake", "Samtykke trekt tilbake"},
    {"consent_expired", "Samtykket utløp", "Samtykket gjekk ut"},
    {"access_revoked", "Tilgang fjernet", "Tilgang fjerna"},
    {"baton_offered", "Stafettholderrollen tilbudt",
     "Stafetthaldarrolla tilboden"},
    {"baton_accepted", "Stafettholderrollen tatt imot",
     "Stafetthaldarrolla teken imot"},
    {"baton_declined", "Stafettholderrollen avslått",
     "Stafetthaldarrolla avslått"},
    {"child_welfare_reported", "Bekymringsmelding til barnevernet",
     "Bekymringsmelding til barnevernet"},
    {"child_welfare_report_confirmed", "Bekymringsmeldingen er bekreftet sendt",
     "Bekymringsmeldinga er stadfesta sendt"},
    {"deadline_missed", "Fristen gikk ut", "Fristen gjekk ut"},
    {"purged", "Slettet etter oppbevaringstiden",
     "Sletta etter oppbevaringstida"},
    // `stafett routine migrate` (docs/routine-lifecycle.md).
    {"routine_migrated", "Flyttet til ny versjon av rutinen",
     "Flytta til ny versjon av rutina"},
};

const Words kNb = {"Stafettlogg",
                   "Dette er en kopi av alt Stafett har lagret om saken, "
                   "laget til de foresatte (personvernforordningen artikkel "
                   "15). Saken er anonym i Stafett: tjenesten som kjenner "
                   "barnet, har koblet referansen til barnet.",
                   "Saksreferanse",
                   "Eksportert",
                   "Rutine",
                   "Status",
                   "Steg",
                   "Hendelser",
                   "Samtykke",
                   "Tjeneste",
                   "til",
                   "pågår",
                   "ingen",
                   "Side"};
const Words kNn = {"Stafettlogg",
                   "Dette er ein kopi av alt Stafett har lagra om saka, "
                   "laga til dei føresette (personvernforordninga artikkel "
                   "15). Saka er anonym i Stafett: tenesta som kjenner "
                   "barnet, har kopla referansen til barnet.",
                   "Saksreferanse",
                   "Eksportert",
                   "Rutine",
                   "Status",
                   "Steg",
                   "Hendingar",
                   "Samtykke",
                   "Teneste",
                   "til",
                   "pågår",
                   "ingen",
                   "Side"};

std::string KindLabel(const std::string& kind, Lang lang) {
  for (const auto& k : kKinds) {
    if (kind == k.kind) return lang == Lang::kNn ? k.nn : k.nb;
  }
  return kind;
}

// The string value of "key" in a flat JSON object our JsonWriter wrote
// (the engine's detail_json), "" when absent. Handles the escapes
// JsonWriter produces for the characters that occur in these values.
std::string Unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      ++i;
      out += s[i] == 'n' ? '\n' : s[i] == 't' ? '\t' : s[i];
    } else {
      out += s[i];
    }
  }
  return out;
}

std::size_t ValueStart(std::string_view json, std::string_view key) {
  const std::string needle = "\"" + std::string(key) + "\":";
  std::size_t p = json.find(needle);
  return p == std::string_view::npos ? p : p + needle.size();
}

// From `p` at an opening quote: the string and the position after it.
std::string ReadString(std::string_view json, std::size_t& p) {
  std::size_t start = ++p;
  while (p < json.size() && json[p] != '"') p += json[p] == '\\' ? 2 : 1;
  std::string out = Unescape(json.substr(start, p - start));
  ++p;
  return out;
}

std::string JsonString(std::string_view json, std::string_view key) {
  std::size_t p = ValueStart(json, key);
  if (p == std::string_view::npos || p >= json.size() || json[p] != '"')
    return "";
  return ReadString(json, p);
}

std::vector<std::string> JsonStrings(std::string_view json,
                                     std::string_view key) {
  std::vector<std::string> out;
  std::size_t p = ValueStart(json, key);
  if (p == std::string_view::npos || p >= json.size() || json[p] != '[')
    return out;
  ++p;
  while (p < json.size() && json[p] != ']') {
    if (json[p] == '"') {
      out.push_back(ReadString(json, p));
    } else {
      ++p;
    }
  }
  return out;
}

class Names {
 public:
  explicit Names(const routine::Routine* r) : r_(r) {}
  std::string Service(const std::string& id) const {
    if (id == "stafett") return "Stafett";
    const routine::Service* s = r_ ? r_->FindService(id) : nullptr;
    return s ? s->name : id;
  }
  std::string Step(const std::string& id, Lang lang) const {
    const routine::Step* s = r_ ? r_->FindStep(id) : nullptr;
    return s ? s->title.Get(LangCode(lang)) : id;
  }
  std::string Outcome(const std::string& step, const std::string& outcome,
                      Lang lang) const {
    const routine::Step* s = r_ ? r_->FindStep(step) : nullptr;
    const routine::Outcome* o = s ? s->FindOutcome(outcome) : nullptr;
    if (!o) return outcome;
    const std::string& label = o->label.Get(LangCode(lang));
    return label.empty() ? outcome : label;
  }

 private:
  const routine::Routine* r_;
};

std::string GivenBy(const std::string& v, Lang lang) {
  if (v == "guardians") return lang == Lang::kNn ? "føresette" : "foresatte";
  if (v == "young_person") return lang == Lang::kNn ? "ungdomen" : "ungdommen";
  return v;
}

}  // namespace

std::optional<Lang> ParseLang(std::string_view s) {
  if (s == "nb") return Lang::kNb;
  if (s == "nn") return Lang::kNn;
  return std::nullopt;
}

const char* LangCode(Lang l) { return l == Lang::kNn ? "nn" : "nb"; }

const Words& WordsFor(Lang lang) { return lang == Lang::kNn ? kNn : kNb; }

std::string OsloDay(TimePoint t) {
  const auto d = OsloDate(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", unsigned(d.day()),
                unsigned(d.month()), int(d.year()));
  return buf;
}

std::string OsloDateTime(TimePoint t) {
  const LocalTime local = ToOslo(t);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const auto hm = std::chrono::duration_cast<std::chrono::minutes>(local - day);
  char buf[32];
  std::snprintf(buf, sizeof buf, " kl. %02d:%02d",
                static_cast<int>(hm.count() / 60),
                static_cast<int>(hm.count() % 60));
  return OsloDay(t) + buf;
}

CaseLog BuildCaseLog(const engine::Snapshot& snap,
                     const std::vector<store::StoredJournalEntry>& journal,
                     const std::vector<store::StepVisitRow>& visits,
                     const routine::Routine* routine, Lang lang,
                     TimePoint now) {
  const Names names(routine);
  CaseLog log;
  log.lang = lang;
  log.reference = snap.reference;
  log.exported_at = now;
  log.routine = routine ? routine->title.Get(LangCode(lang)) : snap.routine_id;
  const bool open = snap.status == engine::CaseStatus::kOpen;
  log.status = open ? (lang == Lang::kNn ? "Open" : "Åpen")
                    : (lang == Lang::kNn ? "Avslutta" : "Avsluttet");
  for (const auto& v : visits) {
    if (v.case_id != snap.case_id) continue;  // never another case's rows
    log.steps.push_back(StepLine{
        names.Step(v.step, lang), names.Service(v.service), v.entered_at,
        v.left_at,
        v.outcome.empty() ? "" : names.Outcome(v.step, v.outcome, lang)});
  }
  for (const auto& e : journal) {
    if (e.case_id != snap.case_id) continue;
    const engine::JournalEntry& j = e.entry;
    log.entries.push_back(
        EntryLine{j.at, KindLabel(j.kind, lang),
                  j.step.empty() ? "" : names.Step(j.step, lang),
                  names.Service(j.actor_service), j.text});
    if (j.kind == "consent_given" || j.kind == "consent_withdrawn" ||
        j.kind == "consent_expired") {
      ConsentLine c;
      c.at = j.at;
      c.what = KindLabel(j.kind, lang);
      c.given_by = GivenBy(JsonString(j.detail_json, "given_by"), lang);
      for (const auto& s : JsonStrings(j.detail_json, "services")) {
        c.services.push_back(names.Service(s));
      }
      c.valid_until = JsonString(j.detail_json, "valid_until");
      log.consents.push_back(std::move(c));
    }
  }
  return log;
}

std::string CaseLogJson(const CaseLog& log) {
  JsonWriter w;
  w.BeginObject()
      .Field("reference", log.reference)
      .Field("exported_at", FormatUtc(log.exported_at))
      .Field("language", LangCode(log.lang))
      .Field("routine", log.routine)
      .Field("status", log.status);
  w.Key("steps").BeginArray();
  for (const auto& s : log.steps) {
    w.BeginObject()
        .Field("step", s.step)
        .Field("service", s.service)
        .Field("entered_at", FormatUtc(s.entered_at));
    if (s.left_at) {
      w.Field("left_at", FormatUtc(*s.left_at));
    } else {
      w.Key("left_at").Null();
    }
    if (s.outcome.empty()) {
      w.Key("outcome").Null();
    } else {
      w.Field("outcome", s.outcome);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("entries").BeginArray();
  for (const auto& e : log.entries) {
    w.BeginObject()
        .Field("at", FormatUtc(e.at))
        .Field("what", e.what)
        .Field("step", e.step)
        .Field("service", e.service);
    if (e.text.empty()) {
      w.Key("text").Null();
    } else {
      w.Field("text", e.text);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("consents").BeginArray();
  for (const auto& c : log.consents) {
    w.BeginObject()
        .Field("at", FormatUtc(c.at))
        .Field("what", c.what)
        .Field("given_by", c.given_by);
    w.Key("services").BeginArray();
    for (const auto& s : c.services) w.String(s);
    w.EndArray();
    if (c.valid_until.empty()) {
      w.Key("valid_until").Null();
    } else {
      w.Field("valid_until", c.valid_until);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

}  // namespace stafett::document
