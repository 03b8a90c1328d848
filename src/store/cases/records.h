// Rows the store hands out beside engine::Snapshot: journal lines with their
// place in the hash chain, step visits, deadlines, outbox messages, access
// log records and stored idempotent answers. Plain values; see
// docs/store.md for the tables they come from.
//
// Thread-safety: plain values.
#ifndef STAFETT_STORE_CASES_RECORDS_H_
#define STAFETT_STORE_CASES_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "core/time.h"
#include "engine/case.h"

namespace stafett::store {

// One journal line as stored: the engine's entry plus its position in the
// case's hash chain (store/cases/journal_hash.h). seq runs 1..n per case.
struct StoredJournalEntry {
  std::string case_id;
  std::int64_t seq = 0;
  std::string tenant;
  engine::JournalEntry entry;
  std::string prev_hash;  // "" for seq 1
  std::string hash;       // JournalHash(prev_hash, this entry)
};

// One visit to a step. left_at is empty while the case is still there.
struct StepVisitRow {
  std::string case_id;
  int seq = 0;
  std::string tenant;
  std::string routine_id;
  int routine_version = 0;
  std::string step;
  std::string kind;  // routine::StepKindName
  int level = 0;
  std::string service;  // responsible when entered
  TimePoint entered_at;
  std::optional<TimePoint> due_at;
  std::optional<TimePoint> left_at;
  std::string outcome;  // "" while open
};

// A case's deadline of one kind ("step", "consent", "baton", "report").
// The lease and stage columns belong to the notifier: the store writes a
// deadline with stage 0 ("new") and next_fire_at = the time it was set, so
// the notifier picks it up at once and schedules its stages from the
// routine's settings. See docs/store.md.
struct DeadlineRow {
  std::string case_id;
  std::string kind;
  std::string tenant;
  TimePoint due_at;
  TimePoint next_fire_at;
  int stage = 0;
  std::string lease_owner;  // "" when not leased
  std::optional<TimePoint> lease_until;
  std::optional<TimePoint> fired_at;  // when the last stage actually fired
  TimePoint updated_at;
};

// A message to deliver to a service (notify layer). The payload carries the
// case reference, step, deadline and event: never anything about the child.
struct OutboxRow {
  std::string id;
  std::string tenant;
  std::string case_id;
  std::string service;
  std::string event;
  std::string payload_json;
  TimePoint created_at;
  std::string status;  // "pending", "delivered", "failed"
  int attempts = 0;
  TimePoint next_attempt_at;
  std::string lease_owner;
  std::optional<TimePoint> lease_until;
  std::string last_error;
  std::optional<TimePoint> delivered_at;
};

// Who looked at or changed what, and why (the audit engineer's table).
struct AccessRecord {
  std::string tenant;
  std::string case_id;  // may be "" for tenant-wide actions (worklists)
  std::string actor_service;
  engine::Role actor_role = engine::Role::kWorker;
  TimePoint at;
  std::string action;  // e.g. "read_case", "read_journal", "export"
  std::string reason;  // free text the caller gave, may be ""
  // engine::Actor::person_id; "" if unknown. Last, so that brace
  // initialisers written before person ids still compile.
  std::string actor_person{};
};

// The answer an HTTP request produced, stored with its idempotency key so a
// retry gets the very same answer. `headers` holds extra response headers
// as "Name: value" lines separated by '\n' (e.g. ETag, Location); may be "".
struct StoredResponse {
  int status_code = 0;
  std::string body;
  std::string headers;
};

}  // namespace stafett::store

#endif  // STAFETT_STORE_CASES_RECORDS_H_
