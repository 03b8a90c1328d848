#include "routine/schema.h"

#include <utility>

#include <yaml-cpp/exceptions.h>

#include "routine/model.h"

namespace stafett::routine::schema {

const Keys kRoutineKeys = {"routine", "version", "tenant", "title",
                           "reference_prefix", "settings", "services",
                           "initial", "abuse_step", "steps", "retention",
                           // fmtnotify
                           "calendar", "teams", "escalation"};
const Keys kRoutineRequired = {"routine", "version",          "tenant",
                               "title",   "reference_prefix", "abuse_step",
                               "steps"};
const Keys kSettingsKeys = {"approaching_lead", "escalation_grace",
                            "consent_reminder", "consent_validity"};
const Keys kRetentionKeys = {"closed_case",
                             "closed_case_reported",
                             "access_log",
                             "notifications_delivered",
                             "notifications_failed",
                             "idempotency_keys",
                             "archive"};
const Keys kArchiveKeys = {"directory", "webhook", "language"};
const Keys kServiceKeys = {"id", "name", "kind", "channels", "leader"};
const Keys kServiceRequired = {"id", "name", "kind"};
const Keys kChannelKeys = {"email", "webhook", "language"};  // fmtnotify
const Keys kWebhookKeys = {"url", "secret_env"};
// clang-format off
const Keys kStepKeys = {"id",       "kind",        "level",
                        "title",    "responsible", "deadline",
                        "requires", "outcomes",    "tags",
                        // fmtcore (issue 12)
                        "consent",  "keep_level"};
// clang-format on
const Keys kStepRequired = {"id", "kind", "level", "title"};
const Keys kFieldKeys = {"name", "type", "required", "options", "label",
                         // fmtcore (issue 12)
                         "role"};
const Keys kFieldRequired = {"name", "type"};
const Keys kOutcomeKeys = {"name", "to", "label", "requires"};
const Keys kOutcomeRequired = {"name", "to"};
const Keys kTagKeys = {"sjumilssteget", "uncrc"};
const Keys kDeadlineKeys = {"working_days"};
const Keys kLanguages = {"nb", "nn", "en", "se"};
// fmtnotify
const Keys kCalendarKeys = {"closures"};
const Keys kClosureKeys = {"from", "to", "label"};
const Keys kClosureRequired = {"from", "to"};
const Keys kTeamKeys = {"id", "name", "channels"};
const Keys kTeamRequired = {"id", "name", "channels"};
const Keys kEscalationKeys = {"after", "to"};

namespace {

// Enumeration names come from model.cc so the two cannot drift apart.
template <typename E, typename F>
Keys EnumNames(E last, F name) {
  Keys out;
  for (int i = 0; i <= static_cast<int>(last); ++i) out.push_back(name(E(i)));
  return out;
}

}  // namespace

const Keys kServiceKinds = EnumNames(ServiceKind::kOther, ServiceKindName);
const Keys kStepKinds = EnumNames(StepKind::kClosed, StepKindName);
const Keys kFieldTypes = EnumNames(FieldType::kChoice, FieldTypeName);
// fmtcore (issue 12)
const Keys kFieldRoles = EnumNames(FieldRole::kEvaluationDate, FieldRoleName);
const Keys kConsentPoints = EnumNames(ConsentPoint::kCollect, ConsentPointName);

std::string Join(const Keys& keys) {
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k;
  return out;
}

std::string TranslateParserError(const std::string& msg) {
  static const std::pair<const char*, const char*> kKnown[] = {
      {YAML::ErrorMsg::MAP_VALUE,
       "ulovlig verdi (feil innrykk, eller mangler mellomrom etter ':'?)"},
      {YAML::ErrorMsg::MAP_KEY, "ulovlig nøkkel (feil innrykk?)"},
      {YAML::ErrorMsg::BLOCK_ENTRY, "ulovlig listepunkt '-' (feil innrykk?)"},
      {YAML::ErrorMsg::END_OF_MAP, "kartet avsluttes ikke (feil innrykk?)"},
      {YAML::ErrorMsg::END_OF_MAP_FLOW, "mangler '}'"},
      {YAML::ErrorMsg::END_OF_SEQ, "listen avsluttes ikke (feil innrykk?)"},
      {YAML::ErrorMsg::END_OF_SEQ_FLOW, "mangler ']'"},
      {YAML::ErrorMsg::EOF_IN_SCALAR,
       "teksten avsluttes ikke (mangler et anførselstegn?)"},
      {YAML::ErrorMsg::TAB_IN_INDENTATION,
       "tabulator i innrykk; bruk mellomrom"},
      {YAML::ErrorMsg::UNKNOWN_ANCHOR, "ukjent anker (*navn uten &navn)"},
  };
  for (const auto& [en, nb] : kKnown) {
    if (msg == en) return nb;
  }
  return msg;
}

}  // namespace stafett::routine::schema
