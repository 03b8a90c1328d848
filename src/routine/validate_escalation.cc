#include "routine/validate_escalation.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "routine/escalation.h"
#include "routine/suggest.h"
#include "routine/validate_channels.h"
#include "routine/validate_internal.h"

namespace stafett::routine {

namespace {

using namespace std::chrono;
using internal::Quote;

class Rules {
 public:
  Rules(const Routine& r, const SourceMap& where, DiagnosticList* diags)
      : r_(r), where_(where), diags_(diags) {}

  void Run() {
    Closures();
    Teams();
    Escalation();
    for (std::size_t i = 0; i < r_.services.size(); ++i) {
      const std::string path = Item("services", i);
      Language(r_.services[i].channels, Child(path, "channels"));
      Language(r_.services[i].leader, Child(path, "leader"));
    }
    for (std::size_t i = 0; i < r_.teams.size(); ++i) {
      Language(r_.teams[i].channels, Child(Item("teams", i), "channels"));
    }
  }

 private:
  void At(const std::string& path, std::string message) {
    diags_->Add(where_.Value(path), std::move(message));
  }
  bool Ok(const std::string& path) const { return !where_.Broken(path); }

  void Closures();
  void Teams();
  void Escalation();
  void Language(const Channels& c, const std::string& path);

  const Routine& r_;
  const SourceMap& where_;
  DiagnosticList* diags_;
};

// Days from `from` to `to`, both included; an annual closure may run over
// the new year.
int LengthInDays(const Closure& c) {
  if (!c.annual) return (sys_days{c.to} - sys_days{c.from}).count() + 1;
  const year_month_day from{year{2001}, c.from.month(), c.from.day()};
  year_month_day to{year{2001}, c.to.month(), c.to.day()};
  if (month_day{to.month(), to.day()} < month_day{from.month(), from.day()})
    to = year_month_day{year{2002}, to.month(), to.day()};
  // 29 February in a non-leap year: count it as 1 March.
  return (sys_days{to} - sys_days{from}).count() + 1;
}

void Rules::Closures() {
  for (std::size_t i = 0; i < r_.closures.size(); ++i) {
    const Closure& c = r_.closures[i].period;
    const std::string path = Item("calendar.closures", i);
    if (!Ok(path) || !Ok(Child(path, "from")) || !Ok(Child(path, "to")) ||
        !c.from.ok() || !c.to.ok())
      continue;
    if (!c.annual && sys_days{c.to} < sys_days{c.from}) {
      At(Child(path, "to"), "stengingen slutter (" + c.ToString() +
                                ") før den begynner; to kan ikke komme før "
                                "from");
      continue;
    }
    if (!c.annual && (int(c.from.year()) < 2000 || int(c.to.year()) > 2100)) {
      At(Child(path, "from"),
         "datoene i en stenging må ligge mellom år 2000 "
         "og 2100 (" +
             c.ToString() + ")");
      continue;
    }
    if (int days = LengthInDays(c); days > kMaxClosureDays) {
      At(Child(path, "to"),
         "stengingen " + c.ToString() + " varer " + std::to_string(days) +
             " dager; en stenging kan vare høyst " +
             std::to_string(kMaxClosureDays) +
             " dager, ellers står fristene stille for lenge (sjekk datoene)");
    }
  }
}

void Rules::Language(const Channels& c, const std::string& path) {
  const std::string lang = Child(path, "language");
  if (c.language.empty() || !Ok(lang)) return;
  static const std::vector<std::string> kLangs = {"nb", "nn", "se", "en"};
  if (std::find(kLangs.begin(), kLangs.end(), c.language) == kLangs.end()) {
    At(lang, "ukjent språk " + Quote(c.language) +
                 DidYouMean(c.language, kLangs) +
                 "; varsler kan skrives på nb, nn, se eller en");
  }
}

void Rules::Teams() {
  std::map<std::string, SourcePos> seen;
  for (const Service& s : r_.services) {
    if (!s.id.empty()) seen.emplace(s.id, s.pos);
  }
  std::set<std::string> service_ids;
  for (const Service& s : r_.services) service_ids.insert(s.id);
  for (std::size_t i = 0; i < r_.teams.size(); ++i) {
    const Team& t = r_.teams[i];
    const std::string path = Item("teams", i);
    const std::string id = Child(path, "id");
    if (!t.id.empty() && Ok(id)) {
      if (!internal::IsSnakeId(t.id)) {
        At(id, "team-id " + Quote(t.id) +
                   " kan bare ha små bokstaver a-z, sifre og '_', og må "
                   "starte med en bokstav");
      } else if (t.id == kLeaderRecipient || t.id == "reporter" ||
                 t.id == "baton") {
        At(id, "team-id " + Quote(t.id) + " er reservert");
      } else if (service_ids.count(t.id)) {
        At(id, "team-id " + Quote(t.id) +
                   " er allerede id-en til en tjeneste; team og tjenester "
                   "må ha forskjellige id-er");
      } else if (auto [it, fresh] = seen.emplace(t.id, where_.Value(id));
                 !fresh) {
        At(id, "team-id " + Quote(t.id) + " er brukt før (linje " +
                   std::to_string(it->second.line) + ")");
      }
    }
    const std::string channels = Child(path, "channels");
    if (Ok(channels) && where_.Has(channels) && t.channels.empty()) {
      At(channels, "teamet " + Quote(t.id) +
                       " har ingen e-post eller webhook, og ville aldri fått "
                       "et varsel");
    }
    internal::CheckChannelShape(t.channels, channels, where_, diags_);
    CheckChannelsAt(t.channels, channels, where_, diags_);
  }
}

void Rules::Escalation() {
  const auto& stages = r_.settings.escalation;
  if (stages.empty()) return;
  if (where_.Has("settings.escalation_grace")) {
    At("settings.escalation_grace",
       "escalation_grace gjelder bare når rutinen ikke har en "
       "escalation-liste; skriv fristen som after i første trinn i "
       "escalation i stedet");
  }
  if (stages.size() > std::size_t(kMaxEscalationStages)) {
    At(Item("escalation", kMaxEscalationStages),
       "høyst " + std::to_string(kMaxEscalationStages) +
           " eskaleringstrinn; denne rutinen har " +
           std::to_string(stages.size()));
  }
  std::vector<std::string> recipients = {std::string(kLeaderRecipient)};
  for (const Team& t : r_.teams) {
    if (!t.id.empty()) recipients.push_back(t.id);
  }
  // Stages are compared by when they would fire for one fixed deadline
  // (a Monday morning outside every holiday).
  const TimePoint due = FromOslo(local_days{2026y / 2 / 2} + hours{9});
  std::optional<TimePoint> previous;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const EscalationStage& e = stages[i];
    const std::string path = Item("escalation", i);
    if (!Ok(path)) continue;
    const std::string after = Child(path, "after");
    if (Ok(after) && e.after.kind == DeadlineSpec::Kind::kWorkingDays &&
        e.after.working_days <= 0) {
      At(Child(after, "working_days"),
         "working_days må være et positivt heltall, fant " +
             std::to_string(e.after.working_days));
    } else if (Ok(after) && e.after.has_deadline()) {
      const TimePoint at = EscalationAt(due, e);
      if (previous && at <= *previous) {
        At(after, "trinn " + std::to_string(i + 1) +
                      " (after: " + e.after.ToString() +
                      ") må komme senere enn trinnet før; skriv trinnene i "
                      "den rekkefølgen de skal skje");
      }
      previous = at;
    }
    const std::string to = Child(path, "to");
    if (!Ok(to)) continue;
    if (e.to.empty() && where_.Has(to)) {
      At(to,
         "trinnet har ingen mottakere; skriv leader eller id-en til et "
         "team");
    }
    std::set<std::string> seen;
    for (std::size_t k = 0; k < e.to.size(); ++k) {
      const std::string& who = e.to[k];
      const std::string item = where_.Has(Item(to, k)) ? Item(to, k) : to;
      if (!Ok(item) || who.empty()) continue;
      if (!seen.insert(who).second) {
        At(item, "mottakeren " + Quote(who) + " står to ganger i trinnet");
        continue;
      }
      if (who == kLeaderRecipient || r_.FindTeam(who) != nullptr) continue;
      if (r_.FindService(who) != nullptr) {
        At(item, Quote(who) +
                     " er en tjeneste; en eskalering går til leader (lederen "
                     "for tjenesten som har fristen) eller til et team under "
                     "teams");
        continue;
      }
      At(item, "ukjent mottaker " + Quote(who) + DidYouMean(who, recipients) +
                   "; gyldige mottakere: leader og id-ene under teams");
    }
  }
}

}  // namespace

void ValidateCalendarAndEscalation(const Routine& r, const SourceMap& where,
                                   DiagnosticList* diags) {
  Rules(r, where, diags).Run();
}

}  // namespace stafett::routine
