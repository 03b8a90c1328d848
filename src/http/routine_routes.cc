// GET /api/v1/routines and GET /api/v1/routines/{id}: the caller's tenant's
// loaded routines. Readable by every role (auditors check cases against the
// routine; administrators maintain it).
#include "core/json_writer.h"
#include "http/json_codec.h"
#include "http/route_util.h"
#include "http/routes.h"
#include "routine/render.h"

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

}  // namespace

Response ListRoutines(const Request& req, const ApiDeps& deps) {
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& r : deps.routines->ForTenant(req.actor->tenant)) {
    w.BeginObject();
    WriteHead(w, *r);
    w.EndObject();
  }
  w.EndArray().EndObject();
  return Response::Json(200, w.Take());
}

Response GetRoutine(const Request& req, const ApiDeps& deps) {
  auto r = deps.routines->Current(req.actor->tenant, req.params.at("id"));
  if (!r) {
    return Problem(req,
                   Status::NotFound("Kommunen har ingen rutine som heter «" +
                                    req.params.at("id") + "»."));
  }
  JsonWriter w;
  w.BeginObject();
  WriteHead(w, *r);
  // The render JSON (routine/render.h) is the full routine for programs:
  // services, steps, fields and outcomes; the mermaid text is for people.
  w.Key("diagram")
      .BeginObject()
      .Field("mermaid", routine::RenderMermaid(*r))
      .Key("render")
      .Raw(routine::RenderJson(*r))
      .EndObject();
  w.EndObject();
  Response out = Response::Json(200, w.Take());
  out.With("ETag", "\"" + r->hash + "\"");
  return out;
}

}  // namespace stafett::http
