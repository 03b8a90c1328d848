-- Step changes as HOT updates, schema step 0152 (issue 15; docs/store.md,
-- docs/performance.md "Worklist visibility"). After 0151 the only index
-- on cases that holds a column a step change writes is
-- cases_open_by_routine, through `step`; without it no index key changes
-- in a step change, so PostgreSQL can update the row in place (HOT): no
-- new entry in any of the six indexes. Measured on 1M cases
-- (tools/bench/worklist_indexes.sql): 0 of 5,000 step changes were HOT
-- before, 5,000 of 5,000 after, and the WAL per step change fell from
-- 2,073 to 1,472 bytes.
-- The price: publishing's count of open cases by version and step reads
-- the heap (a routine's open cases) instead of the index alone.
-- fillfactor 85 leaves room on each new page for the updated version.
drop index cases_open_by_routine;
create index cases_open_by_routine
  on cases (tenant, routine_id, status, routine_hash);
alter table cases set (fillfactor = 85)
