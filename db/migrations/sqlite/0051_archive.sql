-- Archive before purge, schema step 0051 (SQLite 3.40). See docs/privacy.md.
-- No semicolons inside statements (the runner splits on them).

-- A closed case of a tenant that must archive (arkivlova): when the purge
-- first found it due, the outbox message that carries it to the archive,
-- and the receipt once delivered. Kept after the purge (no foreign key to
-- cases): it is the proof that the case went to the archive first, and it
-- holds no content.
create table case_archive (
  case_id text primary key,
  tenant text not null,
  requested_at bigint not null,
  outbox_id text not null,
  archived_at bigint,
  receipt text not null default ''
);
create index case_archive_by_tenant on case_archive (tenant, requested_at);
