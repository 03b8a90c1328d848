// GET /api/v1/cases/{id}/log (the stafettlogg) and GET /api/v1/cases (the
// worklist).
#include <algorithm>
#include <charconv>
#include <optional>
#include <set>

#include "core/json_writer.h"
#include "engine/engine.h"
#include "engine/roles.h"
#include "http/json_codec.h"
#include "http/route_util.h"
#include "http/routes.h"
#include "http/scope.h"
#include "store/cases/case_codec.h"

namespace stafett::http {
namespace {

void OptionalTime(JsonWriter& w, std::string_view key,
                  const std::optional<TimePoint>& t) {
  if (t) {
    w.Field(key, FormatUtc(*t));
  } else {
    w.Key(key).Null();
  }
}

void WriteJournalEntry(JsonWriter& w, const store::StoredJournalEntry& e) {
  const engine::JournalEntry& j = e.entry;
  w.BeginObject()
      .Field("seq", static_cast<std::int64_t>(e.seq))
      .Field("at", FormatUtc(j.at))
      .Field("kind", j.kind)
      .Field("step", j.step)
      .Field("level", j.level);
  w.Key("by")
      .BeginObject()
      .Field("service", j.actor_service)
      .Field("role", engine::RoleName(j.actor_role));
  if (j.actor_person.empty()) {
    w.Key("person_id").Null();
  } else {
    w.Field("person_id", j.actor_person);
  }
  w.EndObject();
  if (j.text.empty()) {
    w.Key("text").Null();
  } else {
    w.Field("text", j.text);
  }
  // detail_json is written by the engine as a JSON object.
  w.Key("detail").Raw(j.detail_json.empty() ? "{}" : j.detail_json);
  w.EndObject();
}

void WriteVisit(JsonWriter& w, const store::StepVisitRow& v) {
  w.BeginObject()
      .Field("seq", v.seq)
      .Field("step", v.step)
      .Field("phase", v.kind)
      .Field("level", v.level)
      .Field("responsible", v.service)
      .Field("entered_at", FormatUtc(v.entered_at));
  OptionalTime(w, "due_at", v.due_at);
  OptionalTime(w, "left_at", v.left_at);
  if (v.outcome.empty()) {
    w.Key("outcome").Null();
  } else {
    w.Field("outcome", v.outcome);
  }
  w.EndObject();
}

// One worklist row: what a team needs to pick the next case, no free text.
void WriteSummary(JsonWriter& w, const engine::Snapshot& s,
                  const routine::Routine* routine, TimePoint now) {
  const bool open = s.status == engine::CaseStatus::kOpen;
  const routine::Step* step = routine ? routine->FindStep(s.step) : nullptr;
  w.BeginObject()
      .Field("id", s.case_id)
      .Field("tenant", s.tenant)
      .Field("reference", s.reference)
      .Field("version", static_cast<std::int64_t>(s.version))
      .Field("status", engine::CaseStatusName(s.status))
      .Field("step", s.step);
  if (step) {
    w.Field("phase", routine::StepKindName(step->kind));
  } else {
    w.Key("phase").Null();
  }
  w.Field("level", s.level).Field("responsible", s.responsible_service);
  w.Key("baton").BeginObject().Field("state", engine::BatonStateName(s.baton));
  if (s.baton_holder.empty()) {
    w.Key("holder").Null();
  } else {
    w.Field("holder", s.baton_holder);
  }
  if (s.baton_offered_to.empty()) {
    w.Key("offered_to").Null();
  } else {
    w.Field("offered_to", s.baton_offered_to);
  }
  w.EndObject();
  w.Key("deadline");
  if (open && s.due_at) {
    w.BeginObject().Field("due_at", FormatUtc(*s.due_at)).EndObject();
  } else {
    w.Null();
  }
  w.Field("overdue", open && s.due_at && *s.due_at < now);
  w.Key("routine")
      .BeginObject()
      .Field("id", s.routine_id)
      .Field("version", s.routine_version)
      .EndObject();
  w.EndObject();
}

Status BadParam(const std::string& name, const std::string& what) {
  return Status::Invalid("Parameteren «" + name + "» " + what, name);
}

std::optional<int> ParseInt(const std::string& s) {
  int v = 0;
  if (s.empty() || s.size() > 9) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

Result<store::WorklistFilter> ParseWorklistQuery(const Request& req) {
  static const std::set<std::string> kKnown = {
      "service", "step",   "level",  "status",   "overdue",
      "limit",   "cursor", "reason", "reference"};
  for (const auto& [name, value] : req.query) {
    if (!kKnown.count(name)) {
      return Status::Invalid(
          "Ukjent parameter «" + name +
              "». Gyldige: service, step, level, status, overdue, limit, "
              "cursor, reason, reference.",
          name);
    }
  }
  store::WorklistFilter f;
  f.now = req.now;
  if (auto v = req.Query("service"); v && !v->empty()) {
    if (v->size() > kMaxShortBytes) return BadParam("service", "er for lang.");
    f.responsible_service = *v;
  }
  if (auto v = req.Query("step"); v && !v->empty()) {
    if (v->size() > kMaxShortBytes) return BadParam("step", "er for lang.");
    f.step = *v;
  }
  if (auto v = req.Query("level"); v && !v->empty()) {
    auto n = ParseInt(*v);
    if (!n || *n < 0 || *n > 3) {
      return BadParam("level", "må være et nivå fra 0 til 3.");
    }
    f.level = *n;
  }
  if (auto v = req.Query("reference"); v && !v->empty()) {
    // Typed by a person: ignore surrounding spaces and letter case
    // ("demo-2026-0007" finds DEMO-2026-0007). A lookup by reference finds
    // closed cases too unless status says otherwise.
    std::string ref = *v;
    while (!ref.empty() && ref.front() == ' ') ref.erase(0, 1);
    while (!ref.empty() && ref.back() == ' ') ref.pop_back();
    if (ref.empty() || ref.size() > 40) {
      return BadParam("reference",
                      "må være en saksreferanse, for eksempel "
                      "DEMO-2026-0007.");
    }
    for (auto& c : ref) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      const bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_';
      if (!ok) {
        return BadParam("reference",
                        "må være en saksreferanse, for "
                        "eksempel DEMO-2026-0007.");
      }
    }
    f.reference = ref;
    if (!req.Query("status")) f.status = std::nullopt;
  }
  if (auto v = req.Query("status"); v && !v->empty()) {
    if (*v == "open") {
      f.status = engine::CaseStatus::kOpen;
    } else if (*v == "closed") {
      f.status = engine::CaseStatus::kClosed;
    } else if (*v == "any") {
      f.status = std::nullopt;
    } else {
      return BadParam("status", "må være open, closed eller any.");
    }
  }
  if (auto v = req.Query("overdue"); v && !v->empty()) {
    if (*v == "true") {
      f.overdue_only = true;
    } else if (*v != "false") {
      return BadParam("overdue", "må være true eller false.");
    }
  }
  f.limit = 50;
  if (auto v = req.Query("limit"); v && !v->empty()) {
    auto n = ParseInt(*v);
    if (!n || *n < 1 || *n > 500) {
      return BadParam("limit", "må være et heltall fra 1 til 500.");
    }
    f.limit = *n;
  }
  if (auto v = req.Query("cursor")) {
    if (v->size() > 1000) return BadParam("cursor", "er ugyldig.");
    f.cursor = *v;
  }
  return f;
}

// How many store pages one worklist request may read while skipping cases
// the caller's service may not see.
constexpr int kMaxPagesPerRequest = 10;

// One tenant's part of a worklist page: up to filter.limit cases `actor`
// lists, from filter.cursor on, and the store cursor after the last row
// read ("" at the end).
struct TenantPage {
  std::vector<engine::Snapshot> items;
  std::string cursor;
};

Result<TenantPage> CollectPage(const ApiDeps& deps, const engine::Actor& actor,
                               const store::WorklistFilter& filter,
                               TimePoint now) {
  // The store reads the service's own case_visibility rows (engine::CanSee
  // as rows, store/cases/case_visibility.h): a worker's own work, or everything
  // the unit sees, so one store page is a full page. The scope check below
  // stays as a second guard; each further store page (only if it dropped
  // something) asks for as many rows as are still missing, so the page
  // always ends on a store cursor and next_cursor stays exact.
  CaseScope scope(*deps.store, actor, now);
  const int limit = filter.limit;
  TenantPage out;
  out.cursor = filter.cursor;
  for (int page = 0; page < kMaxPagesPerRequest; ++page) {
    store::WorklistFilter f = filter;
    f.seen_by = actor.service;
    f.now = now;
    // A lookup by reference finds any case the service sees.
    f.work_only =
        !filter.reference &&
        !engine::RoleMay(actor.role, engine::Power::kWholeUnitWorklist);
    f.cursor = out.cursor;
    f.limit = limit - static_cast<int>(out.items.size());
    Result<store::WorklistPage> got = deps.store->Worklist(actor.tenant, f);
    if (!got.ok()) return got.status();
    for (auto& s : got->cases) {
      // A lookup by reference finds any case the service sees; the list
      // itself is the role's (engine/roles.h).
      const bool keep = filter.reference ? scope.Visible(s) : scope.Listed(s);
      if (keep) out.items.push_back(std::move(s));
    }
    out.cursor = got->next_cursor;
    if (out.cursor.empty() || static_cast<int>(out.items.size()) >= limit) {
      break;
    }
  }
  return out;
}

// The worklist's order (store/cases/case_row.cc: worklist_due, then id).
std::pair<std::int64_t, std::string> SortKey(const engine::Snapshot& s) {
  return {s.due_at ? ToMillis(*s.due_at) : store::kNoDeadline, s.case_id};
}

// A shared service's worklist: the served tenants' pages merged in the
// worklist's order. Keyset cursors are comparable across tenants, so one
// cursor pages through all of them: the next starts after the last case
// shown, or earlier where a tenant stopped reading before that.
Result<TenantPage> MergePages(const ApiDeps& deps,
                              const std::vector<engine::Actor>& actors,
                              const store::WorklistFilter& filter,
                              TimePoint now) {
  TenantPage merged;
  std::optional<std::pair<std::int64_t, std::string>> stop;
  for (const auto& a : actors) {
    Result<TenantPage> part = CollectPage(deps, a, filter, now);
    if (!part.ok()) return part.status();
    for (auto& s : part->items) merged.items.push_back(std::move(s));
    if (!part->cursor.empty()) {
      auto key = store::DecodeCursor(part->cursor);
      if (key && (!stop || *key < *stop)) stop = *key;
    }
  }
  std::sort(merged.items.begin(), merged.items.end(),
            [](const engine::Snapshot& x, const engine::Snapshot& y) {
              return SortKey(x) < SortKey(y);
            });
  if (static_cast<int>(merged.items.size()) > filter.limit) {
    merged.items.resize(static_cast<std::size_t>(filter.limit));
    auto last = SortKey(merged.items.back());
    if (!stop || last < *stop) stop = last;
  }
  // Cases after the stop were read past in some tenant's store page only
  // when that tenant stopped early; drop them, the next page shows them.
  if (stop) {
    while (!merged.items.empty() && SortKey(merged.items.back()) > *stop) {
      merged.items.pop_back();
    }
    merged.cursor = store::EncodeCursor(stop->first, stop->second);
  }
  return merged;
}

}  // namespace

Response GetCaseLog(const Request& req, const ApiDeps& deps) {
  const engine::Actor& actor = *req.actor;
  if (Status s = RequireTeamRole(actor); !s.ok()) return Problem(req, s);
  Result<std::string> reason = AccessReason(req);
  if (!reason.ok()) return Problem(req, reason.status());
  CaseScope scope(*deps.store, actor, req.now);
  Result<engine::Snapshot> snap = scope.Load(req.params.at("id"));
  if (!snap.ok()) return Problem(req, snap.status());
  RecordCaseRead(*deps.store, actor, snap->case_id, "read_journal", *reason,
                 req.now, req.acting_via);

  auto journal = deps.store->Journal(actor.tenant, snap->case_id);
  auto visits = deps.store->StepVisits(actor.tenant, snap->case_id);
  JsonWriter w;
  w.BeginObject()
      .Field("case_id", snap->case_id)
      .Field("reference", snap->reference)
      .Field("version", static_cast<std::int64_t>(snap->version));
  w.Key("entries").BeginArray();
  for (const auto& e : journal) WriteJournalEntry(w, e);
  w.EndArray();
  w.Key("visits").BeginArray();
  for (const auto& v : visits) WriteVisit(w, v);
  w.EndArray();
  w.EndObject();
  Response r = Response::Json(200, w.Take());
  r.With("ETag", VersionETag(snap->version));
  return r;
}

Response ListCases(const Request& req, const ApiDeps& deps) {
  const engine::Actor& actor = *req.actor;
  if (Status s = RequireTeamRole(actor); !s.ok()) return Problem(req, s);
  Result<std::string> reason = AccessReason(req);
  if (!reason.ok()) return Problem(req, reason.status());
  Result<store::WorklistFilter> filter = ParseWorklistQuery(req);
  if (!filter.ok()) return Problem(req, filter.status());
  // A shared service lists the cases of every tenant it serves, each read
  // in that tenant's access log (http/scope.h).
  const std::vector<engine::Actor> actors = ActingActors(actor, deps.shared);
  Result<TenantPage> page = actors.size() == 1
                                ? CollectPage(deps, actors[0], *filter, req.now)
                                : MergePages(deps, actors, *filter, req.now);
  if (!page.ok()) return Problem(req, page.status());
  // The whole shared list, or one tenant of it (?tenant=, scope.h).
  const std::string via = deps.shared != nullptr && deps.shared->IsShared(actor)
                              ? SharedServices::Via(actor)
                              : req.acting_via;
  for (const auto& a : actors) {
    RecordCaseRead(*deps.store, a, "", "read_worklist", *reason, req.now, via);
  }
  std::vector<engine::Snapshot>& items = page->items;
  const std::string& cursor = page->cursor;

  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& s : items) {
    auto routine = deps.routines->Pinned(s.tenant, s.routine_hash);
    WriteSummary(w, s, routine.get(), req.now);
  }
  w.EndArray();
  if (cursor.empty()) {
    w.Key("next_cursor").Null();
  } else {
    w.Field("next_cursor", cursor);
  }
  w.EndObject();
  return Response::Json(200, w.Take());
}

}  // namespace stafett::http
