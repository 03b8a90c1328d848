// POST /api/v1/routines/{id}/migrations (admin): move the tenant's open
// cases of routine {id} to a stored version (store/routines/routine_migrate.h).
//
//   {"to": N, "map": {"old_step": "new_step", ...}, "dry_run": bool}
//
// 200 with the report; when any case has no target the whole run is
// refused before anything moves: 422 problem+json carrying the same report
// members. References, never internal ids, name the cases. A real run is
// synchronous: it holds one worker while it moves each case in its own
// transaction (a few milliseconds each); for very large runs use `stafett
// routine migrate`, which shows progress.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "core/json_writer.h"
#include "http/body_json.h"
#include "http/problem.h"
#include "http/route_util.h"
#include "http/routes.h"
#include "http/scope.h"
#include "store/routines/routine_migrate.h"

namespace stafett::http {
namespace {

Result<store::CaseMigrationRequest> Decode(const std::string& body) {
  auto parsed = ParseJsonObject(body, 8);
  if (!parsed.ok()) return parsed.status();
  Poco::JSON::Object::Ptr obj = *parsed;
  store::CaseMigrationRequest r;
  bool has_to = false;
  for (const auto& [key, value] : *obj) {
    if (key == "to") {
      const std::optional<std::int64_t> to = JsonInt64(value);
      if (!to || *to < 1 || *to > 1000000) {
        return Status::Invalid("«to» skal være et versjonsnummer.", "to");
      }
      r.to_version = static_cast<int>(*to);
      has_to = true;
    } else if (key == "dry_run") {
      if (!value.isBoolean()) {
        return Status::Invalid("«dry_run» skal være true eller false.",
                               "dry_run");
      }
      r.dry_run = value.convert<bool>();
    } else if (key == "map") {
      if (value.type() != typeid(Poco::JSON::Object::Ptr)) {
        return Status::Invalid(
            "«map» skal være et objekt {\"gammelt_steg\": \"nytt_steg\"}.",
            "map");
      }
      for (const auto& [from, to] : *value.extract<Poco::JSON::Object::Ptr>()) {
        if (!to.isString() || from.empty() || from.size() > 100 ||
            to.toString().empty() || to.toString().size() > 100 ||
            !IsValidUtf8(from) || !IsValidUtf8(to.toString())) {
          return Status::Invalid("«map." + from + "» skal være et steg-id.",
                                 "map");
        }
        r.map[from] = to.toString();
      }
    } else {
      return Status::Invalid(
          "Feltet «" + key + "» er ukjent. Kjente felt: to, map, dry_run.",
          key);
    }
  }
  if (!has_to) return Status::Invalid("«to» mangler.", "to");
  return r;
}

void WriteReport(JsonWriter& w, const store::CaseMigrationReport& r) {
  w.Field("dry_run", r.dry_run)
      .Field("to", r.to)
      .Field("total", r.total)
      .Field("migrated", r.migrated)
      .Field("already", r.already)
      .Field("refused", r.refused);
  w.Key("by_step").BeginArray();
  for (const auto& s : r.by_step) {
    w.BeginObject()
        .Field("from_version", s.from_version)
        .Field("from_step", s.from_step)
        .Key("to_step");
    if (s.to_step.empty()) {
      w.Null();
    } else {
      w.String(s.to_step);
    }
    w.Field("cases", s.cases).EndObject();
  }
  w.EndArray();
  w.Key("refusals").BeginArray();
  for (const auto& c : r.cases) {
    if (c.outcome.empty() || c.outcome == "already" ||
        c.outcome == "migrated") {
      continue;
    }
    w.BeginObject()
        .Field("reference", c.reference)
        .Field("step", c.from_step)
        .Field("reason", c.outcome)
        .EndObject();
  }
  w.EndArray();
}

}  // namespace

Response MigrateRoutineCases(const Request& req, const ApiDeps& deps) {
  if (Status s = RequireAdminRole(*req.actor); !s.ok()) return Problem(req, s);
  auto decoded = Decode(req.body);
  if (!decoded.ok()) return Problem(req, decoded.status());
  store::CaseMigrationRequest in = std::move(*decoded);
  in.tenant = req.actor->tenant;
  in.routine_id = req.params.at("id");
  in.actor = *req.actor;
  auto report = store::MigrateOpenCases(*deps.store, in, *deps.clock);
  if (!report.ok()) return Problem(req, report.status());
  if (report->refused_run() && !report->dry_run && report->migrated == 0) {
    Status s = Status::Invalid(
        std::to_string(report->refused) +
            " åpne saker har ikke noe steg å flytte til i versjon " +
            std::to_string(report->to) +
            "; ingen saker er flyttet. Oppgi «map» for stegene i "
            "«refusals».",
        "map");
    Response out = Problem(req, s);
    out.body = ProblemJson(s, req.request_id,
                           [&](JsonWriter& w) { WriteReport(w, *report); });
    return out;
  }
  if (!report->dry_run && report->migrated > 0) {
    deps.log->Info("routine_migrated",
                   in.tenant + "/" + in.routine_id + " -> v" +
                       std::to_string(in.to_version) + ": " +
                       std::to_string(report->migrated) + " saker");
  }
  JsonWriter w;
  w.BeginObject();
  WriteReport(w, *report);
  w.EndObject();
  return Response::Json(200, w.Take());
}

}  // namespace stafett::http
