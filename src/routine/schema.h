// The routine file format as data: which keys each kind of map may hold,
// which of them are required, and the names an enumeration accepts. The
// reader (routine/reader.h) checks files against these tables;
// workflows/README.md documents them for administrators. Keys whose
// requirement depends on a step's kind (responsible, deadline) are checked
// in routine/validate.h.
//
// Thread-safety: constants, initialised before main.
#ifndef STAFETT_ROUTINE_SCHEMA_H_
#define STAFETT_ROUTINE_SCHEMA_H_

#include <string>
#include <vector>

namespace stafett::routine::schema {

using Keys = std::vector<std::string>;

extern const Keys kRoutineKeys, kRoutineRequired;
extern const Keys kSettingsKeys;
extern const Keys kRetentionKeys;  // all optional
extern const Keys kArchiveKeys;    // one of directory, webhook
extern const Keys kServiceKeys, kServiceRequired;
extern const Keys kChannelKeys;  // channels and leader
extern const Keys kWebhookKeys;  // all required
extern const Keys kStepKeys, kStepRequired;
extern const Keys kFieldKeys, kFieldRequired;  // `requires` items
extern const Keys kOutcomeKeys, kOutcomeRequired;
extern const Keys kTagKeys;
extern const Keys kDeadlineKeys;  // {working_days: N}
extern const Keys kLanguages;     // nb (required), nn, en, se
// fmtnotify: `calendar` ({closures}), its closures, `teams` items and
// `escalation` items (all keys required).
extern const Keys kCalendarKeys, kClosureKeys, kClosureRequired;
extern const Keys kTeamKeys, kTeamRequired, kEscalationKeys;

// Enumeration names in enum order (taken from model.h's *Name functions).
extern const Keys kServiceKinds, kStepKinds, kFieldTypes;

// --- fmtcore (issue 12) ---
// Field roles (FieldRoleName order, "none" first) and consent points
// (ConsentPointName order, "default" first).
extern const Keys kFieldRoles, kConsentPoints;

// "a, b, c"
std::string Join(const Keys& keys);

// yaml-cpp's parser messages are English; administrators get bokmål for
// the ones a hand-edited file typically triggers, the rest unchanged.
std::string TranslateParserError(const std::string& message);

}  // namespace stafett::routine::schema

#endif  // STAFETT_ROUTINE_SCHEMA_H_
