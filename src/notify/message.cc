#include "notify/message.h"

#include <cstdio>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "core/deadline_words.h"
#include "core/json_writer.h"
#include "core/sha256.h"
#include "notify/message_texts.h"

namespace stafett::notify {

namespace {

using internal::StepName;
using internal::Text;
using internal::TextFor;

std::string Str(const Poco::JSON::Object::Ptr& o, const std::string& key) {
  if (!o->has(key)) return "";
  Poco::Dynamic::Var v = o->get(key);
  if (v.isEmpty() || !v.isString()) return "";
  return v.extract<std::string>();
}

// The channels a message goes to, to read their language.
const routine::Channels* ChannelsOf(const store::OutboxMessage& m,
                                    const routine::Routine& r) {
  if (const auto* s = r.FindService(m.service)) {
    return m.audience == "leader" ? &s->leader : &s->channels;
  }
  if (const auto* t = r.FindTeam(m.service)) return &t->channels;
  return nullptr;
}

// A deadline counted in whole days (no hours, minutes or seconds).
bool IsDaySpec(const DeadlineSpec& d) {
  if (d.kind == DeadlineSpec::Kind::kWorkingDays) return true;
  if (d.kind != DeadlineSpec::Kind::kCalendar) return false;
  return d.duration.hours == 0 && d.duration.minutes == 0 &&
         d.duration.seconds == 0;
}

}  // namespace

Result<Content> ContentOf(const store::OutboxMessage& m,
                          std::string_view public_url,
                          const routine::Routine* routine) {
  Poco::JSON::Object::Ptr o;
  try {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var v = parser.parse(m.payload_json);
    o = v.extract<Poco::JSON::Object::Ptr>();
  } catch (const std::exception&) {
    o = nullptr;
  }
  if (o.isNull()) {
    return Status::Invalid("varselets innhold (payload) er ikke et JSON-objekt",
                           "payload_json");
  }
  Content c;
  c.id = m.id;
  c.event = m.event;
  c.tenant = m.tenant;
  c.service = m.service;
  c.audience = m.audience;
  c.reference = Str(o, "reference");
  c.step = Str(o, "step");
  c.deadline_kind = Str(o, "deadline_kind");
  if (auto due = Str(o, "due_at"); !due.empty()) {
    if (auto t = ParseTimestamp(due); t.ok()) c.deadline = *t;
  }
  std::string base(public_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  c.link = base + "/api/v1/cases/" + m.case_id;
  // Baton offers run in working days; consents and reports end with the
  // day (notify/deadline_plan.h): all are day deadlines.
  c.day_deadline = c.deadline_kind == "baton" || c.deadline_kind == "consent" ||
                   c.deadline_kind == "report";
  if (routine != nullptr) {
    if (const auto* ch = ChannelsOf(m, *routine); ch && !ch->language.empty())
      c.lang = ch->language;
    const auto* step = routine->FindStep(c.step);
    if (step != nullptr) c.step_title = step->title.Get(c.lang);
    if (const auto* s = routine->FindService(c.service)) {
      c.service_name = s->names.Get(c.lang);
      if (c.service_name.empty()) c.service_name = s->name;
    } else if (const auto* t = routine->FindTeam(c.service)) {
      c.service_name = t->names.Get(c.lang);
      c.audience = "team";
    }
    // The step's own deadline (its kind is "step", or none for a notice
    // about the step just assigned).
    if (step != nullptr &&
        (c.deadline_kind.empty() || c.deadline_kind == "step")) {
      c.day_deadline = IsDaySpec(step->deadline);
      c.deadline_words = DeadlineWords(step->deadline, c.lang);
    }
  }
  return c;
}

std::string WebhookBody(const Content& c, TimePoint now) {
  JsonWriter w;
  w.BeginObject()
      .Field("id", c.id)
      .Field("event", c.event)
      .Field("tenant", c.tenant)
      .Field("service", c.service)
      .Field("audience", c.audience);
  w.Key("case")
      .BeginObject()
      .Field("reference", c.reference)
      .Field("link", c.link)
      .EndObject();
  w.Field("step", c.step);
  w.Key("deadline");
  if (c.deadline) {
    w.String(FormatUtc(*c.deadline));
  } else {
    w.Null();
  }
  if (!c.deadline_kind.empty()) w.Field("deadline_kind", c.deadline_kind);
  w.Field("timestamp", FormatUtc(now));
  w.EndObject();
  return w.Take();
}

std::string SignatureHeader(std::string_view secret, std::string_view body) {
  return "sha256=" + HmacSha256Hex(secret, body);
}

std::string FormatOsloTime(TimePoint t) {
  using namespace std::chrono;
  LocalTime local = ToOslo(t);
  auto day = floor<days>(local);
  year_month_day ymd{day};
  hh_mm_ss<Millis> tod{local - day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04d kl. %02d:%02d",
                unsigned(ymd.day()), unsigned(ymd.month()), int(ymd.year()),
                int(tod.hours().count()), int(tod.minutes().count()));
  return buf;
}

std::string FormatDeadline(TimePoint t, bool day_deadline,
                           std::string_view lang) {
  using namespace std::chrono;
  const int L = WordsLanguageIndex(lang);
  LocalTime local = ToOslo(t);
  auto day = floor<days>(local);
  char buf[64];
  if (day_deadline) {
    // An end-of-day deadline is the first instant of the next day.
    if (local == day) day -= days{1};
    year_month_day ymd{day};
    std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", unsigned(ymd.day()),
                  unsigned(ymd.month()), int(ymd.year()));
    return buf;
  }
  year_month_day ymd{day};
  hh_mm_ss<Millis> tod{local - day};
  const char* at = L == 2 ? " dii. " : L == 3 ? " " : " kl. ";
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04d%s%02d:%02d",
                unsigned(ymd.day()), unsigned(ymd.month()), int(ymd.year()), at,
                int(tod.hours().count()), int(tod.minutes().count()));
  return buf;
}

