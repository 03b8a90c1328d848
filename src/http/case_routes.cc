// POST /api/v1/cases, GET /api/v1/cases/{id}, POST /api/v1/cases/{id}/commands.
#include <memory>
#include <stdexcept>

#include "core/ids.h"
#include "core/json_writer.h"
#include "engine/engine.h"
#include "http/json_codec.h"
#include "http/problem.h"
#include "http/route_util.h"
#include "http/routes.h"
#include "http/scope.h"

namespace stafett::http {
namespace {

// The routine a new case follows: the one named, or the tenant's only one.
Result<std::shared_ptr<const routine::Routine>> ResolveRoutine(
    const RoutineCatalog& catalog, const std::string& tenant,
    const std::optional<std::string>& name) {
  if (name) {
    auto r = catalog.Current(tenant, *name);
    if (!r) {
      return Status::Invalid("Kommunen har ingen rutine som heter «" + *name +
                                 "». Se GET /api/v1/routines.",
                             "routine");
    }
    return r;
  }
  auto all = catalog.ForTenant(tenant);
  if (all.empty()) {
    return Status::NotAllowed(
        "Kommunen har ingen rutine lastet. Be en administrator legge "
        "rutinefilen i mappen for rutiner og starte tjenesten på nytt.");
  }
  if (all.size() > 1) {
    std::string names;
    for (const auto& r : all) names += (names.empty() ? "" : ", ") + r->id;
    return Status::Invalid(
        "Kommunen har flere rutiner; oppgi «routine» (en av: " + names + ").",
        "routine");
  }
  return all.front();
}

// The routine version a case is pinned to. A case whose version cannot be
// found is a broken deployment, not a client mistake: it throws (500).
std::shared_ptr<const routine::Routine> PinnedRoutine(
    const ApiDeps& deps, const engine::Snapshot& snap) {
  auto r = deps.routines->Pinned(snap.tenant, snap.routine_hash);
  if (!r) {
    throw std::runtime_error("routine version " + snap.routine_id + " v" +
                             std::to_string(snap.routine_version) + " (" +
                             snap.routine_hash +
                             ") of a stored case is not available");
  }
  return r;
}

std::string CaseBody(const engine::Snapshot& snap,
                     const routine::Routine& routine,
                     const engine::Actor& actor, TimePoint now) {
  const CaseActions actions = ActionsFor(snap, routine, actor, now);
  return EncodeCase(snap, routine, engine::Allowed(snap, routine, actor, now),
                    now, &actions);
}

// After a command the acting service may have lost sight of the case (it
// handed the baton on, consent was withdrawn): it learns the new version,
// not the content.
std::string HiddenCaseBody(const engine::Snapshot& snap) {
  JsonWriter w;
  w.BeginObject()
      .Field("id", snap.case_id)
      .Field("version", static_cast<std::int64_t>(snap.version))
      .Field("visible", false)
      .EndObject();
  return w.Take();
}

// 412: the case changed since the client's If-Match. The answer carries the
// current version (also as ETag) so that the client can reload, show what
// changed and try again without a blind GET first; still only for a caller
// that may see the case now.
Response StaleVersion(const Request& req, const CaseScope& scope,
                      const std::string& case_id) {
  const Status status(Code::kStaleVersion,
                      "Saken er endret av noen andre etter versjonen du "
                      "sendte i If-Match. Hent saken på nytt og vurder "
                      "handlingen igjen.",
                      "If-Match");
  Result<engine::Snapshot> now = scope.Load(case_id);
  // The version is checked before visibility (the store reads the case
  // once): a caller who may not see the case learns nothing from a 412.
  if (!now.ok()) return Problem(req, now.status());
  Response r = Problem(req, status);
  const std::int64_t version = now->version;
  r.body = ProblemJson(status, req.request_id, [&](JsonWriter& w) {
    w.Field("current_version", version);
  });
  r.With("ETag", VersionETag(version));
  return r;
}

}  // namespace

Response CreateCase(const Request& req, const ApiDeps& deps) {
  const engine::Actor& actor = *req.actor;
  if (Status s = RequireTeamRole(actor); !s.ok()) return Problem(req, s);
  Result<NewCaseRequest> decoded = DecodeNewCase(req.body);
  if (!decoded.ok()) return Problem(req, decoded.status());
  // The PII guard runs before anything else touches the text.
  if (Status s = CheckAllFreeText(FreeTextOf(*decoded)); !s.ok()) {
    return Problem(req, s);
  }
  Result<std::string> key = IdempotencyKey(req);
  if (!key.ok()) return Problem(req, key.status());
  auto routine = ResolveRoutine(*deps.routines, actor.tenant, decoded->routine);
  if (!routine.ok()) return Problem(req, routine.status());
  const routine::Routine& r = **routine;

  engine::NewCase input;
  input.age_band = decoded->age_band;
  input.categories = decoded->categories;
  input.text = decoded->text;
  const TimePoint now = req.now;

  store::WriteOptions options;
  options.idempotency_key = *key;
  options.request_fingerprint = Fingerprint(req);
  options.respond = [&](const engine::Snapshot& after) {
    store::StoredResponse out;
    out.status_code = 201;
    out.body = CaseBody(after, r, actor, now);
    out.headers = "Location: /api/v1/cases/" + after.case_id +
                  "\nETag: " + VersionETag(after.version);
    return out;
  };
  auto decide = [&](const std::string& case_id, const std::string& reference) {
    engine::NewCase in = input;
    in.case_id = case_id;
    in.reference = reference;
    return engine::OpenCase(r, in, actor, now);
  };
  const int year = static_cast<int>(OsloDate(now).year());
  auto outcome = deps.store->CreateCase(actor.tenant, r.reference_prefix, year,
                                        decide, options);
  if (!outcome.ok()) return Problem(req, outcome.status());
  return FromStored(outcome->response, outcome->replayed);
}

Response GetCase(const Request& req, const ApiDeps& deps) {
  const engine::Actor& actor = *req.actor;
  if (Status s = RequireTeamRole(actor); !s.ok()) return Problem(req, s);
  Result<std::string> reason = AccessReason(req);
  if (!reason.ok()) return Problem(req, reason.status());
  CaseScope scope(*deps.store, actor, req.now);
  Result<engine::Snapshot> snap = scope.Load(req.params.at("id"));
  if (!snap.ok()) return Problem(req, snap.status());
  auto routine = PinnedRoutine(deps, *snap);

  RecordCaseRead(*deps.store, actor, snap->case_id, "read_case", *reason,
                 req.now, req.acting_via);

  Response r = Response::Json(200, CaseBody(*snap, *routine, actor, req.now));
  r.With("ETag", VersionETag(snap->version));
  return r;
}

Response PostCommand(const Request& req, const ApiDeps& deps) {
  const engine::Actor& actor = *req.actor;
  if (Status s = RequireTeamRole(actor); !s.ok()) return Problem(req, s);
  Result<engine::Command> cmd = DecodeCommand(req.body);
  if (!cmd.ok()) return Problem(req, cmd.status());
  if (Status s = CheckAllFreeText(FreeTextOf(*cmd)); !s.ok()) {
    return Problem(req, s);
  }

  // If-Match is required so that nobody acts on a case they have not seen
  // in its current state. The one exception is a report to child welfare:
  // nothing may block it, so it applies to whatever the current version is.
  std::optional<std::int64_t> expected;
  const std::string if_match = req.Header("if-match");
  const bool is_report = cmd->type == engine::CommandType::kReportChildWelfare;
  if (!if_match.empty() && !is_report) {
    expected = ParseIfMatch(if_match);
    if (!expected) {
      return Problem(req, Status(Code::kBadRequest,
                                 "If-Match må være saksversjonen i "
                                 "anførselstegn, for eksempel \"3\" (se "
                                 "ETag).",
                                 "If-Match"));
    }
  } else if (if_match.empty() && !is_report) {
    return Problem(req, Status(Code::kVersionRequired,
                               "Send saksversjonen du bygger på i If-Match "
                               "(verdien av ETag fra GET av saken).",
                               "If-Match"));
  }
  Result<std::string> key = IdempotencyKey(req);
  if (!key.ok()) return Problem(req, key.status());

  // The case is read once, inside the command's transaction: the decider
  // checks visibility there and takes the routine the case is pinned to.
  // A key is claimed (or its stored answer replayed) before that, so a
  // retry whose first attempt took the case out of the caller's sight
  // (baton handed on, consent withdrawn) still gets its answer.
  CaseScope scope(*deps.store, actor, req.now);
  const std::string& case_id = req.params.at("id");
  if (!IsWellFormedId(case_id)) return Problem(req, CaseNotFound());
  const TimePoint now = req.now;
  const engine::Command& command = *cmd;
  std::shared_ptr<const routine::Routine> pinned;

  auto decide =
      [&](const engine::Snapshot& current) -> Result<engine::Decision> {
    STAFETT_RETURN_IF_ERROR(scope.CheckVisible(current));
    pinned = PinnedRoutine(deps, current);
    return engine::Apply(current, *pinned, command, actor, now);
  };
  store::WriteOptions options;
  options.idempotency_key = *key;
  options.request_fingerprint = Fingerprint(req);
  options.respond = [&](const engine::Snapshot& after) {
    store::StoredResponse out;
    out.status_code = 200;
    out.body = scope.Visible(after) ? CaseBody(after, *pinned, actor, now)
                                    : HiddenCaseBody(after);
    out.headers = "ETag: " + VersionETag(after.version);
    return out;
  };
  auto outcome = deps.store->ExecuteCommand(actor.tenant, case_id, expected,
                                            decide, options);
  if (!outcome.ok()) {
    if (outcome.status().code() == Code::kStaleVersion) {
      return StaleVersion(req, scope, case_id);
    }
    // No such case in the tenant: the same answer as an invisible one.
    if (outcome.status().code() == Code::kNotFound) {
      return Problem(req, CaseNotFound());
    }
    // The key was checked before the case was read: a key reused for
    // another request on a case the caller cannot see is that case's 404.
    if (outcome.status().field() == "Idempotency-Key") {
      Result<engine::Snapshot> seen = scope.Load(case_id);
      if (!seen.ok()) return Problem(req, seen.status());
    }
    // The engine names the command's members; the API calls `to_service`
    // "to".
    if (outcome.status().field() == "to_service") {
      return Problem(req, Status(outcome.status().code(),
                                 outcome.status().message(), "to"));
    }
    return Problem(req, outcome.status());
  }
  return FromStored(outcome->response, outcome->replayed);
}

}  // namespace stafett::http
