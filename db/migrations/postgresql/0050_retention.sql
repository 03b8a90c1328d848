-- Retention and purge, schema step 0050 (PostgreSQL 15). See docs/privacy.md and
-- docs/audit.md. Conventions as in 0001. No semicolons inside statements
-- (the runner splits on them).

-- The retention policy last applied per (tenant, routine): the purge worker
-- compares the routine file's policy with this row, and when it differs it
-- recomputes remove_after of the routine's closed cases in the transaction
-- that updates the row (one replica does it; the others see the new row).
-- policy is routine::Retention::ToString().
create table retention_policies (
  tenant text not null,
  routine_id text not null,
  policy text not null,
  applied_at bigint not null,
  moved bigint not null default 0,
  primary key (tenant, routine_id)
);

-- What the purge deleted, per tenant: counts and case ids, never content.
-- One row per purge transaction and kind (cases, access_log,
-- notifications, idempotency, policy).
create table purge_log (
  id text primary key,
  tenant text not null,
  at bigint not null,
  worker text not null,
  what text not null,
  row_count bigint not null,
  case_ids text not null default '',
  detail text not null default ''
);
create index purge_log_by_tenant on purge_log (tenant, at);

-- Closed cases due for purge, found without scanning the tenant.
create index cases_due_for_purge on cases (tenant, remove_after)
  where remove_after is not null;

-- Expired idempotency keys per tenant.
create index idempotency_by_tenant_created on idempotency (tenant, created_at);
