// StatementBatch: the writes of one command, sent as ONE statement on
// PostgreSQL (each write a data-modifying CTE; the statement returns how
// many rows each one affected) and one by one on SQLite, which has no
// data-modifying CTEs and no round trips to save. Internal to the store.
//
// On PostgreSQL all parts run against the same snapshot, so a part must not
// depend on another part's effect (no part may touch a row another part
// writes; a part reads what was there before the statement). CaseStore
// locks the case row before it builds a batch, so the batch cannot lose a
// race half-way.
//
// Errors: soci::soci_error from the database.
// Thread-safety: one thread at a time, on the caller's session.
#ifndef STAFETT_STORE_SQL_STATEMENT_BATCH_H_
#define STAFETT_STORE_SQL_STATEMENT_BATCH_H_

#include <string>
#include <vector>

#include <soci/soci.h>

#include "store/sql/database.h"
#include "store/sql/sql_params.h"

namespace stafett::store {

class StatementBatch {
 public:
  explicit StatementBatch(Dialect dialect) : dialect_(dialect) {
    // A Part cannot be moved noexcept (std::deque), so a growing vector
    // would copy every part; a command has at most about 8.
    parts_.reserve(kTypicalParts);
  }

  // Adds an INSERT, UPDATE or DELETE without RETURNING. `expect` >= 0: on
  // SQLite, Run stops after this part when it affected another number of
  // rows (the caller rolls back). Returns the part's index.
  int Add(std::string sql, SqlParams params, long long expect = -1);

  bool empty() const { return parts_.empty(); }
  std::size_t size() const { return parts_.size(); }

  // Runs the parts; returns the rows each affected, in order (-1 for parts
  // SQLite did not run after an unexpected count). Runs once: on
  // PostgreSQL it moves the parameters out of the parts.
  std::vector<long long> Run(soci::session& sql);

  // PostgreSQL: the one statement and its parameters (for tests and the
  // prepared path).
  std::string MergedSql() const;
  SqlParams MergedParams() const;

 private:
  static constexpr std::size_t kTypicalParts = 10;
  // MergedSql, remembered per batch shape (the parts' SQL texts).
  const std::string& CachedMergedSql() const;

  struct Part {
    std::string sql;
    SqlParams params;
    long long expect;
  };
  Dialect dialect_;
  std::vector<Part> parts_;
};

}  // namespace stafett::store

#endif  // STAFETT_STORE_SQL_STATEMENT_BATCH_H_
