-- The worklist reads case_visibility (0150), so schema step 0151 drops the
-- four indexes on cases that only the worklist used. A non-HOT update of a
-- case (every step change) wrote an entry into each of them.
-- What still reads cases by tenant and status (the purge of expired
-- cases, audit_checkpoint.cc, ordered by id; the report of open cases
-- without a baton holder) gets the narrow cases_by_status instead of
-- cases_worklist. docs/store.md lists every remaining index and its query.
drop index cases_worklist_by_service;
drop index cases_worklist;
drop index cases_by_step;
drop index cases_by_level;
create index cases_by_status on cases (tenant, status, id)
