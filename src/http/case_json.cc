// Encoding cases for the API (the decoding half is json_codec.cc).
#include <charconv>

#include "engine/rules.h"
#include "http/json_codec.h"
#include "routine/labels.h"

namespace stafett::http {
namespace {

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string ConsentState(const engine::Snapshot& snap, TimePoint now) {
  if (snap.sharing == engine::Sharing::kWithdrawn) return "withdrawn";
  if (!snap.consent) return "none";
  return engine::ConsentEffective(snap, now) ? "given" : "expired";
}

void WriteFieldSpec(JsonWriter& w, const routine::FieldSpec& spec) {
  w.BeginObject()
      .Field("name", spec.name)
      .Field("type", routine::FieldTypeName(spec.type))
      .Field("required", spec.required);
  // fmtcore (issue 12): what the engine does with the value.
  if (spec.role != routine::FieldRole::kNone) {
    w.Field("role", routine::FieldRoleName(spec.role));
  }
  if (!spec.label.Get().empty()) w.Field("label", spec.label.Get());
  if (spec.type == routine::FieldType::kChoice) {
    w.Key("options").BeginArray();
    for (const auto& o : spec.options) w.String(o);
    w.EndArray();
  }
  w.EndObject();
}

std::string EncodeCase(const engine::Snapshot& snap,
                       const routine::Routine& routine,
                       const std::vector<engine::AllowedOutcome>& allowed,
                       TimePoint now, const CaseActions* actions) {
  const routine::Step* step = routine.FindStep(snap.step);
  const bool open = snap.status == engine::CaseStatus::kOpen;
  JsonWriter w;
  w.BeginObject()
      .Field("id", snap.case_id)
      .Field("reference", snap.reference)
      .Field("version", static_cast<std::int64_t>(snap.version))
      .Field("status", engine::CaseStatusName(snap.status))
      .Field("step", snap.step);
  if (step != nullptr) {
    w.Field("step_title", step->title.Get());
    w.Field("phase", routine::StepKindName(step->kind));
  } else {
    w.Key("step_title").Null().Key("phase").Null();
  }
  w.Field("level", snap.level)
      .Field("responsible", snap.responsible_service)
      .Field("reporter", snap.reporter_service)
      .Field("age_band", snap.age_band);
  w.Key("categories").BeginArray();
  for (const auto& c : snap.categories) w.String(c);
  w.EndArray();

  w.Key("baton").BeginObject().Field("state",
                                     engine::BatonStateName(snap.baton));
  if (snap.baton_holder.empty()) {
    w.Key("holder").Null();
  } else {
    w.Field("holder", snap.baton_holder);
  }
  if (snap.baton_offered_to.empty()) {
    w.Key("offered_to").Null();
  } else {
    w.Field("offered_to", snap.baton_offered_to);
  }
  w.EndObject();

  w.Key("consent")
      .BeginObject()
      .Field("state", ConsentState(snap, now))
      .Field("sharing", engine::SharingName(snap.sharing));
  if (snap.consent) {
    w.Field("given_by", snap.consent->given_by);
    w.Key("services").BeginArray();
    for (const auto& s : snap.consent->services) w.String(s);
    w.EndArray();
    w.Field("valid_until", snap.consent->valid_until);
  } else {
    w.Key("given_by").Null();
    w.Key("services").BeginArray().EndArray();
    w.Key("valid_until").Null();
  }
  w.EndObject();

  w.Key("deadline");
  if (open && snap.due_at) {
    w.BeginObject().Field("due_at", FormatUtc(*snap.due_at)).EndObject();
  } else {
    w.Null();
  }
  w.Field("overdue", open && snap.due_at && *snap.due_at < now);
  w.Field("created_at", FormatUtc(snap.created_at));
  w.Field("step_entered_at", FormatUtc(snap.step_entered_at));
  if (snap.child_welfare_reported_at) {
    w.Field("child_welfare_reported_at",
            FormatUtc(*snap.child_welfare_reported_at));
  } else {
    w.Key("child_welfare_reported_at").Null();
  }
  if (snap.child_welfare_confirmed_at) {
    w.Field("child_welfare_confirmed_at",
            FormatUtc(*snap.child_welfare_confirmed_at));
  } else {
    w.Key("child_welfare_confirmed_at").Null();
  }
  if (open) {
    w.Key("closed_reason").Null();
  } else {
    w.Field("closed_reason", snap.closed_reason);
  }

  w.Key("routine")
      .BeginObject()
      .Field("id", snap.routine_id)
      .Field("version", snap.routine_version)
      .Field("hash", snap.routine_hash)
      .EndObject();

  w.Key("allowed").BeginArray();
  for (const auto& a : allowed) {
    w.BeginObject().Field("outcome", a.outcome).Field("to", a.to);
    if (step != nullptr) {
      if (const auto* o = step->FindOutcome(a.outcome);
          o != nullptr && !o->label.Get().empty()) {
        w.Field("label", o->label.Get());
      } else if (a.outcome == engine::kSuspectedAbuse) {  // fmtnotify
        w.Field("label", routine::SuspectedAbuseLabel().Get());
      }
    }
    w.Key("requires").BeginArray();
    for (const auto* spec : a.requires_fields) {
      if (spec != nullptr) WriteFieldSpec(w, *spec);
    }
    w.EndArray().EndObject();
  }
  w.EndArray();
  if (actions != nullptr) WriteActions(w, *actions, routine);
  w.EndObject();
  return w.Take();
}

std::string VersionETag(std::int64_t version) {
  return "\"" + std::to_string(version) + "\"";
}

std::optional<std::int64_t> ParseIfMatch(std::string_view v) {
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  // A weak validator is accepted too: the version is the whole identity of
  // a case's state, so weak and strong comparison agree.
  if (v.substr(0, 2) == "W/") v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
    v = v.substr(1, v.size() - 2);
  }
  if (!IsDigits(v) || v.size() > 18) return std::nullopt;
  std::int64_t n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || ptr != v.data() + v.size()) return std::nullopt;
  return n;
}

}  // namespace stafett::http
