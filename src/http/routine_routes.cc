// GET /api/v1/routines and GET /api/v1/routines/{id}[?version=N]: the
// caller's tenant's routines, each with its stored versions (the newest is
// current; docs/routine-lifecycle.md). Readable by every role (auditors
// check cases against the routine; administrators maintain it).
#include <cstdlib>
#include <map>

#include "core/json_writer.h"
#include "http/deadline_words.h"
#include "http/json_codec.h"
#include "http/lang_json.h"
#include "http/route_util.h"
#include "http/routes.h"
#include "routine/render.h"
#include "store/routines/routine_versions.h"

namespace stafett::http {
namespace {

void WriteHead(JsonWriter& w, const routine::Routine& r) {
  w.Field("id", r.id)
      .Field("version", r.version)
      .Field("hash", r.hash)
      .Field("title", r.title.Get())
      .Field("reference_prefix", r.reference_prefix)
      .Field("initial", r.initial)
      .Field("abuse_step", r.abuse_step);
}

void WritePageField(JsonWriter& w, const routine::FieldSpec& f) {
  w.BeginObject()
      .Field("name", f.name)
      .Field("type", routine::FieldTypeName(f.type))
      .Field("required", f.required);
  w.Key("label");
  if (f.label.by_lang.empty()) {
    routine::Text t;
    t.by_lang["nb"] = f.name;  // the file gave no label: show the name
    WriteLang(w, t);
  } else {
    WriteLang(w, f.label);
  }
  if (f.type == routine::FieldType::kChoice) {
    w.Key("choices").BeginArray();
    for (const auto& o : f.options) w.String(o);
    w.EndArray();
  }
  w.EndObject();
}

void WritePageFields(JsonWriter& w, const std::vector<routine::FieldSpec>& v) {
  w.Key("requires").BeginArray();
  for (const auto& f : v) WritePageField(w, f);
  w.EndArray();
}

// What the routine page draws: services and steps with every user-facing
// text in the four languages, and each deadline also in words. Channels
// (addresses, webhooks) are left out: the page does not need them.
void WritePage(JsonWriter& w, const routine::Routine& r) {
  w.Key("titles");
  WriteLang(w, r.title);
  w.Key("services").BeginArray();
  for (const auto& s : r.services) {
    w.BeginObject()
        .Field("id", s.id)
        .Field("kind", routine::ServiceKindName(s.kind));
    w.Key("name");
    WriteServiceName(w, s);
    w.EndObject();
  }
  w.EndArray();
  w.Key("steps").BeginArray();
  for (const auto& st : r.steps) {
    w.BeginObject()
        .Field("id", st.id)
        .Field("kind", routine::StepKindName(st.kind))
        .Field("level", st.level);
    w.Key("title");
    WriteLang(w, st.title);
    // As in the file: "reporter", "baton" or a service id; for a service
    // also its name in the four languages.
    w.Field("responsible", st.responsible.ToString());
    w.Key("responsible_name");
    const routine::Service* svc =
        st.responsible.kind == routine::Responsible::Kind::kService
            ? r.FindService(st.responsible.service)
            : nullptr;
    if (svc != nullptr) {
      WriteServiceName(w, *svc);
    } else {
      w.Null();
    }
    w.Key("deadline");
    if (!st.deadline.has_deadline()) {
      w.Null();
    } else {
      w.BeginObject();
      if (st.deadline.kind == DeadlineSpec::Kind::kCalendar) {
        w.Field("iso", st.deadline.duration.ToString());
        w.Key("working_days").Null();
      } else {
        w.Key("iso").Null();
        w.Field("working_days", st.deadline.working_days);
      }
      w.Key("text");
      WriteLang(w, DeadlineWords(st.deadline));
      w.EndObject();
    }
    WritePageFields(w, st.fields);
    w.Key("outcomes").BeginArray();
    for (const auto& o : st.outcomes) {
      w.BeginObject().Field("name", o.name).Field("to", o.to);
      w.Key("label");
      if (o.label.by_lang.empty()) {
        routine::Text t;
        t.by_lang["nb"] = o.name;
        WriteLang(w, t);
      } else {
        WriteLang(w, o.label);
      }
      WritePageFields(w, o.fields);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

// The stored versions of one routine, newest first, with the open cases
// pinned to each; null without `open_by_hash` (roles that do not migrate).
void WriteVersions(JsonWriter& w, const routine::Routine& current,
                   const std::vector<store::StoredVersion>& all,
                   const std::map<std::string, int>* open_by_hash) {
  w.Key("versions").BeginArray();
  for (const auto& v : all) {
    if (v.routine_id != current.id) continue;
    w.BeginObject()
        .Field("version", v.version)
        .Field("hash", v.hash)
        .Field("published_at", FormatUtc(v.published_at))
        .Field("current", v.hash == current.hash);
    w.Key("open_cases");
    if (open_by_hash == nullptr) {
      w.Null();
    } else {
      auto n = open_by_hash->find(v.hash);
      w.Int(n == open_by_hash->end() ? 0 : n->second);
    }
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

Response ListRoutines(const Request& req, const ApiDeps& deps) {
  store::Database& db = deps.store->database();
  const auto versions = store::ListRoutineVersions(db, req.actor->tenant);
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  // Exact open cases per version are for the administrator, who moves
  // cases between versions and must know how many; to every other role,
  // auditors included, a count of 1 to 4 is a figure about children that
  // the reports would suppress (docs/privacy.md), so they get null.
  const bool counts = req.actor->role == engine::Role::kAdmin;
  for (const auto& r : deps.routines->ForTenant(req.actor->tenant)) {
    std::map<std::string, int> open_by_hash;
    if (counts) {
      for (const auto& [key, n] :
           store::OpenCasesByVersionStep(db, req.actor->tenant, r->id)) {
        open_by_hash[key.first] += n;
      }
    }
    w.BeginObject();
    WriteHead(w, *r);
    WriteVersions(w, *r, versions, counts ? &open_by_hash : nullptr);
    w.EndObject();
  }
  w.EndArray().EndObject();
  return Response::Json(200, w.Take());
}

Response GetRoutine(const Request& req, const ApiDeps& deps) {
  const std::string& id = req.params.at("id");
  auto current = deps.routines->Current(req.actor->tenant, id);
  auto r = current;
  if (auto asked = req.Query("version")) {
    // An old version, e.g. the one a case is pinned to.
    char* end = nullptr;
    long n = std::strtol(asked->c_str(), &end, 10);
    if (asked->empty() || *end != '\0' || n < 1 || n > 1000000) {
      return Problem(
          req, Status::Invalid("«version» skal være et versjonsnummer (1, 2, "
                               "...).",
                               "version"));
    }
    r = nullptr;
    auto found = store::FindRoutineVersion(
        deps.store->database(), req.actor->tenant, id, static_cast<int>(n));
    if (!found.empty()) {
      r = deps.routines->Pinned(req.actor->tenant, found.front().hash);
    }
    if (!r) {
      return Problem(
          req, Status::NotFound("Rutinen «" + id + "» har ingen versjon " +
                                *asked + "."));
    }
  }
  if (!r) {
    return Problem(
        req,
        Status::NotFound("Kommunen har ingen rutine som heter «" + id + "»."));
  }
  JsonWriter w;
  w.BeginObject();
  WriteHead(w, *r);
  w.Field("current", current != nullptr && current->hash == r->hash);
  WritePage(w, *r);
  // The render JSON (routine/render.h) is the full routine for programs:
  // services, steps, fields and outcomes; the mermaid text is for people.
  // Services' channels (e-mail addresses, webhook URLs) only for admins,
  // who configure them.
  const bool channels = req.actor->role == engine::Role::kAdmin;
  w.Key("diagram")
      .BeginObject()
      .Field("mermaid", routine::RenderMermaid(*r))
      .Key("render")
      .Raw(routine::RenderJson(*r, "nb", channels))
      .EndObject();
  w.EndObject();
  Response out = Response::Json(200, w.Take());
  out.With("ETag", "\"" + r->hash + "\"");
  return out;
}

}  // namespace stafett::http