Email EmailFor(const Content& c) {
  const int L = WordsLanguageIndex(c.lang);
  auto T = [&](const char* nb, const char* nn, const char* se,
               const char* en) -> std::string {
    return L == 1 ? nn : L == 2 ? se : L == 3 ? en : nb;
  };
  Text t = TextFor(c, L);
  Email e;
  e.subject = "[Stafett] " + t.subject;
  std::string b =
      T("Hei,", "Hei,", "Buorre beaivi,", "Hello,") + "\n\n" + t.lead + "\n\n";
  b += T("Sak: ", "Sak: ", "Ášši: ", "Case: ") + c.reference + "\n";
  if (!c.step.empty()) {
    b += T("Steg: ", "Steg: ", "Lávki: ", "Step: ") + StepName(c) + "\n";
  }
  if (c.deadline) {
    b += T("Frist: ", "Frist: ", "Áigemearri: ", "Deadline: ") +
         FormatDeadline(*c.deadline, c.day_deadline, c.lang);
    if (!c.deadline_words.empty()) b += " (" + c.deadline_words + ")";
    if (!c.day_deadline) {
      b += T(" (norsk tid)", " (norsk tid)", " (Norgga áigi)",
             " (Norwegian time)");
    }
    b += "\n";
  }
  b += T("Åpne saken: ", "Opne saka: ", "Raba ášši: ", "Open the case: ") +
       c.link + "\n\n";
  b += T("Varselet inneholder med vilje bare saksreferansen. Alt annet om "
         "saken finner du i Stafett.",
         "Varselet inneheld med vilje berre saksreferansen. Alt anna om "
         "saka finn du i Stafett.",
         "Dieđáhusas lea dušše ášši referánsa. Buot eará ášši birra "
         "gávnnat Stafettas.",
         "This notice deliberately carries only the case reference. "
         "Everything else about the case is in Stafett.") +
       "\n\n";
  b += "-- \n" +
       T("Automatisk melding fra Stafett. Meldings-id: ",
         "Automatisk melding frå Stafett. Meldings-id: ",
         "Automáhtalaš dieđáhus Stafettas. Dieđáhusa id: ",
         "Automatic message from Stafett. Message id: ") +
       c.id + "\n";
  e.body = std::move(b);
  return e;
}

}  // namespace stafett::notify
