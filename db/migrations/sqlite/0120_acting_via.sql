-- Services shared between municipalities, schema step 0120
-- (docs/security.md, "Services shared between municipalities"). When a
-- person of a shared service (e.g. one child-welfare service for four
-- municipalities) reads a case of a served tenant, the row is written in
-- that tenant's access log with acting_via = '<home tenant>/<shared
-- service>', so every municipality sees which reads crossed its border.
-- '' for every other read and for rows written before this step.
alter table access_log add column acting_via text not null default '';
