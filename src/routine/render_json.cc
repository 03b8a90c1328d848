// The routine as JSON for programs; the diagrams are in render.cc.
#include "core/json_writer.h"
#include "routine/escalation.h"
#include "routine/render.h"

namespace stafett::routine {

namespace {

void WriteText(JsonWriter& w, std::string_view key, const Text& t,
               std::string_view lang) {
  const std::string& s = t.Get(lang);
  w.Key(key);
  if (s.empty()) {
    w.Null();
  } else {
    w.String(s);
  }
  w.Key(std::string(key) + "_i18n").BeginObject();
  for (const auto& [l, text] : t.by_lang) w.Field(l, text);  // std::map: sorted
  w.EndObject();
}

void WriteStrings(JsonWriter& w, std::string_view key,
                  const std::vector<std::string>& v) {
  w.Key(key).BeginArray();
  for (const auto& s : v) w.String(s);
  w.EndArray();
}

void WriteInts(JsonWriter& w, std::string_view key, const std::vector<int>& v) {
  w.Key(key).BeginArray();
  for (int i : v) w.Int(i);
  w.EndArray();
}

void WriteChannels(JsonWriter& w, std::string_view key, const Channels& c) {
  w.Key(key).BeginObject();
  WriteStrings(w, "email", c.emails);
  w.Key("webhook");
  if (c.webhook_url.empty()) {
    w.Null();
  } else {
    w.BeginObject()
        .Field("url", c.webhook_url)
        .Field("secret_env", c.webhook_secret_env)
        .EndObject();
  }
  w.EndObject();
}

void WriteFields(JsonWriter& w, const std::vector<FieldSpec>& fields,
                 std::string_view lang) {
  w.Key("requires").BeginArray();
  for (const auto& f : fields) {
    w.BeginObject()
        .Field("name", f.name)
        .Field("type", FieldTypeName(f.type))
        .Field("required", f.required);
    WriteStrings(w, "options", f.options);
    WriteText(w, "label", f.label, lang);
    w.EndObject();
  }
  w.EndArray();
}

void WriteDeadline(JsonWriter& w, const DeadlineSpec& d) {
  w.Key("deadline");
  if (!d.has_deadline()) {
    w.Null();
  } else {
    w.String(d.ToString());
  }
  w.Key("deadline_spec");
  switch (d.kind) {
    case DeadlineSpec::Kind::kNone:
      w.Null();
      break;
    case DeadlineSpec::Kind::kCalendar:
      w.BeginObject()
          .Field("kind", "calendar")
          .Field("duration", d.duration.ToString())
          .EndObject();
      break;
    case DeadlineSpec::Kind::kWorkingDays:
      w.BeginObject()
          .Field("kind", "working_days")
          .Field("working_days", d.working_days)
          .EndObject();
      break;
  }
}

}  // namespace

namespace {

// fmtnotify: closures{from, to, annual, label, label_i18n}, teams{id, name,
// name_i18n, channels}, escalation{deadline, deadline_spec, to[]} (the
// stages in effect: the default single stage when the file has none).
void WriteCalendarAndEscalation(JsonWriter& w, const Routine& r,
                                std::string_view lang, bool channels) {
  w.Key("closures").BeginArray();
  for (const auto& c : r.closures) {
    const std::string text = c.period.ToString();
    const std::size_t dots = text.find("..");
    std::string to = text.substr(dots + 2);
    to = to.substr(0, to.find(' '));
    w.BeginObject()
        .Field("from", text.substr(0, dots))
        .Field("to", to)
        .Field("annual", c.period.annual);
    WriteText(w, "label", c.label, lang);
    w.EndObject();
  }
  w.EndArray();
  w.Key("teams").BeginArray();
  for (const auto& t : r.teams) {
    w.BeginObject().Field("id", t.id);
    WriteText(w, "name", t.names, lang);
    if (channels) WriteChannels(w, "channels", t.channels);
    w.EndObject();
  }
  w.EndArray();
  w.Key("escalation").BeginArray();
  for (const auto& e : EscalationStages(r.settings)) {
    w.BeginObject();
    WriteDeadline(w, e.after);
    w.Key("to").BeginArray();
    for (const auto& who : e.to) w.String(who);
    w.EndArray().EndObject();
  }
  w.EndArray();
}

}  // namespace

std::string RenderJson(const Routine& r, std::string_view lang, bool channels) {
  JsonWriter w;
  w.BeginObject()
      .Field("id", r.id)
      .Field("version", r.version)
      .Field("tenant", r.tenant)
      .Field("hash", r.hash);
  WriteText(w, "title", r.title, lang);
  w.Field("reference_prefix", r.reference_prefix)
      .Field("initial", r.initial)
      .Field("abuse_step", r.abuse_step);

  w.Key("settings")
      .BeginObject()
      .Field("approaching_lead", r.settings.approaching_lead.ToString())
      .Field("escalation_grace", r.settings.escalation_grace.ToString())
      .Field("consent_reminder", r.settings.consent_reminder.ToString())
      .Field("consent_validity", r.settings.consent_validity.ToString())
      .EndObject();

  w.Key("services").BeginArray();
  for (const auto& s : r.services) {
    w.BeginObject()
        .Field("id", s.id)
        .Field("name", s.name)
        .Field("kind", ServiceKindName(s.kind));
    if (channels) {
      WriteChannels(w, "channels", s.channels);
      WriteChannels(w, "leader", s.leader);
    }
    w.EndObject();
  }
  w.EndArray();

  w.Key("steps").BeginArray();
  for (const auto& s : r.steps) {
    w.BeginObject()
        .Field("id", s.id)
        .Field("kind", StepKindName(s.kind))
        .Field("level", s.level);
    WriteText(w, "title", s.title, lang);
    w.Field("responsible", s.responsible.ToString());
    WriteDeadline(w, s.deadline);
    WriteFields(w, s.fields, lang);
    w.Key("outcomes").BeginArray();
    for (const auto& o : s.outcomes) {
      w.BeginObject().Field("name", o.name).Field("to", o.to);
      WriteText(w, "label", o.label, lang);
      WriteFields(w, o.fields, lang);
      w.EndObject();
    }
    w.EndArray();
    w.Key("tags").BeginObject();
    WriteInts(w, "sjumilssteget", s.sjumilssteget);
    WriteInts(w, "uncrc", s.uncrc);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  WriteCalendarAndEscalation(w, r, lang, channels);  // fmtnotify
  w.EndObject();
  return w.Take();
}

}  // namespace stafett::routine
