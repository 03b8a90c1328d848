-- Schema step 0165, as on PostgreSQL (docs/performance.md, "Step changes
-- and creation (stepcost)"): no query uses step_visits_open_by_due, and
-- every step change paid for an entry in it. SQLite has no fillfactor.
drop index if exists step_visits_open_by_due;
