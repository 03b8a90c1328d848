#include "engine/rules.h"

#include <algorithm>

#include "engine/engine.h"

namespace stafett::engine {

namespace {

bool InScope(const Snapshot& snap, const std::string& service) {
  if (!snap.consent) return false;
  const auto& s = snap.consent->services;
  return std::find(s.begin(), s.end(), service) != s.end();
}

}  // namespace

bool ConsentEffective(const Snapshot& snap, TimePoint now) {
  if (snap.sharing != Sharing::kConsented || !snap.consent) return false;
  auto until = ParseDate(snap.consent->valid_until);
  // valid_until is validated when consent is given; an unreadable one in a
  // stored row must not widen access.
  if (!until.ok()) return false;
  return std::chrono::sys_days{OsloDate(now)} <= std::chrono::sys_days{*until};
}

bool CanSeeAssuming(const Snapshot& snap, const std::string& service,
                    bool consent_effective) {
  if (service.empty()) return false;
  if (service == snap.reporter_service) return true;
  if (consent_effective && InScope(snap, service)) return true;
  // Anonymous discussion: the team working at level 0 sees the case
  // without consent; above level 0 only consent lets a service in.
  if (snap.level == 0) {
    return service == snap.responsible_service ||
           service == snap.baton_holder || service == snap.baton_offered_to;
  }
  return false;
}

bool CanSee(const Snapshot& snap, const std::string& service, TimePoint now) {
  return CanSeeAssuming(snap, service, ConsentEffective(snap, now));
}

std::string ResponsibleFor(const routine::Step& step, const Snapshot& snap) {
  switch (step.responsible.kind) {
    case routine::Responsible::Kind::kReporter:
      return snap.reporter_service;
    case routine::Responsible::Kind::kBatonHolder:
      return snap.baton_holder.empty() ? snap.reporter_service
                                       : snap.baton_holder;
    case routine::Responsible::Kind::kService:
      return step.responsible.service;
  }
  return snap.reporter_service;
}

std::vector<std::string> ServicesEntering(const routine::Step& to,
                                          const Snapshot& snap) {
  // Closing is never held back for want of consent, and the step where
  // consent is obtained cannot wait for it.
  if (to.kind == routine::StepKind::kClosed ||
      to.consent == routine::ConsentPoint::kCollect) {
    return {};
  }
  if (LevelEntering(to, snap) == 0 &&
      to.consent != routine::ConsentPoint::kRequired) {
    return {};
  }
  std::vector<std::string> involved = {ResponsibleFor(to, snap)};
  if (!snap.baton_holder.empty()) involved.push_back(snap.baton_holder);
  return involved;
}

int LevelEntering(const routine::Step& to, const Snapshot& snap) {
  if (to.kind == routine::StepKind::kClosed || !to.KeepsLevel()) {
    return to.level;
  }
  return snap.level;
}

std::vector<std::string> NotCovered(const Snapshot& snap,
                                    const std::vector<std::string>& services,
                                    TimePoint now) {
  bool effective = ConsentEffective(snap, now);
  std::vector<std::string> missing;
  for (const auto& s : services) {
    if (!effective || !InScope(snap, s)) missing.push_back(s);
  }
  std::sort(missing.begin(), missing.end());
  missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
  return missing;
}

Status RequireConsent(const Snapshot& snap,
                      const std::vector<std::string>& services, TimePoint now,
                      const std::string& what) {
  auto missing = NotCovered(snap, services, now);
  if (missing.empty()) return Status::Ok();
  if (!ConsentEffective(snap, now)) {
    return Status::NotAllowed(
        what +
        " og krever samtykke, men saken har ikke gyldig samtykke. "
        "Registrer samtykke som omfatter: " +
        JoinNames(missing) + ".");
  }
  return Status::NotAllowed(what +
                            " og krever samtykke, men samtykket omfatter "
                            "ikke: " +
                            JoinNames(missing) +
                            ". Registrer nytt samtykke som også omfatter "
                            "disse tjenestene.");
}

bool IsCaseWorker(const Snapshot& snap, const routine::Step& step,
                  const std::string& service) {
  if (service.empty()) return false;
  return service == snap.reporter_service ||
         service == ResponsibleFor(step, snap) || service == snap.baton_holder;
}

Status RequireSight(const Snapshot& snap, const Actor& actor, TimePoint now) {
  if (CanSee(snap, actor.service, now)) return Status::Ok();
  return Status(Code::kPermissionDenied,
                "Tjenesten " + Quoted(actor.service) +
                    " har ikke tilgang til saken. Tilgang gis av samtykket "
                    "eller, på nivå 0, ved at tjenesten er ansvarlig eller "
                    "har stafettpinnen.");
}

std::string JoinNames(const std::vector<std::string>& names) {
  if (names.empty()) return "(ingen)";
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

std::string Quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

}  // namespace stafett::engine
