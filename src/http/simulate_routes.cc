// POST /api/v1/routines/simulate: the routine simulator (engine/simulate.h)
// for administrators, on one of the tenant's routines or on a draft.
//
//   {"routine": "bti"}            a routine the tenant runs, or
//   {"source": "<YAML>"}          a draft of the tenant's (not stored)
//   + "profile": "<YAML>", "cases", "months", "seed", "start": "YYYY-MM"
//
// A draft or profile with problems is a 422 whose `diagnostics` list each
// problem with its line and column, as `stafett routine check` prints them.
// The API runs at most kMaxApiCases cases, so that one request holds a
// worker for a couple of seconds at most; the CLI has no such bound.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "core/json_writer.h"
#include "engine/simulate.h"
#include "http/body_json.h"
#include "http/problem.h"
#include "http/route_util.h"
#include "http/routes.h"
#include "http/scope.h"
#include "routine/loader.h"
#include "routine/sim_profile.h"

namespace stafett::http {
namespace {

constexpr int kMaxApiCases = 20000;

struct SimRequest {
  std::string routine, source, profile, start = "2027-01";
  int cases = 1000, months = 12;
  std::int64_t seed = 1;
};

Status Field(const std::string& name, const std::string& what) {
  return Status::Invalid("Feltet «" + name + "» " + what, name);
}

// Strict like json_codec: unknown keys and wrong types are refused, so a
// misspelt option never silently runs with its default.
Result<SimRequest> Decode(const std::string& body) {
  auto parsed = ParseJsonObject(body, 8);
  if (!parsed.ok()) return parsed.status();
  Poco::JSON::Object::Ptr obj = *parsed;
  SimRequest r;
  for (const auto& member : *obj) {
    // Named, not a structured binding: clang 14 (the fuzz tree) cannot
    // capture those in the lambdas below.
    const std::string& key = member.first;
    const Poco::Dynamic::Var& value = member.second;
    auto text = [&](std::string* out) -> Status {
      if (!value.isString()) return Field(key, "skal være tekst.");
      *out = value.toString();
      return Status::Ok();
    };
    auto integer = [&](auto* out, std::int64_t lo, std::int64_t hi) -> Status {
      if (!value.isInteger() || value.isBoolean()) {
        return Field(key, "skal være et heltall.");
      }
      const std::optional<std::int64_t> n = JsonInt64(value);
      const std::int64_t v = n ? *n : hi;  // past int64: too big
      if (!n || v < lo || v > hi) {
        return Field(key, "skal være fra " + std::to_string(lo) + " til " +
                              std::to_string(hi) + ".");
      }
      *out = static_cast<std::remove_pointer_t<decltype(out)>>(v);
      return Status::Ok();
    };
    Status s;
    if (key == "routine") {
      s = text(&r.routine);
    } else if (key == "source") {
      s = text(&r.source);
    } else if (key == "profile") {
      s = text(&r.profile);
    } else if (key == "start") {
      s = text(&r.start);
    } else if (key == "cases") {
      s = integer(&r.cases, 1, kMaxApiCases);
    } else if (key == "months") {
      s = integer(&r.months, 1, 120);
    } else if (key == "seed") {
      s = integer(&r.seed, 0, INT64_MAX);
    } else {
      s = Field(key,
                "er ukjent. Kjente felt: routine, source, profile, "
                "cases, months, seed, start.");
    }
    if (!s.ok()) return s;
  }
  if (r.routine.empty() == r.source.empty()) {
    return Status::Invalid(
        "Oppgi enten «routine» (en rutine kommunen bruker) eller «source» "
        "(et utkast i YAML), ikke begge.",
        "routine");
  }
  return r;
}

Response Diagnostics(const Request& req, const std::string& field,
                     const std::vector<routine::Diagnostic>& diags) {
  Status s =
      Status::Invalid("«" + field + "» har " + std::to_string(diags.size()) +
                          " feil; se «diagnostics» for linje og kolonne.",
                      field);
  JsonWriter w;
  w.BeginArray();
  for (const auto& d : diags) {
    w.BeginObject()
        .Field("field", field)
        .Field("line", d.line)
        .Field("column", d.column)
        .Field("message", d.message)
        .EndObject();
  }
  w.EndArray();
  Response out = Problem(req, s);
  out.body = ProblemJsonWith(s, req.request_id, "diagnostics", w.Take());
  return out;
}

bool WantsCsv(const Request& req) {
  return req.Header("accept").find("text/csv") != std::string::npos;
}

}  // namespace

Response SimulateRoutine(const Request& req, const ApiDeps& deps) {
  if (Status s = RequireAdminRole(*req.actor); !s.ok()) return Problem(req, s);
  auto decoded = Decode(req.body);
  if (!decoded.ok()) return Problem(req, decoded.status());
  const SimRequest& in = *decoded;

  std::shared_ptr<const routine::Routine> routine;
  if (!in.routine.empty()) {
    routine = deps.routines->Current(req.actor->tenant, in.routine);
    if (!routine) {
      return Problem(req, Status::Invalid("Kommunen har ingen rutine som "
                                          "heter «" +
                                              in.routine + "».",
                                          "routine"));
    }
  } else {
    auto loaded = routine::LoadRoutineText(in.source, "source");
    if (!loaded.ok()) return Diagnostics(req, "source", loaded.diagnostics);
    if (loaded.routine->tenant != req.actor->tenant) {
      return Problem(
          req, Status::Invalid("Utkastet gjelder kommunen «" +
                                   loaded.routine->tenant + "», ikke din («" +
                                   req.actor->tenant + "»).",
                               "source"));
    }
    routine = loaded.routine;
  }
  routine::SimProfile profile;
  if (!in.profile.empty()) {
    auto p = routine::ReadSimProfile(in.profile, "profile", *routine);
    if (!p.ok()) return Diagnostics(req, "profile", p.diagnostics);
    profile = *p.profile;
  }
  engine::SimOptions o;
  o.cases = in.cases;
  o.months = in.months;
  o.seed = static_cast<std::uint64_t>(in.seed);
  auto start = ParseDate(in.start + "-01");
  if (in.start.size() != 7 || !start.ok()) {
    return Problem(req, Field("start", "skal være en måned, ÅÅÅÅ-MM."));
  }
  o.start = *start;
  o.threads = 1;  // the server's other requests keep the second core
  auto result = engine::Simulate(*routine, profile, o);
  if (!result.ok()) return Problem(req, result.status());

  if (WantsCsv(req)) {
    Response out;
    out.status = 200;
    out.content_type = "text/csv; charset=utf-8";
    out.body = engine::SimResultCsv(*result);
    out.With("Vary", "Accept");
    return out;
  }
  JsonWriter w;
  w.BeginObject()
      .Key("routine")
      .BeginObject()
      .Field("id", routine->id)
      .Field("version", routine->version)
      .Field("hash", routine->hash)
      .EndObject()
      .Key("result")
      .Raw(engine::SimResultJson(*result))
      .EndObject();
  Response out = Response::Json(200, w.Take());
  out.With("Vary", "Accept");
  return out;
}

}  // namespace stafett::http
