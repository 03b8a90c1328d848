-- Browser sessions, schema step 0060 (PostgreSQL 15). See docs/security.md
-- ("Sessions and CSRF"). Conventions as in 0001. No semicolons inside
-- statements (the runner splits on them).
--
-- The cookie carries a random secret; only its SHA-256 (hex) is stored, so
-- a copy of this table signs nobody in. person_id is a keyed hash, never a
-- name. A row is kept until a day after it can no longer be used
-- (absolute expiry), then deleted by SessionStore (retention).
create table sessions (
  id_hash text primary key,
  tenant text not null,
  service text not null,
  role text not null check (role in
    ('worker', 'coordinator', 'unit_leader', 'auditor', 'admin')),
  person_id text not null,
  csrf_token text not null,
  created_at bigint not null,
  last_seen_at bigint not null,
  absolute_expires_at bigint not null,
  revoked_at bigint,
  source text not null check (source in ('dev', 'oidc'))
);
create index sessions_by_person on sessions (tenant, person_id);
create index sessions_by_expiry on sessions (absolute_expires_at);
