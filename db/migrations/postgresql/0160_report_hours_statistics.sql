-- The compliance report (src/store/report.cc) groups completed step visits
-- by whole hours in step, (left_at - entered_at) / 3600000. Without
-- statistics on that expression PostgreSQL guesses one group per visit (a
-- million at a million visits) and then neither plans a parallel partial
-- aggregate nor sizes the hash table well; with them it knows the few
-- hundred hours there are. The expression must stay the report's, word
-- for word. ANALYZE fills the statistics now instead of at the next
-- autovacuum.
create statistics step_visits_hours_in_step
  on ((left_at - entered_at) / 3600000) from step_visits;
analyze step_visits;
