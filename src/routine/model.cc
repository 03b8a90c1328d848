#include "routine/model.h"

namespace stafett::routine {

const std::string& Text::Get(std::string_view lang) const {
  static const std::string kEmpty;
  auto it = by_lang.find(std::string(lang));
  if (it != by_lang.end() && !it->second.empty()) return it->second;
  it = by_lang.find("nb");
  return it != by_lang.end() ? it->second : kEmpty;
}

const char* ServiceKindName(ServiceKind k) {
  switch (k) {
    case ServiceKind::kKindergarten:
      return "kindergarten";
    case ServiceKind::kSchool:
      return "school";
    case ServiceKind::kHealth:
      return "health";
    case ServiceKind::kPpt:
      return "ppt";
    case ServiceKind::kChildWelfare:
      return "child_welfare";
    case ServiceKind::kNav:
      return "nav";
    case ServiceKind::kOther:
      return "other";
  }
  return "other";
}

const char* StepKindName(StepKind k) {
  switch (k) {
    case StepKind::kConcern:
      return "concern";
    case StepKind::kObservation:
      return "observation";
    case StepKind::kTeamMeeting:
      return "team_meeting";
    case StepKind::kAction:
      return "action";
    case StepKind::kEvaluation:
      return "evaluation";
    case StepKind::kClosed:
      return "closed";
  }
  return "concern";
}

const char* FieldTypeName(FieldType t) {
  switch (t) {
    case FieldType::kText:
      return "text";
    case FieldType::kDate:
      return "date";
    case FieldType::kDateTime:
      return "datetime";
    case FieldType::kService:
      return "service";
    case FieldType::kServices:
      return "services";
    case FieldType::kInteger:
      return "integer";
    case FieldType::kBoolean:
      return "boolean";
    case FieldType::kChoice:
      return "choice";
  }
  return "text";
}

std::string Responsible::ToString() const {
  switch (kind) {
    case Kind::kReporter:
      return "reporter";
    case Kind::kBatonHolder:
      return "baton";
    case Kind::kService:
      return service;
  }
  return "reporter";
}

const Outcome* Step::FindOutcome(std::string_view name) const {
  for (const auto& o : outcomes) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

const Step* Routine::FindStep(std::string_view step_id) const {
  for (const auto& s : steps) {
    if (s.id == step_id) return &s;
  }
  return nullptr;
}

const Service* Routine::FindService(std::string_view service_id) const {
  for (const auto& s : services) {
    if (s.id == service_id) return &s;
  }
  return nullptr;
}

std::string Retention::ToString() const {
  return "closed_case=" + closed_case.ToString() +
         " closed_case_reported=" + closed_case_reported.ToString() +
         " access_log=" + access_log.ToString() +
         " notifications_delivered=" + notifications_delivered.ToString() +
         " notifications_failed=" + notifications_failed.ToString() +
         " idempotency_keys=" + idempotency_keys.ToString();
}

}  // namespace stafett::routine
