-- Access-log rows are committed without waiting for their WAL flush
-- (store/access_write.h; docs/performance.md, "Reads, start-up and
-- memory"): a crash of the database server can lose the rows of the last
-- few hundred milliseconds of reads. `stafett serve` notes here each crash
-- recovery of the PostgreSQL server it finds (server_mark: the server's
-- pg_stat_wal.stats_reset, which crash recovery sets), so that a possible
-- gap in the access log is never silent. The first mark a database sees is
-- kind 'baseline'; each later one 'possible_gap'. noted_at: epoch ms.
-- No tenant, case or person: operators' evidence, kept with the database.
-- Unused on SQLite (an application crash loses nothing there).
create table access_log_gaps (
  server_mark text primary key,
  noted_at bigint not null,
  kind text not null
);
