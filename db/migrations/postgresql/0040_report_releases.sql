-- Disclosure control of the reports, schema step 0040. See docs/audit.md
-- and src/store/report_release.h. No semicolons inside statements (the
-- runner splits on them).

-- Each tenant's secret for the per-cell rounding (src/store/disclosure.h).
-- Never published: a reader who had it would learn each cell's rounding
-- threshold.
create table report_keys (
  tenant text primary key,
  secret text not null,
  created_at bigint not null
);

-- The release log: every figure set a report served, as published.
create table report_releases (
  id text primary key,
  tenant text not null,
  at bigint not null,
  actor_service text not null,
  actor_role text not null,
  kind text not null,
  period_from text not null,
  period_to text not null,
  group_by text not null,
  figures text not null,
  remove_after bigint
);
create index report_releases_by_at on report_releases (tenant, at);
