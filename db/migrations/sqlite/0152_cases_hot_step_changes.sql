-- Step changes as HOT updates on PostgreSQL, schema step 0152 (see the
-- PostgreSQL file; docs/store.md). SQLite has no HOT updates: the index
-- only loses `step` so that both dialects keep the same indexes, and a
-- step change writes one index entry less.
drop index cases_open_by_routine;
create index cases_open_by_routine
  on cases (tenant, routine_id, status, routine_hash)
