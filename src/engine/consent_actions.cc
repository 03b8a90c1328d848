// The sharing region's actions: giving, withdrawing and expiring consent,
// and telling the services that lose sight of the case.
#include <algorithm>
#include <set>

#include "core/json_writer.h"
#include "engine/actions.h"
#include "engine/engine.h"
#include "engine/rules.h"

namespace stafett::engine {

namespace {

void WriteScope(JsonWriter& j, const Consent& c) {
  j.Field("given_by", c.given_by);
  j.Key("services").BeginArray();
  for (const auto& s : c.services) j.String(s);
  j.EndArray();
  j.Field("valid_until", c.valid_until);
}

std::string ScopeJson(const Snapshot& s) {
  JsonWriter j;
  j.BeginObject();
  if (s.consent) WriteScope(j, *s.consent);
  j.EndObject();
  return j.Take();
}

Result<std::string> ValidUntil(const Work& w) {
  using std::chrono::sys_days;
  auto today = OsloDate(w.now);
  if (w.cmd.valid_until.empty()) {
    // The routine's default validity (settings.consent_validity, P12M unless
    // the municipality says otherwise).
    return FormatDate(
        OsloDate(AddIsoDuration(w.now, w.routine.settings.consent_validity)));
  }
  auto until = ParseDate(w.cmd.valid_until);
  if (!until.ok()) {
    return Status::Invalid(
        "Skriv datoen samtykket gjelder til som ÅÅÅÅ-MM-DD (" +
            Quoted(w.cmd.valid_until) + " er ikke en dato).",
        "valid_until");
  }
  if (sys_days{*until} <= sys_days{today}) {
    return Status::Invalid("Samtykket må gjelde lenger enn i dag (" +
                               FormatDate(today) + "); " +
                               Quoted(w.cmd.valid_until) + " er for tidlig.",
                           "valid_until");
  }
  return FormatDate(*until);
}

struct ScopeChange {
  std::vector<std::string> scope;  // the new consent's services
  std::vector<std::string> added, removed;
};

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// The scope of a consent given while one is in force: the old scope plus
// `named`, minus w.cmd.remove_services. Removing needs confirm_remove; the
// refusal says who would lose the case, so nobody loses access by surprise.
Result<ScopeChange> RenewedScope(const Work& w,
                                 const std::vector<std::string>& named) {
  const Snapshot& s = w.snap();
  ScopeChange out;
  // Only a consent in force is extended: after it lapsed (even before the
  // worker recorded the expiry) the guardians say afresh who may see.
  if (s.sharing != Sharing::kConsented || !s.consent ||
      !ConsentEffective(s, w.now)) {
    if (!w.cmd.remove_services.empty()) {
      return Status::Invalid(
          "Det er ikke noe samtykke i kraft å fjerne tjenester fra; oppgi "
          "bare tjenestene det nye samtykket omfatter.",
          "remove_services");
    }
    out.scope = named;
    return out;
  }
  const auto& old = s.consent->services;
  for (const auto& r : w.cmd.remove_services) {
    if (!Contains(old, r)) {
      return Status::Invalid(Quoted(r) +
                                 " er ikke med i samtykket som gjelder nå (" +
                                 JoinNames(old) + ").",
                             "remove_services");
    }
    if (Contains(named, r)) {
      return Status::Invalid(Quoted(r) +
                                 " står både blant tjenestene samtykket "
                                 "omfatter og blant dem som skal fjernes.",
                             "remove_services");
    }
  }
  for (const auto& o : old) {
    if (Contains(w.cmd.remove_services, o)) {
      out.removed.push_back(o);
    } else {
      out.scope.push_back(o);
    }
  }
  for (const auto& n : named) {
    if (!Contains(out.scope, n)) {
      out.scope.push_back(n);
      out.added.push_back(n);
    }
  }
  if (out.scope.empty()) {
    return Status::Invalid(
        "Samtykket kan ikke fjerne alle tjenestene. Er samtykket trukket "
        "tilbake, registrer det med withdraw_consent.",
        "remove_services");
  }
  if (!out.removed.empty() && !w.cmd.confirm_remove) {
    std::vector<std::string> roles;
    for (const auto& r : out.removed) {
      std::string what = r;
      if (r == s.baton_holder) what += " (har stafettpinnen)";
      if (r == s.responsible_service) what += " (er ansvarlig for steget)";
      roles.push_back(what);
    }
    return Status::NotAllowed(
        "Det nye samtykket fjerner " + JoinNames(roles) +
        ". De mister da tilgangen til saken og får varsel om det. Er det "
        "riktig, send samtykket på nytt med confirm_remove: true; skal de "
        "være med, ta dem ut av remove_services.");
  }
  return out;
}

}  // namespace

Status GiveConsent(Work& w) {
  Snapshot& s = w.snap();
  STAFETT_RETURN_IF_ERROR(RequireSight(s, w.actor, w.now));
  if (!IsCaseWorker(s, w.step(), w.actor.service)) {
    return Status::NotAllowed(
        "Samtykke registreres av den ansvarlige tjenesten (" +
        Quoted(ResponsibleFor(w.step(), s)) + "), stafettholderen eller " +
        "tjenesten som meldte bekymringen (" + Quoted(s.reporter_service) +
        ").");
  }
  if (w.cmd.given_by != "guardians" && w.cmd.given_by != "young_person") {
    return Status::Invalid(
        "Oppgi hvem som ga samtykket: 'guardians' (foresatte) eller "
        "'young_person' (ungdommen selv, fra 15 år). Aldri et navn.",
        "given_by");
  }
  if (w.cmd.services.empty() && s.sharing != Sharing::kConsented) {
    return Status::Invalid(
        "Samtykket må omfatte minst én tjeneste. Oppgi tjenestene "
        "foresatte har samtykket til at kan dele informasjon.",
        "services");
  }
  std::vector<std::string> scope;
  for (const auto& id : w.cmd.services) {
    if (!w.routine.FindService(id)) {
      std::vector<std::string> known;
      for (const auto& svc : w.routine.services) known.push_back(svc.id);
      return Status::Invalid(Quoted(id) +
                                 " er ikke en tjeneste i rutinen. Kjente "
                                 "tjenester: " +
                                 JoinNames(known) + ".",
                             "services");
    }
    if (std::find(scope.begin(), scope.end(), id) == scope.end()) {
      scope.push_back(id);
    }
  }
  auto until = ValidUntil(w);
  if (!until.ok()) return until.status();

  bool renewed = s.sharing == Sharing::kConsented;
  // Renewal extends the scope (issue 12); only services named in
  // remove_services, with confirm_remove, leave it.
  auto change = RenewedScope(w, scope);
  if (!change.ok()) return change.status();
  s.consent = Consent{w.cmd.given_by, change->scope, *until, w.now};
  s.sharing = Sharing::kConsented;
  JsonWriter j;
  j.BeginObject();
  WriteScope(j, *s.consent);
  j.Field("renewed", renewed);
  if (renewed) {
    j.Key("added").BeginArray();
    for (const auto& a : change->added) j.String(a);
    j.EndArray();
    j.Key("removed").BeginArray();
    for (const auto& r : change->removed) j.String(r);
    j.EndArray();
  }
  j.EndObject();
  AddJournal(w, "consent_given", w.cmd.text, j.Take());
  AddSetDeadline(w, "consent", EndOfOsloDay(*ParseDate(*until)));
  return Status::Ok();
}

Status WithdrawConsent(Work& w) {
  Snapshot& s = w.snap();
  // Withdrawing must be as easy as giving: any service that sees the case
  // may record that the guardians withdrew.
  STAFETT_RETURN_IF_ERROR(RequireSight(s, w.actor, w.now));
  s.sharing = Sharing::kWithdrawn;
  AddJournal(w, "consent_withdrawn", w.cmd.text, ScopeJson(s));
  AddClearDeadline(w, "consent");
  return Status::Ok();
}

Status ExpireConsent(Work& w) {
  Snapshot& s = w.snap();
  if (ConsentEffective(s, w.now)) {
    return Status::NotAllowed("Samtykket gjelder til og med " +
                              s.consent->valid_until +
                              " og har ikke løpt ut ennå.");
  }
  s.sharing = Sharing::kWithdrawn;
  AddJournal(w, "consent_expired", {}, ScopeJson(s));
  AddClearDeadline(w, "consent");
  return Status::Ok();
}

void RevokeLostAccess(Work& w) {
  const Snapshot& before = w.before;
  const Snapshot& after = w.snap();
  std::set<std::string> candidates = {
      before.reporter_service, before.responsible_service, before.baton_holder,
      before.baton_offered_to};
  if (before.consent) {
    candidates.insert(before.consent->services.begin(),
                      before.consent->services.end());
  }
  // Who could see the case as the stored state had it: for an expiry the
  // consent lapsed at midnight, but the services saw the case until then.
  bool was_effective = before.sharing == Sharing::kConsented;
  const char* cause = "consent_changed";
  switch (w.cmd.type) {
    case CommandType::kWithdrawConsent:
      cause = "consent_withdrawn";
      break;
    case CommandType::kExpireConsent:
      cause = "consent_expired";
      break;
    case CommandType::kOutcome:
      cause = "level_changed";
      break;
    default:
      break;
  }
  for (const auto& service : candidates) {
    if (!CanSeeAssuming(before, service, was_effective)) continue;
    if (CanSee(after, service, w.now)) continue;
    JsonWriter j;
    j.BeginObject();
    j.Field("service", service);
    j.Field("cause", cause);
    j.Field("held_baton", service == before.baton_holder);
    j.Field("offered_baton", service == before.baton_offered_to);
    j.EndObject();
    AddJournal(w, "access_revoked", {}, j.Take());
    AddNotify(w, "access_revoked", service);
  }
}

}  // namespace stafett::engine
