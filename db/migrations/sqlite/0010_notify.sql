-- Notifications and deadline firing (src/notify, docs/notifications.md).
-- Same text for both dialects except where noted. No semicolons inside
-- statements (the runner splits on them).

-- Who an outbox row is for: the service's own channels, or its unit
-- leader's (escalations). Written by the notifier; the store's rows for
-- engine effects keep the default.
alter table outbox add column audience text not null default 'service'
  check (audience in ('service', 'leader'));

-- Channels ("webhook", "email") that already accepted this message, comma
-- separated: a retry repeats only the others.
alter table outbox add column channels_done text not null default '';

-- attempts when an administrator last retried a failed row; the retry
-- budget counts from here, so `attempts` itself never goes down.
alter table outbox add column attempt_base integer not null default 0;

-- The worker that delivered the row (for operators and the replica test).
alter table outbox add column delivered_by text not null default '';

-- GET /api/v1/notifications?status=failed pages through one tenant's rows.
create index outbox_by_tenant_status
  on outbox (tenant, status, created_at, id);

-- Every stage that fired: planned time (from the deadline and the routine's
-- settings) beside the actual time, so lag and lateness are on record. The
-- key makes a second firing of one stage of one deadline impossible.
create table deadline_firings (
  case_id text not null references cases (id) on delete cascade,
  kind text not null,
  due_at bigint not null,
  stage integer not null,
  stage_name text not null,
  tenant text not null,
  planned_at bigint not null,
  fired_at bigint not null,
  worker text not null,
  primary key (case_id, kind, due_at, stage)
);
create index deadline_firings_by_tenant on deadline_firings (tenant, fired_at);

-- Monotonic counters for /metrics, written in the same transaction as the
-- work they count, so every replica reports the same totals.
create table notify_counters (
  name text not null,
  labels text not null,
  value bigint not null,
  primary key (name, labels)
);
