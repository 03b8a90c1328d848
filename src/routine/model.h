// The routine model: one municipality's early-intervention routine (its BTI
// "handlingsveileder") as loaded from a file under workflows/. See
// workflows/README.md for the file format.
//
// A Routine is immutable once loaded and validated (routine/loader.h); the
// engine consults it as data in guards and reactions, so a new municipality
// never needs recompiling. Cases are pinned to (id, version, hash).
//
// Thread-safety: a loaded Routine is read-only and may be shared between
// threads (hold it by std::shared_ptr<const Routine>).
#ifndef STAFETT_ROUTINE_MODEL_H_
#define STAFETT_ROUTINE_MODEL_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/deadline.h"

namespace stafett::routine {

// 1-based line and column in the routine file; 0 when unknown.
struct SourcePos {
  int line = 0;
  int column = 0;
};

// User-facing text by language: "nb" (required), "nn", "en", "se".
struct Text {
  std::map<std::string, std::string> by_lang;
  // The text in `lang`, falling back to bokmål, then to "".
  const std::string& Get(std::string_view lang = "nb") const;
};

enum class ServiceKind {
  kKindergarten,
  kSchool,
  kHealth,
  kPpt,
  kChildWelfare,
  kNav,
  kOther
};
const char* ServiceKindName(ServiceKind k);  // "kindergarten", ...

// Where a service hears about its work (issue: notifications). A webhook
// secret is never written in the file: `secret_env` names the environment
// variable that holds it.
struct Channels {
  std::vector<std::string> emails;
  std::string webhook_url;
  std::string webhook_secret_env;
  bool empty() const { return emails.empty() && webhook_url.empty(); }
  // fmtnotify: the language e-mails to these channels are written in
  // ("nb", "nn", "se", "en"; "" is bokmål).
  std::string language;
};

struct Service {
  std::string id;
  std::string name;  // bokmål (names.Get("nb")), for messages and logs
  // The name in each language the file gives: `name: Skole` or
  // `name: {nb: Skole, se: Skuvla}`.
  Text names;
  ServiceKind kind = ServiceKind::kOther;
  Channels channels;
  Channels leader;  // the unit leader: receives escalations
  SourcePos pos;
};

enum class StepKind {
  kConcern,
  kObservation,
  kTeamMeeting,
  kAction,
  kEvaluation,
  kClosed
};
const char* StepKindName(StepKind k);  // "concern", "team_meeting", ...

enum class FieldType {
  kText,
  kDate,
  kDateTime,
  kService,
  kServices,
  kInteger,
  kBoolean,
  kChoice
};
const char* FieldTypeName(FieldType t);  // "text", "datetime", ...

// --- fmtcore (issue 12): what the engine does with a field's value ---
// A field's `role` (optional; kNone: the value is only recorded).
//   baton_holder     (type service): the engine offers the baton to it;
//   measure          (type text):    a measure's description;
//   measure_owner    (type service): the service that owns the measure and
//                                    is notified (measure_assigned);
//   evaluation_date  (type date):    when the measure is evaluated; it sets
//                                    the target step's deadline.
enum class FieldRole {
  kNone,
  kBatonHolder,
  kMeasure,
  kMeasureOwner,
  kEvaluationDate
};
const char* FieldRoleName(FieldRole r);  // "", "baton_holder", ...
// The type a field with `role` must have (kText for kNone: any).
FieldType FieldTypeForRole(FieldRole r);

// --- fmtcore (issue 12): where a step stands on consent (the step's
// `consent` key; workflows/README.md, docs/engine.md) ---
//   kDefault:  required above level 0, not at level 0 (the rule before the
//              key existed; stored routines without the key keep it);
//   kRequired: entering the step needs effective consent covering the
//              services involved, also at level 0 (e.g. a team meeting);
//   kCollect:  the step where consent is obtained: it can be entered
//              without consent, and entering it keeps the case's level.
enum class ConsentPoint { kDefault, kRequired, kCollect };
const char* ConsentPointName(ConsentPoint c);  // "", "required", "collect"

// A value that must (or may) be recorded with an outcome. Fields of type
// `services` name participants and therefore need consent covering them.
struct FieldSpec {
  std::string name;
  FieldType type = FieldType::kText;
  bool required = true;
  std::vector<std::string> options;  // kChoice only
  Text label;
  SourcePos pos;
  FieldRole role = FieldRole::kNone;  // fmtcore (issue 12)
};

// Who is responsible for a step.
struct Responsible {
  enum class Kind { kReporter, kBatonHolder, kService };
  Kind kind = Kind::kReporter;
  std::string service;  // kService only
  // "reporter", "baton" or the service id.
  std::string ToString() const;
};

struct Outcome {
  std::string name;
  std::string to;  // step id
  Text label;
  // Recorded with this outcome, in addition to the step's own `fields`
  // (the file key for both is `requires`).
  std::vector<FieldSpec> fields;
  SourcePos pos;
};

struct Step {
  std::string id;
  StepKind kind = StepKind::kConcern;
  int level = 0;  // 0..3
  Text title;
  Responsible responsible;
  DeadlineSpec deadline;  // none only for closed steps
  // What must be recorded before the step can be left (any outcome).
  std::vector<FieldSpec> fields;
  std::vector<Outcome> outcomes;
  // Reporting tags: Sjumilssteget steps (1..7) and UN CRC articles.
  std::vector<int> sjumilssteget;
  std::vector<int> uncrc;
  SourcePos pos;
  // --- fmtcore (issue 12) ---
  ConsentPoint consent = ConsentPoint::kDefault;
  // Entering the step keeps the case's level (`keep_level: true`); `level`
  // is then only where diagrams draw the step. A kCollect step keeps it too.
  bool keep_level = false;
  bool KeepsLevel() const {
    return keep_level || consent == ConsentPoint::kCollect;
  }

