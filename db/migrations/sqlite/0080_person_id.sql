-- A person behind every action, schema step 0080 (docs/security.md,
-- "Identity"). actor_person is the pseudonymous person id (http/person_id.h:
-- 32 hex digits of a keyed hash of the provider's issuer and sub), '' for
-- the system and for rows written before this step. Never a name.
--
-- The journal's hash covers actor_person when it is not empty (canonical
-- form v2, store/journal_hash.h), so old rows keep their v1 hashes and
-- `stafett audit verify` still checks them unchanged.
alter table journal add column actor_person text not null default '';
alter table access_log add column actor_person text not null default '';

-- "Which persons read this case, and when": the admin's access-log view
-- filters by tenant and case; the person column rides along.
create index access_log_by_person on access_log (tenant, actor_person, at);
