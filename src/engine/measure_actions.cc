// Measures as objects (issue 12): an outcome whose fields carry the roles
// measure, measure_owner and evaluation_date agrees a measure. Its date
// sets the next step's deadline and its owner is told. An evaluation_date
// alone (an evaluation's "next evaluation") only sets the deadline.
#include <chrono>

#include "core/json_writer.h"
#include "engine/actions.h"
#include "engine/rules.h"

namespace stafett::engine {

namespace {

using routine::FieldRole;

const routine::FieldSpec* WithRole(
    const std::vector<const routine::FieldSpec*>& specs, FieldRole role) {
  for (const auto* f : specs) {
    if (f->role == role) return f;
  }
  return nullptr;
}

const std::string* StringValue(const Fields& fields,
                               const routine::FieldSpec* spec) {
  if (spec == nullptr) return nullptr;
  auto it = fields.find(spec->name);
  if (it == fields.end()) return nullptr;
  return std::get_if<std::string>(&it->second);
}

}  // namespace

Result<std::optional<AgreedMeasure>> MeasureOf(
    const Work& w, const std::vector<const routine::FieldSpec*>& specs,
    const routine::Step& to) {
  (void)to;
  const auto* owner_spec = WithRole(specs, FieldRole::kMeasureOwner);
  const auto* date_spec = WithRole(specs, FieldRole::kEvaluationDate);
  const std::string* owner = StringValue(w.cmd.fields, owner_spec);
  const std::string* date = StringValue(w.cmd.fields, date_spec);
  // Without a date nothing is agreed (a stored routine from before roles
  // has none). A date alone (e.g. "next evaluation") sets the deadline; with
  // an owner it is a measure (routine check requires its description).
  if (date == nullptr) return std::optional<AgreedMeasure>();
  auto day = ParseDate(*date);  // ValidateFields checked the format
  if (!day.ok()) return day.status();
  const auto today = OsloDate(w.now);
  if (std::chrono::sys_days{*day} < std::chrono::sys_days{today}) {
    return Status::Invalid("Evalueringsdatoen " + Quoted(*date) +
                               " er passert; velg i dag (" + FormatDate(today) +
                               ") eller senere.",
                           "fields." + date_spec->name);
  }
  const Snapshot& s = w.snap();
  if (owner != nullptr && *owner != s.reporter_service) {
    STAFETT_RETURN_IF_ERROR(
        RequireConsent(s, {*owner}, w.now,
                       "Tiltaket får " + Quoted(*owner) + " som ansvarlig"));
  }
  AgreedMeasure m;
  if (owner != nullptr) m.owner = *owner;
  m.evaluation_date = FormatDate(*day);
  if (const auto* d = WithRole(specs, FieldRole::kMeasure)) {
    m.description_field = d->name;
  }
  m.due = EndOfOsloDay(*day);
  return std::optional<AgreedMeasure>(std::move(m));
}

void RecordMeasure(Work& w, const AgreedMeasure& m,
                   const std::string& outcome) {
  if (m.owner.empty()) return;  // a next evaluation date, not a measure
  JsonWriter j;
  j.BeginObject()
      .Field("owner", m.owner)
      .Field("evaluation_date", m.evaluation_date)
      .Field("outcome", outcome);
  if (!m.description_field.empty()) {
    // The description itself is in the outcome entry's fields; one copy of
    // free text is enough.
    j.Field("description_field", m.description_field);
  }
  j.EndObject();
  AddJournal(w, "measure_agreed", {}, j.Take());
  AddNotifyAbout(w, "measure_assigned", m.owner, "measure", m.due);
}

}  // namespace stafett::engine