  const Outcome* FindOutcome(std::string_view name) const;
};

// ---- fmtnotify: tenant closures, teams, staged escalation ----------------
// (routine file keys `calendar`, `teams`, `escalation`; workflows/README.md)

// A closure period from `calendar.closures`: days the tenant's services are
// closed, which working-day deadlines skip (core/calendar.h).
struct ClosureSpec {
  Closure period;
  Text label;
  SourcePos pos;
};

// Who hears about escalations without ever being responsible for a step:
// the BTI coordinator, a resource team. Ids share one name space with
// services.
struct Team {
  std::string id;
  Text names;
  Channels channels;
  SourcePos pos;
};

// The recipient `leader`: the unit leader of the service responsible for
// the missed deadline (for a baton offer: of the holder, else of the
// service responsible for the step).
inline constexpr std::string_view kLeaderRecipient = "leader";

// One stage of escalation of a missed step or baton deadline.
struct EscalationStage {
  DeadlineSpec after;           // counted from the missed deadline
  std::vector<std::string> to;  // kLeaderRecipient or team ids
  SourcePos pos;
};
// ---- end fmtnotify ---------------------------------------------------------

// Timing of reminders, tunable per routine (defaults in parentheses).
struct Settings {
  IsoDuration approaching_lead{0, 0, 0, 2};   // "deadline approaching" (P2D)
  IsoDuration escalation_grace{0, 0, 0, 3};   // missed -> leader (P3D)
  IsoDuration consent_reminder{0, 0, 0, 30};  // before consent expiry (P30D)
  IsoDuration consent_validity{0, 12};        // default validity (P12M)
  // fmtnotify: the escalation stages in order (the file's `escalation`;
  // empty: one stage, escalation_grace after the deadline, to the leader)
  // and the tenant's working-day calendar (null: no closures).
  std::vector<EscalationStage> escalation;
  std::shared_ptr<const WorkCalendar> calendar;
};

// Where a tenant that must archive (arkivlova) hands each closed case
// before it may be purged: a directory its archive system picks files up
// from, or a webhook (signed like notifications). Empty: no archiving.
struct ArchiveTarget {
  std::string directory;  // absolute path
  std::string webhook_url;
  std::string webhook_secret_env;
  // The language of the archived copy of the stafettlogg: "nb" or "nn"
  // (the two written standards of Norwegian an archive must accept).
  std::string language = "nb";
  bool required() const { return !directory.empty() || !webhook_url.empty(); }
};

// How long the tenant keeps what Stafett stores (issue 14; the file key is
// `retention`, workflows/README.md). Periods are ISO-8601 durations counted
// from the moment named; defaults in parentheses apply when the block or a
// key is absent. docs/privacy.md lists every table with its period.
struct Retention {
  // A closed case (journal, visits, deadlines, messages), from the moment it
  // closed (P5Y); where a report to child welfare was made (P10Y).
  IsoDuration closed_case{5};
  IsoDuration closed_case_reported{10};
  IsoDuration access_log{5};                         // from the read (P5Y)
  IsoDuration notifications_delivered{0, 0, 0, 90};  // from creation (P90D)
  IsoDuration notifications_failed{1};               // from creation (P1Y)
  IsoDuration idempotency_keys{0, 0, 0, 0, 24};      // stored answers (PT24H)
  ArchiveTarget archive;  // not part of ToString: it moves no dates
  // The canonical text of every period, e.g. to notice a policy change.
  std::string ToString() const;
};

struct Routine {
  std::string id;
  int version = 0;
  std::string tenant;
  Text title;
  std::string reference_prefix;  // case references: PREFIX-YYYY-NNNN
  std::vector<Service> services;
  std::string initial;  // first step of every case
  // Where the suspected-abuse shortcut leads from any level-0 step.
  std::string abuse_step;
  std::vector<Step> steps;
  Settings settings;
  Retention retention;

  std::string hash;         // SHA-256 hex of the file's bytes
  std::string source_name;  // path or name it was loaded from
  std::string source_text;  // the file's bytes (stored with each version)

  const Step* FindStep(std::string_view id) const;
  const Service* FindService(std::string_view id) const;

  // fmtnotify: closures (`calendar.closures`; settings.calendar holds them
  // as a WorkCalendar) and teams.
  std::vector<ClosureSpec> closures;
  std::vector<Team> teams;
  const Team* FindTeam(std::string_view id) const;
};

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_MODEL_H_
