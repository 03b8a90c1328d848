// Waiting for SQLite's write lock without sleeping blind.
//
// SQLite has one writer at a time. A session that finds the write lock
// taken calls its busy handler; the default one (sqlite3_busy_timeout)
// sleeps 1, 2, 5, ... up to 100 ms between tries, so with many writers in
// one process those sleeps, not the writes, make the latency tail (every
// read writes an access-log row: docs/security.md, edge_bench).
//
// InstallSqliteWait replaces that handler on one connection: a waiting
// session sleeps on a process-wide condition variable that every
// connection's WAL hook signals as soon as a commit has released the lock,
// and tries again at least every 2 ms (a writer in another process, such
// as the `stafett` CLI, signals nothing). It gives up after `timeout`, as
// sqlite3_busy_timeout does, and the statement fails with SQLITE_BUSY.
//
// Installing a WAL hook switches off SQLite's automatic checkpoint; the
// hook installed here does that checkpoint itself (PASSIVE, once the WAL
// holds 1000 frames, SQLite's default).
//
// Thread-safety: call it once per connection, before the connection is
// shared; the handlers themselves are safe on any number of threads.
#ifndef STAFETT_STORE_SQL_SQLITE_WAIT_H_
#define STAFETT_STORE_SQL_SQLITE_WAIT_H_

#include <chrono>

#include <soci/sqlite3/soci-sqlite3.h>

namespace stafett::store {

void InstallSqliteWait(sqlite_api::sqlite3* db,
                       std::chrono::milliseconds timeout);

// How many commits the WAL hooks of this process have signalled (for
// tests).
unsigned long long SqliteCommitsSignalled();

}  // namespace stafett::store

#endif  // STAFETT_STORE_SQL_SQLITE_WAIT_H_
