-- What a step change costs `cases` and `case_visibility` under each index
-- set (docs/performance.md, "Worklist visibility"). Run with psql against
-- a database worklist_bench has seeded (1M cases in tenant wlbench):
--   psql "$DSN" -f tools/bench/worklist_indexes.sql
-- Each configuration: VACUUM FULL cases (pages packed at its fillfactor),
-- then one transaction that moves 5,000 open cases to another step and
-- deadline, as a step change does; it prints the rows updated, how many
-- were HOT updates, and the WAL written; then rolls back. Load-independent
-- figures (counts and bytes), unlike timings. Leaves the schema as 0151
-- made it.
\pset footer off
create temp table pick as
  select lpad(to_hex(c), 32, '0') as id
  from generate_series(cast(11 as bigint), 1000000, 200) as c;

\echo '== A: before issue 15 (the four worklist indexes, no case_visibility upkeep)'
create index cases_worklist_by_service
  on cases (tenant, status, responsible_service, worklist_due, id);
create index cases_worklist on cases (tenant, status, worklist_due, id);
create index cases_by_step on cases (tenant, step, worklist_due, id);
create index cases_by_level on cases (tenant, level, worklist_due, id);
drop index cases_by_status;
alter table cases disable trigger case_visibility_on_update;
vacuum full cases;
begin;
select pg_current_wal_insert_lsn() as lsn0 \gset
update cases set step = case step when 'tiltak' then 'evaluering' else 'tiltak' end,
  worklist_due = worklist_due + 86400000, due_at = due_at + 86400000,
  version = version + 1, updated_at = updated_at + 1
  where id in (select id from pick) and tenant = 'wlbench';
select pg_stat_get_xact_tuples_updated('cases'::regclass) as updated,
  pg_stat_get_xact_tuples_hot_updated('cases'::regclass) as hot,
  pg_wal_lsn_diff(pg_current_wal_insert_lsn(), :'lsn0') / 5000 as wal_bytes_per_case;
rollback;
drop index cases_worklist_by_service;
drop index cases_worklist;
drop index cases_by_step;
drop index cases_by_level;
create index cases_by_status on cases (tenant, status, id);
alter table cases enable trigger case_visibility_on_update;

\echo '== B: schema 0151 (case_visibility kept by the trigger)'
vacuum full cases;
begin;
select pg_current_wal_insert_lsn() as lsn0 \gset
update cases set step = case step when 'tiltak' then 'evaluering' else 'tiltak' end,
  worklist_due = worklist_due + 86400000, due_at = due_at + 86400000,
  version = version + 1, updated_at = updated_at + 1
  where id in (select id from pick) and tenant = 'wlbench';
select pg_stat_get_xact_tuples_updated('cases'::regclass) as updated,
  pg_stat_get_xact_tuples_hot_updated('cases'::regclass) as hot,
  pg_stat_get_xact_tuples_inserted('case_visibility'::regclass) as visibility_rows_written,
  pg_wal_lsn_diff(pg_current_wal_insert_lsn(), :'lsn0') / 5000 as wal_bytes_per_case;
rollback;

\echo '== C: B, and cases_open_by_routine without step, fillfactor 85'
drop index cases_open_by_routine;
create index cases_open_by_routine
  on cases (tenant, routine_id, status, routine_hash);
alter table cases set (fillfactor = 85);
vacuum full cases;
begin;
select pg_current_wal_insert_lsn() as lsn0 \gset
update cases set step = case step when 'tiltak' then 'evaluering' else 'tiltak' end,
  worklist_due = worklist_due + 86400000, due_at = due_at + 86400000,
  version = version + 1, updated_at = updated_at + 1
  where id in (select id from pick) and tenant = 'wlbench';
select pg_stat_get_xact_tuples_updated('cases'::regclass) as updated,
  pg_stat_get_xact_tuples_hot_updated('cases'::regclass) as hot,
  pg_stat_get_xact_tuples_inserted('case_visibility'::regclass) as visibility_rows_written,
  pg_wal_lsn_diff(pg_current_wal_insert_lsn(), :'lsn0') / 5000 as wal_bytes_per_case;
rollback;
\echo 'publishing''s count by version and step (routine_versions.cc), C''s index:'
explain (analyze, buffers, costs off)
  select routine_hash, step, count(*) from cases where tenant = 'wlbench'
  and routine_id = 'bti' and status = 'open' group by routine_hash, step;
drop index cases_open_by_routine;
create index cases_open_by_routine
  on cases (tenant, routine_id, status, routine_hash, step);
alter table cases reset (fillfactor);
vacuum full cases;
vacuum analyze cases;
\echo 'the same count with the index of 0100 (step included):'
explain (analyze, buffers, costs off)
  select routine_hash, step, count(*) from cases where tenant = 'wlbench'
  and routine_id = 'bti' and status = 'open' group by routine_hash, step;
