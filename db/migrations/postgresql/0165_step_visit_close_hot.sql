-- Closing a step visit (every step change) without index writes, schema
-- step 0165 (docs/performance.md, "Step changes and creation (stepcost)").
-- The close sets left_at and outcome. left_at was in the predicate of
-- step_visits_open_by_due, so every close was a non-HOT update that added
-- an entry to each of the table's five indexes; no query uses that index
-- (reports scan by tenant and entered_at). Without it, and with room left
-- on each page for the closed version (fillfactor 90: a visit is closed
-- at most once, and pruning frees the old versions), the close is a HOT
-- update: one heap tuple, no index entries.
drop index if exists step_visits_open_by_due;
alter table step_visits set (fillfactor = 90);
