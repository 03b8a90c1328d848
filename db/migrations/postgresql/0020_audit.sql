-- Audit and reports, schema step 0020 (PostgreSQL 15). See docs/audit.md.
-- Conventions as in 0001. No semicolons inside statements (the runner
-- splits on them).

-- Reports (src/store/report.h) read step_visits only, never replaying the
-- journal. Two facts they need per visit were not on the row:
--   reporter_service: the unit that logged the concern (the report's
--     "unit" dimension), copied from the case when the visit is written;
--   prev_level: the level of the case's previous visit (null for the first),
--     so a level change up or down is a comparison within one row.
alter table step_visits add column reporter_service text not null default '';
alter table step_visits add column prev_level integer;
update step_visits set reporter_service = (
  select c.reporter_service from cases c where c.id = step_visits.case_id);
update step_visits set prev_level = (
  select p.level from step_visits p
   where p.case_id = step_visits.case_id and p.seq = step_visits.seq - 1);

-- Consent expiries and child-welfare reports, found by kind within a
-- tenant without scanning its journal.
create index journal_by_tenant_kind on journal (tenant, kind, at);

-- Tenant checkpoints over every case's chain head (docs/audit.md). A
-- checkpoint stores only the heads that changed since the one before it;
-- heads_hash covers the full sorted list, rebuilt from all checkpoints so
-- far. hash = Sha256Hex(prev_hash || '\n' || canonical checkpoint).
create table audit_checkpoints (
  tenant text not null,
  seq bigint not null,
  at bigint not null,
  case_count bigint not null,
  heads_hash text not null,
  prev_hash text not null,
  hash text not null,
  primary key (tenant, seq)
);

-- No foreign key to cases: a case deleted behind Stafett's back must leave
-- its recorded head here, so that verify reports it missing.
create table audit_checkpoint_heads (
  tenant text not null,
  checkpoint_seq bigint not null,
  case_id text not null,
  journal_seq bigint not null,
  head text not null,
  primary key (tenant, checkpoint_seq, case_id)
);
create index audit_checkpoint_heads_by_case
  on audit_checkpoint_heads (tenant, case_id, checkpoint_seq);
