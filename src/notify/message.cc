#include "notify/message.h"

#include <cstdio>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "core/json_writer.h"
#include "core/sha256.h"

namespace stafett::notify {

namespace {

std::string Str(const Poco::JSON::Object::Ptr& o, const std::string& key) {
  if (!o->has(key)) return "";
  Poco::Dynamic::Var v = o->get(key);
  if (v.isEmpty() || !v.isString()) return "";
  return v.extract<std::string>();
}

std::string Quoted(const std::string& s) { return "«" + s + "»"; }

// "steget «Observasjon»", falling back to the step id.
std::string StepPhrase(const Content& c) {
  if (c.step.empty()) return "saken";
  return "steget " + Quoted(c.step_title.empty() ? c.step : c.step_title);
}

std::string ServicePhrase(const Content& c) {
  return c.service_name.empty() ? c.service : c.service_name;
}

struct Text {
  std::string subject;
  std::string lead;  // the first paragraph
};

Text TextFor(const Content& c) {
  const std::string& ref = c.reference;
  const std::string svc = ServicePhrase(c);
  const std::string& e = c.event;
  if (e == "step_assigned") {
    return {"Ny oppgave: " + ref,
            svc + " er ansvarlig for " + StepPhrase(c) + " i sak " + ref + "."};
  }
  if (e == "baton_offered") {
    return {"Stafettpinnen er tilbudt dere: " + ref,
            svc + " har fått tilbud om stafettpinnen i sak " + ref +
                ". Godta eller avslå tilbudet i Stafett. Den som har "
                "pinnen nå, beholder ansvaret til dere har svart."};
  }
  if (e == "baton_accepted") {
    return {"Stafettpinnen er overtatt: " + ref,
            "Stafettpinnen i sak " + ref +
                " er tatt imot av en annen tjeneste. " + svc +
                " er ikke lenger stafettholder."};
  }
  if (e == "baton_declined") {
    return {"Tilbudet om stafettpinnen ble avslått: " + ref,
            "Tilbudet om stafettpinnen i sak " + ref +
                " ble avslått. Finn en ny stafettholder sammen med "
                "familien."};
  }
  if (e == "access_revoked") {
    return {"Tilgangen til en sak er fjernet: " + ref,
            svc + " har ikke lenger tilgang til sak " + ref +
                ", fordi samtykket ikke lenger omfatter tjenesten."};
  }
  if (e == "deadline_approaching") {
    return {"Fristen nærmer seg: " + ref,
            "Fristen for " + StepPhrase(c) + " i sak " + ref + " nærmer seg. " +
                svc + " er ansvarlig."};
  }
  if (e == "deadline_missed") {
    return {"Fristen er oversittet: " + ref,
            "Fristen for " + StepPhrase(c) + " i sak " + ref +
                " er oversittet. " + svc + " er ansvarlig."};
  }
  if (e == "deadline_escalated") {
    std::string what = c.deadline_kind == "baton"
                           ? "Stafettpinnen i sak " + ref +
                                 " er tilbudt, men ikke tatt imot, og fristen "
                                 "for å svare er oversittet"
                           : "Fristen for " + StepPhrase(c) + " i sak " + ref +
                                 " er oversittet og ikke fulgt opp";
    return {"Oversittet frist til leder: " + ref,
            what + ". Du får dette varselet som leder for " + svc + "."};
  }
  if (e == "baton_not_accepted") {
    return {"Stafettpinnen er ikke tatt imot: " + ref,
            "Stafettpinnen i sak " + ref +
                " er tilbudt, men ikke tatt imot innen fristen. Saken skal "
                "aldri stå uten en stafettholder som har takket ja."};
  }
  if (e == "consent_expiring") {
    return {"Samtykket utløper snart: " + ref,
            "Samtykket i sak " + ref +
                " utløper snart. Snakk med foresatte (eller ungdommen selv, "
                "fra 15 år) om det skal fornyes."};
  }
  if (e == "child_welfare_unconfirmed") {
    return {"Melding til barnevernet er ikke bekreftet: " + ref,
            "En melding til barnevernet ble registrert i sak " + ref +
                ", men er ikke bekreftet sendt samme dag. "
                "Opplysningsplikten skal oppfylles straks."};
  }
  // fmtcore (issue 12): a measure's owner hears of it; the description
  // stays in Stafett (the notice carries no content).
  if (e == "measure_assigned") {
    return {"Nytt tiltak: " + ref,
            svc + " er ansvarlig for et tiltak i sak " + ref +
                ". Evalueringsdatoen står i saken i Stafett."};
  }
  return {"Varsel: " + ref,
          "Det har skjedd noe i sak " + ref + " (hendelse: " + e + ")."};
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
  if (routine != nullptr) {
    if (const auto* s = routine->FindStep(c.step))
      c.step_title = s->title.Get();
    if (const auto* s = routine->FindService(c.service))
      c.service_name = s->name;
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

Email EmailFor(const Content& c) {
  Text t = TextFor(c);
  Email e;
  e.subject = "[Stafett] " + t.subject;
  std::string b = "Hei,\n\n" + t.lead + "\n\n";
  b += "Sak: " + c.reference + "\n";
  if (!c.step.empty()) {
    b += "Steg: " + (c.step_title.empty() ? c.step : c.step_title) + "\n";
  }
  if (c.deadline)
    b += "Frist: " + FormatOsloTime(*c.deadline) + " (norsk tid)\n";
  b += "Åpne saken: " + c.link + "\n\n";
  b += "Varselet inneholder med vilje bare saksreferansen. Alt annet om "
       "saken finner du i Stafett.\n\n";
  b += "-- \nAutomatisk melding fra Stafett. Meldings-id: " + c.id + "\n";
  e.body = std::move(b);
  return e;
}

}  // namespace stafett::notify
