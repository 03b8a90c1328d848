// PgExec: PostgreSQL statements through libpq, each prepared once per
// connection and then executed by name (PQexecPrepared): the server parses
// and plans a statement once per pooled session instead of on every call,
// which was most of its CPU on the command path (docs/performance.md).
// Internal to the store; ExecCount, StatementBatch and LoadCase use it on
// PostgreSQL sessions, and SOCI for everything else.
//
// The query is SOCI-style SQL with :name placeholders bound from SqlParams
// (integers are sent as int8, text as untyped so the server infers it, as
// SOCI did). Each occurrence of a name is its own $n, as in SOCI.
// Prepared names are remembered per connection (PGconn and backend pid):
// a reconnected session prepares again. The one-time PREPARE round trip is
// not counted as a statement; each execution is (StatementsOnThisThread).
// More than kMaxPrepared distinct query texts are run unprepared.
//
// Errors: throws soci::postgresql_soci_error with the server's SQLSTATE
// (08006 when the connection is gone), so IsUnavailable and
// IsUniqueViolation see what they saw from SOCI.
// Thread-safety: the registry is shared and locked; a session is used by
// one thread at a time (Database::Lease).
#ifndef STAFETT_STORE_SQL_PG_EXEC_H_
#define STAFETT_STORE_SQL_PG_EXEC_H_

#include <memory>
#include <string>

#include <libpq-fe.h>
#include <soci/soci.h>

#include "store/sql/sql_params.h"

namespace stafett::store {

constexpr std::size_t kMaxPrepared = 512;

// A result owned; text format.
class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r, &PQclear) {}
  int rows() const { return PQntuples(r_.get()); }
  bool IsNull(int row, int col) const {
    return PQgetisnull(r_.get(), row, col) != 0;
  }
  const char* Text(int row, int col) const {
    return PQgetvalue(r_.get(), row, col);
  }
  long long Int(int row, int col) const;  // 0 for NULL
  // Rows an INSERT/UPDATE/DELETE affected.
  long long affected() const;

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> r_;
};

// True when `sql` is a PostgreSQL session and prepared statements are on
// (then the store uses PgExec). STAFETT_PG_PREPARED=0 turns them off, for
// a connection pooler that cannot keep session state (PgBouncer in
// transaction mode) and for side-by-side measurements (tools/bench).
bool IsPostgres(soci::session& sql);

PgResult PgExec(soci::session& sql, const std::string& query,
                const SqlParams& params);

}  // namespace stafett::store

#endif  // STAFETT_STORE_SQL_PG_EXEC_H_
