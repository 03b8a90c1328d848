// POST /api/v1/routines/check and POST /api/v1/routines: an administrator
// checks and publishes a routine (YAML body) without a restart
// (docs/routine-lifecycle.md, CONTRACT in docs/api.md).
//
// The body is the routine file's text, Content-Type application/yaml (also
// application/x-yaml, text/yaml or text/plain), bounded by the server's
// body limit. Diagnostics carry line and column as `stafett routine check`
// prints them; messages are in bokmål (the validator's language) whatever
// the request's language.
#include <algorithm>
#include <cctype>

#include "core/json_writer.h"
#include "http/problem.h"
#include "http/route_util.h"
#include "http/routes.h"
#include "http/scope.h"
#include "store/routines/routine_publish.h"

namespace stafett::http {
namespace {

bool IsYamlContentType(std::string v) {
  std::transform(v.begin(), v.end(), v.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  std::string type = v.substr(0, v.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  while (!type.empty() && type.front() == ' ') type.erase(type.begin());
  return type == "application/yaml" || type == "application/x-yaml" ||
         type == "text/yaml" || type == "text/plain";
}

// A coarse, stable class of each diagnostic, for programs; the message is
// for people.
std::string DiagnosticCode(const std::string& m) {
  auto starts = [&](const char* p) { return m.rfind(p, 0) == 0; };
  auto has = [&](const char* p) { return m.find(p) != std::string::npos; };
  if (starts("ugyldig YAML")) return "yaml_syntax";
  if (has("UTF-8") || has("UTF-16") || has("NUL-tegn")) return "encoding";
  if (starts("ukjent nøkkel")) return "unknown_key";
  if (has("mangler")) return "missing";
  if (has("finnes ikke") || starts("ukjent")) return "unknown_reference";
  if (has("kan ikke nås") || has("nås ikke") || has("blindvei")) {
    return "graph";
  }
  return "invalid";
}

// "… (mente du 'deadline'?)" -> "deadline".
std::string Suggestion(const std::string& m) {
  const std::string open = "mente du '";
  auto at = m.find(open);
  if (at == std::string::npos) return "";
  at += open.size();
  auto end = m.find('\'', at);
  return end == std::string::npos ? "" : m.substr(at, end - at);
}

void WriteDiagnostics(JsonWriter& w,
                      const std::vector<routine::Diagnostic>& diags) {
  w.BeginArray();
  for (const auto& d : diags) {
    w.BeginObject()
        .Field("line", d.line)
        .Field("column", d.column)
        .Field("severity", "error")
        .Field("code", DiagnosticCode(d.message))
        .Field("message", d.message);
    if (std::string s = Suggestion(d.message); !s.empty()) {
      w.Field("suggestion", s);
    }
    w.EndObject();
  }
  w.EndArray();
}

void WriteStrings(JsonWriter& w, const std::vector<std::string>& v) {
  w.BeginArray();
  for (const auto& s : v) w.String(s);
  w.EndArray();
}

std::string CheckJson(const store::PublishCheck& c) {
  JsonWriter w;
  w.BeginObject().Field("ok", c.diagnostics.empty()).Key("routine");
  if (c.routine) {
    w.BeginObject()
        .Field("id", c.routine->id)
        .Field("version", c.routine->version)
        .Field("tenant", c.routine->tenant)
        .Field("hash", c.routine->hash)
        .EndObject();
  } else {
    w.Null();
  }
  w.Key("diagnostics");
  WriteDiagnostics(w, c.diagnostics);
  w.Key("diff");
  if (c.diff) {
    w.BeginObject().Key("against_version");
    if (c.against) {
      w.Int(c.against->version);
    } else {
      w.Null();
    }
    w.Key("steps_added");
    WriteStrings(w, c.diff->steps_added);
    w.Key("steps_removed");
    WriteStrings(w, c.diff->steps_removed);
    w.Key("steps_changed").BeginArray();
    for (const auto& s : c.diff->steps_changed) {
      w.BeginObject().Field("step", s.step).Key("what");
      WriteStrings(w, s.what);
      w.EndObject();
    }
    w.EndArray().EndObject();
  } else {
    w.Null();
  }
  w.Key("affected");
  if (c.diff) {
    w.BeginObject().Field("open_cases", c.open_cases).Key("by_step");
    w.BeginArray();
    for (const auto& s : c.by_step) {
      w.BeginObject()
          .Field("step", s.step)
          .Field("open_cases", s.open_cases)
          .Field("changes", s.changes)
          .EndObject();
    }
    w.EndArray().EndObject();
  } else {
    w.Null();
  }
  w.Field("publishable", c.publishable())
      .Field("already_published", c.already_published)
      .Key("refusal");
  if (c.refusal_code.empty()) {
    w.Null();
  } else {
    w.BeginObject()
        .Field("code", c.refusal_code)
        .Field("detail", c.refusal_detail)
        .EndObject();
  }
  w.EndObject();
  return w.Take();
}

// Admin, YAML body: the shared preamble of both routes. nullopt to go on.
std::optional<Response> Preamble(const Request& req) {
  if (Status s = RequireAdminRole(*req.actor); !s.ok()) return Problem(req, s);
  if (!IsYamlContentType(req.Header("content-type"))) {
    return Problem(req, Status(Code::kUnsupportedMedia,
                               "Send rutinefilen som tekst med Content-Type: "
                               "application/yaml."));
  }
  return std::nullopt;
}

// A problem with its own machine code (RFC 9457 type and `code`), for the
// publish refusals the Code table has no name for.
Response CodedProblem(const Request& req, int status, const std::string& code,
                      const std::string& title, const std::string& detail) {
  JsonWriter w;
  w.BeginObject()
      .Field("type", "urn:stafett:problem:" + code)
      .Field("title", title)
      .Field("status", status)
      .Field("detail", detail)
      .Field("code", code)
      .Field("request_id", req.request_id)
      .EndObject();
  Response out;
  out.status = status;
  out.content_type = std::string(kProblemContentType);
  out.body = w.Take();
  return out;
}

std::string PublishedJson(const store::StoredVersion& v) {
  JsonWriter w;
  w.BeginObject()
      .Field("id", v.routine_id)
      .Field("version", v.version)
      .Field("hash", v.hash)
      .Field("published_at", FormatUtc(v.published_at))
      .EndObject();
  return w.Take();
}

}  // namespace

Response CheckRoutine(const Request& req, const ApiDeps& deps) {
  if (auto refused = Preamble(req)) return *refused;
  store::PublishCheck c = store::CheckPublish(deps.store->database(), req.body,
                                              "request", req.actor->tenant);
  return Response::Json(200, CheckJson(c));
}

Response PublishRoutine(const Request& req, const ApiDeps& deps) {
  if (auto refused = Preamble(req)) return *refused;
  store::Database& db = deps.store->database();
  store::PublishCheck c =
      store::CheckPublish(db, req.body, "request", req.actor->tenant);
  if (!c.routine) {
    Status s =
        Status::Invalid("Rutinen har " + std::to_string(c.diagnostics.size()) +
                        " feil; se «diagnostics» for linje og kolonne.");
    JsonWriter w;
    WriteDiagnostics(w, c.diagnostics);
    Response out = Problem(req, s);
    out.body = ProblemJsonWith(s, req.request_id, "diagnostics", w.Take());
    return out;
  }
  if (c.refusal_code == "tenant_mismatch") {
    return Problem(req, Status(Code::kPermissionDenied, c.refusal_detail));
  }
  if (!c.refusal_code.empty()) {
    return CodedProblem(req, 409, c.refusal_code,
                        "Versjonen kan ikke publiseres", c.refusal_detail);
  }
  store::Published p = store::Publish(db, c, req.now);
  if (p.result == store::PublishResult::kVersionExists) {
    return CodedProblem(
        req, 409, "version_exists", "Versjonen kan ikke publiseres",
        "Versjon " + std::to_string(c.routine->version) +
            " ble nettopp publisert med annet innhold. Øk versjonsnummeret.");
  }
  // This replica serves it at once; the others within a poll interval.
  if (deps.routines_changed) deps.routines_changed();
  deps.log->Info("routine_published", c.routine->tenant + "/" + c.routine->id +
                                          " v" +
                                          std::to_string(c.routine->version) +
                                          " " + c.routine->hash.substr(0, 12));
  return Response::Json(p.result == store::PublishResult::kCreated ? 201 : 200,
                        PublishedJson(p.stored));
}

}  // namespace stafett::http
