// How an access-log row is committed: durable, without a WAL flush of its
// own (issue 15; docs/performance.md, "Reads, start-up and memory").
// Internal to the store (includes SOCI); CaseStore::RecordAccess and
// RecordAccessVia write through it.
//
// Every read writes its row before it answers ("no read without its log
// line"): if the insert fails, it throws and the read fails (5xx/503).
// What changes is only when the row reaches the disk:
//   - PostgreSQL: one autocommit statement that sets synchronous_commit off
//     for its own transaction (set_config(..., is_local => true); the
//     setting is read when the implicit transaction commits and ends with
//     it, so the pooled session's next transaction is durable as always).
//     The row is in the WAL at once and on disk within 3 x
//     wal_writer_delay (600 ms by default), or sooner: any later durable
//     commit flushes the WAL up to its own commit record, which lies after
//     this row. A PostgreSQL (or OS) crash can lose only the rows of the
//     last few hundred milliseconds with no durable commit after them;
//     never case data. NoteCrashRecovery records when that may have
//     happened.
//   - SQLite (WAL mode): the session runs at synchronous=FULL (an fsync of
//     the WAL per commit); the row's commit runs at synchronous=NORMAL
//     (no fsync) and the session goes back to FULL. An application crash
//     loses nothing (the row is in the WAL file); a power loss or OS crash
//     can lose the rows after the WAL's last fsync, which the next durable
//     commit or checkpoint makes. Three statements in process, one commit.
//
// Thread-safety: the session belongs to the calling thread (a Lease).
#ifndef STAFETT_STORE_ACCESS_ACCESS_WRITE_H_
#define STAFETT_STORE_ACCESS_ACCESS_WRITE_H_

#include <string>

#include <soci/soci.h>

#include "store/sql/database.h"
#include "store/sql/sql_params.h"

namespace stafett::store {

// Inserts one access_log row: `columns` is "id, tenant, ..." and `values`
// the matching ":id, :tenant, ..." bound from `params`. Throws on failure.
// Never call it inside a transaction: on PostgreSQL the relaxed setting
// would then cover that whole transaction's commit.
void InsertAccessRow(soci::session& sql, Dialect dialect,
                     const std::string& columns, const std::string& values,
                     SqlParams& params);

// Records, once per event, that the PostgreSQL server went through crash
// recovery (or had its statistics reset) since Stafett last looked: the
// rows of access_log_gaps (migration 0155). Keyed by the server's
// pg_stat_wal.stats_reset, which PostgreSQL 15 sets on first start, after
// crash recovery and on pg_stat_reset_shared('wal'), and keeps across a
// clean restart. The first mark a database sees is its baseline; each
// later new mark is a possible gap: access-log rows of reads in the few
// hundred milliseconds before it may be missing. One statement, which
// writes nothing when the mark is known. Returns true when it noted a new
// possible gap. SQLite: false, no statement (see above).
bool NoteCrashRecovery(Database& db, long long now_ms);

}  // namespace stafett::store

#endif  // STAFETT_STORE_ACCESS_ACCESS_WRITE_H_
