// The engine's value types: who acts (Actor), a case's persisted state
// (Snapshot), what can be asked of it (Command), and what the engine decides
// (Decision: the new snapshot, journal entries, step visits and effects).
//
// These are the whole interface between the pure engine and the store: the
// store persists a Decision in one transaction and never interprets the
// routine itself.
//
// Thread-safety: plain values.
#ifndef STAFETT_ENGINE_CASE_H_
#define STAFETT_ENGINE_CASE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/time.h"

namespace stafett::engine {

enum class Role { kWorker, kCoordinator, kUnitLeader, kAuditor, kAdmin };
const char* RoleName(Role r);  // "worker", "unit_leader", ...
std::optional<Role> ParseRole(std::string_view name);

// The caller, as proven by its token. A Stafett user acts for a service
// (a unit: a school, the PPT office) within one tenant (municipality).
struct Actor {
  std::string tenant;
  std::string service;
  Role role = Role::kWorker;
  // The pseudonymous person acting (http/person_id.h: a keyed hash of the
  // provider's issuer and sub, 32 hex digits); "" for the system itself and
  // for callers that predate person ids. Never a name.
  std::string person_id{};
};

enum class CaseStatus { kOpen, kClosed };
// kWithdrawn: a consent was given and is no longer in force, because it was
// withdrawn or because it expired (the journal says which).
enum class Sharing { kAnonymous, kConsented, kWithdrawn };
enum class BatonState { kNone, kHeld, kOffered };
const char* CaseStatusName(CaseStatus s);  // "open", "closed"
const char* SharingName(Sharing s);  // "anonymous", "consented", "withdrawn"
const char* BatonStateName(BatonState s);  // "none", "held", "offered"
std::optional<CaseStatus> ParseCaseStatus(std::string_view name);
std::optional<Sharing> ParseSharing(std::string_view name);
std::optional<BatonState> ParseBatonState(std::string_view name);

struct Consent {
  std::string given_by;  // "guardians" or "young_person"; never a name
  std::vector<std::string> services;  // scope: service ids
  std::string valid_until;            // YYYY-MM-DD, inclusive (Oslo date)
  TimePoint given_at;

  friend bool operator==(const Consent&, const Consent&) = default;
};

// A case as stored. Holds nothing that identifies the child: the unit that
// logged the concern keeps the key (`reference`) beside its own records.
struct Snapshot {
  std::string case_id;  // opaque, core/ids.h
  std::string tenant;
  std::string reference;  // e.g. NES-2026-0042
  std::string routine_id;
  int routine_version = 0;
  std::string routine_hash;
  std::int64_t version = 0;  // optimistic lock; 1 after creation

  CaseStatus status = CaseStatus::kOpen;
  std::string closed_reason;

  std::string step;  // current step id (the closed step once closed)
  int level = 0;
  std::string reporter_service;     // the unit that logged the concern
  std::string responsible_service;  // resolved for the current step

  Sharing sharing = Sharing::kAnonymous;
  std::optional<Consent> consent;  // the latest consent, also when withdrawn

  BatonState baton = BatonState::kNone;
  std::string baton_holder;      // held (or still held while an offer is open)
  std::string baton_offered_to;  // offered

  std::string age_band;  // e.g. "6-12"; coarse by design
  std::vector<std::string> categories;

  TimePoint created_at;
  TimePoint step_entered_at;
  std::optional<TimePoint> due_at;  // current step's deadline
  int visit_seq = 0;                // seq of the current step visit (1-based)
  std::optional<TimePoint> child_welfare_reported_at;  // the latest report
  // When the latest report was confirmed as sent to child welfare; empty
  // while it awaits confirmation (or when there was never a report).
  std::optional<TimePoint> child_welfare_confirmed_at;

  friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

// A value recorded with an outcome. Dates and datetimes are strings
// (YYYY-MM-DD, ISO-8601); `services` is a list of service ids.
using FieldValue =
    std::variant<std::string, std::int64_t, bool, std::vector<std::string>>;
using Fields = std::map<std::string, FieldValue>;

enum class CommandType {
  kOutcome,
  kConsent,
  kWithdrawConsent,
  kOfferBaton,
  kAcceptBaton,
  kDeclineBaton,
  kNote,
  kReportChildWelfare,
  // The reporter confirms that the report reached child welfare; ends the
  // same-day watch on it. Refused when no report awaits confirmation.
  kConfirmChildWelfareReport,
  kClose,
  kExpireConsent,  // system: the consent's validity ran out
};
const char* CommandTypeName(
    CommandType t);  // "outcome", "withdraw_consent", ...
std::optional<CommandType> ParseCommandType(std::string_view name);

struct Command {
  CommandType type = CommandType::kNote;
  std::string outcome;                // kOutcome
  Fields fields;                      // kOutcome
  std::string given_by;               // kConsent
  std::vector<std::string> services;  // kConsent
  std::string valid_until;  // kConsent, YYYY-MM-DD; "" = routine default
  std::string to_service;   // kOfferBaton
  std::string text;         // kNote (free text), optional on others
                            // (never stored with report_child_welfare)
  std::string reason;       // kClose, free text
  // --- fmtcore (issue 12): renewing consent ---
  // kConsent while consent is in force extends its scope with `services`.
  // To narrow it, name what goes in `remove_services` and set
  // `confirm_remove`: without the confirmation the engine refuses and says
  // who would lose the case.
  std::vector<std::string> remove_services;
  bool confirm_remove = false;
};

// To open a case (POST /cases). The store assigns id and reference first.
struct NewCase {
  std::string case_id;
  std::string reference;
  std::string age_band;
  std::vector<std::string> categories;
  std::string text;  // the concern, free text (PII-checked before this)
};

// One append-only journal line. `kind` is one of: case_opened, step_entered,
// outcome, consent_given, consent_withdrawn, consent_expired, access_revoked,
// baton_offered, baton_accepted, baton_declined, note, child_welfare_reported,
// closed, deadline_missed; fmtcore (issue 12): measure_agreed (owner,
// evaluation date; the description stays in the outcome's fields).
struct JournalEntry {
  std::string kind;
  std::string step;
  int level = 0;
  std::string actor_service;
  Role actor_role = Role::kWorker;
  std::string actor_person{};  // Actor::person_id; "" for the system
  TimePoint at;
  std::string text;         // free text; already passed the PII guard
  std::string detail_json;  // structured details, a JSON object ("{}" if none)
};

// A step visit opens when a step is entered and closes when it is left.
// Reports are computed from these rows, never by replaying the journal.
struct StepVisitEnter {
  int seq = 0;
  std::string step;
  std::string kind;  // StepKindName
  int level = 0;
  std::string service;  // responsible when entered
  TimePoint entered_at;
  std::optional<TimePoint> due_at;
};
struct StepVisitLeave {
  int seq = 0;
  std::string outcome;  // outcome name, "close", "suspected_abuse"
  TimePoint left_at;
};

// Work for the store to persist in the same transaction.
struct Effect {
  enum class Kind {
    kNotify,         // outbox row for `service`
    kSetDeadline,    // upsert the case's deadline of `deadline_kind`
    kClearDeadline,  // delete the case's deadline of `deadline_kind`
  };
  Kind kind = Kind::kNotify;
  // kNotify: step_assigned, baton_offered, escalation, consent_expiring,
  // child_welfare_unconfirmed, access_revoked, ... The engine emits
  // step_assigned, baton_offered, baton_accepted (to the old holder),
  // baton_declined and access_revoked (docs/engine.md); fmtcore (issue 12):
  // measure_assigned (to a measure's owner; deadline_kind "measure", due_at
  // the end of its evaluation date).
  std::string event;
  std::string service;
  // kSetDeadline / kClearDeadline: "step", "consent", "baton", "report".
  // kNotify: the deadline the message is about when it is not the current
  // step's (baton_offered: the answer deadline); "" means the step's.
  std::string deadline_kind;
  TimePoint due_at;
};

struct Decision {
  Snapshot snapshot;  // the new state; version = old version + 1
  std::vector<JournalEntry> journal;
  std::optional<StepVisitLeave> left;
  std::optional<StepVisitEnter> entered;
  std::vector<Effect> effects;
};

}  // namespace stafett::engine

#endif  // STAFETT_ENGINE_CASE_H_
