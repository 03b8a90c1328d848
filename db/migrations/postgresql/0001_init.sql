-- Stafett schema, version 1 (PostgreSQL 15). See docs/store.md.
-- Conventions: timestamps are bigint epoch milliseconds (UTC); ids are
-- application-generated 32-hex text (core/ids.h); enums are text with CHECK
-- constraints; lists are comma-joined text. A landed migration is never
-- edited: add the next number instead. No semicolons inside statements
-- (the runner splits on them).

-- Every routine version ever served, so a case pinned to an old version can
-- be rebuilt after its file changes.
create table routine_versions (
  hash text primary key,
  tenant text not null,
  routine_id text not null,
  version integer not null,
  source_name text not null,
  source_text text not null,
  loaded_at bigint not null
);
create index routine_versions_by_routine
  on routine_versions (tenant, routine_id, version);

-- One row per case: the engine's Snapshot plus the journal chain head.
create table cases (
  id text primary key,
  tenant text not null,
  reference text not null,
  routine_id text not null,
  routine_version integer not null,
  routine_hash text not null references routine_versions (hash),
  version bigint not null,
  status text not null check (status in ('open', 'closed')),
  closed_reason text not null default '',
  step text not null,
  level integer not null check (level between 0 and 3),
  reporter_service text not null,
  responsible_service text not null,
  sharing text not null
    check (sharing in ('anonymous', 'consented', 'withdrawn')),
  -- consent_given_at is null when no consent was ever given.
  consent_given_by text not null default '',
  consent_services text not null default '',
  consent_valid_until text not null default '',
  consent_given_at bigint,
  baton text not null check (baton in ('none', 'held', 'offered')),
  baton_holder text not null default '',
  baton_offered_to text not null default '',
  age_band text not null default '',
  categories text not null default '',
  created_at bigint not null,
  updated_at bigint not null,
  step_entered_at bigint not null,
  due_at bigint,
  -- The worklist's keyset: due_at, or 9223372036854775807 without one, so
  -- paging needs no NULL handling.
  worklist_due bigint not null,
  visit_seq integer not null,
  child_welfare_reported_at bigint,
  -- seq and hash of the newest journal entry: the next append needs no read
  -- of the journal, and the version check makes the chain race-free.
  journal_seq bigint not null,
  journal_head text not null,
  -- Retention: when set, the case and its history may be deleted after it.
  remove_after bigint,
  constraint cases_reference_unique unique (tenant, reference)
);
create index cases_worklist_by_service
  on cases (tenant, status, responsible_service, worklist_due, id);
create index cases_worklist
  on cases (tenant, status, worklist_due, id);
create index cases_by_step on cases (tenant, step, worklist_due, id);
create index cases_by_level on cases (tenant, level, worklist_due, id);
create index cases_remove_after on cases (remove_after)
  where remove_after is not null;

-- Short human references PREFIX-YYYY-NNNN, allocated in the creating
-- transaction (the row lock serialises creations per tenant and year).
create table reference_counters (
  tenant text not null,
  year integer not null,
  last_number bigint not null,
  primary key (tenant, year)
);

-- Append-only. hash = Sha256Hex(prev_hash || '\n' || canonical entry),
-- one chain per case (src/store/journal_hash.h).
create table journal (
  case_id text not null references cases (id),
  seq bigint not null,
  tenant text not null,
  kind text not null,
  step text not null,
  level integer not null,
  actor_service text not null,
  actor_role text not null,
  at bigint not null,
  text text not null,
  detail_json text not null,
  prev_hash text not null,
  hash text not null,
  remove_after bigint,
  primary key (case_id, seq)
);
create index journal_by_tenant_at on journal (tenant, at);
create index journal_remove_after on journal (remove_after)
  where remove_after is not null;

-- One row per visit to a step; reports read these, never the journal.
create table step_visits (
  case_id text not null references cases (id),
  seq integer not null,
  tenant text not null,
  routine_id text not null,
  routine_version integer not null,
  step text not null,
  kind text not null,
  level integer not null,
  service text not null,
  entered_at bigint not null,
  due_at bigint,
  left_at bigint,
  outcome text not null default '',
  remove_after bigint,
  primary key (case_id, seq)
);
create index step_visits_by_entered on step_visits (tenant, entered_at);
create index step_visits_by_step
  on step_visits (tenant, routine_id, step, entered_at);
create index step_visits_by_service
  on step_visits (tenant, service, entered_at);
create index step_visits_open_by_due on step_visits (tenant, due_at)
  where left_at is null;
create index step_visits_remove_after on step_visits (remove_after)
  where remove_after is not null;

-- A case's pending deadlines, one per kind. The notifier owns stage,
-- next_fire_at (planned), fired_at (actual) and the lease columns; the
-- store writes stage 0 with next_fire_at = the time the deadline was set.
create table deadlines (
  case_id text not null references cases (id),
  kind text not null check (kind in ('step', 'consent', 'baton', 'report')),
  tenant text not null,
  due_at bigint not null,
  next_fire_at bigint,
  stage integer not null default 0,
  lease_owner text,
  lease_until bigint,
  fired_at bigint,
  updated_at bigint not null,
  primary key (case_id, kind)
);
create index deadlines_by_next_fire on deadlines (next_fire_at)
  where next_fire_at is not null;

-- Messages to services, written in the same transaction as the change.
create table outbox (
  id text primary key,
  tenant text not null,
  case_id text not null references cases (id),
  service text not null,
  event text not null,
  payload_json text not null,
  created_at bigint not null,
  status text not null default 'pending'
    check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  next_attempt_at bigint not null,
  lease_owner text,
  lease_until bigint,
  last_error text not null default '',
  delivered_at bigint
);
create index outbox_by_status_due on outbox (status, next_attempt_at);
create index outbox_by_case on outbox (case_id, created_at);

-- Idempotency keys: the first answer, stored with the change it made.
create table idempotency (
  tenant text not null,
  idem_key text not null,
  case_id text not null default '',
  request_fingerprint text not null,
  status_code integer not null,
  response_headers text not null default '',
  response_body text not null,
  created_at bigint not null,
  primary key (tenant, idem_key)
);
create index idempotency_by_created on idempotency (created_at);

-- Who read or changed what (the audit layer reads it).
create table access_log (
  id text primary key,
  tenant text not null,
  case_id text not null default '',
  actor_service text not null,
  actor_role text not null,
  at bigint not null,
  action text not null,
  reason text not null default '',
  remove_after bigint
);
create index access_log_by_case on access_log (tenant, case_id, at);
create index access_log_by_at on access_log (tenant, at);
