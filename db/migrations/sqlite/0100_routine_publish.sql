-- Publishing routines without a restart (issue 12, docs/routine-lifecycle.md).
-- Replicas poll max(loaded_at) of routine_versions every second: keep it an
-- index lookup. Publishing counts, and migrating lists, the open cases of
-- one routine by version and step: one index range.
create index routine_versions_by_loaded on routine_versions (loaded_at);
create index cases_open_by_routine
  on cases (tenant, routine_id, status, routine_hash, step)
