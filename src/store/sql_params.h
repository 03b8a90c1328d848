// SqlParams: named parameters for statements whose shape is built at run
// time (multi-row VALUES, optional worklist filters). SOCI binds by
// reference, so the values live here, in containers that never move their
// elements, until the statement has run. Internal to the store (includes
// SOCI).
//
// Thread-safety: one thread at a time.
#ifndef STAFETT_STORE_SQL_PARAMS_H_
#define STAFETT_STORE_SQL_PARAMS_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/time.h"

namespace stafett::store {

class SqlParams {
 public:
  SqlParams& Text(const std::string& name, std::string value);
  SqlParams& Int(const std::string& name, long long value);
  // NULL when empty.
  SqlParams& OptInt(const std::string& name, std::optional<long long> value);

  // Adds the parameters to a statement that has not been prepared yet.
  void BindTo(soci::statement& st);

 private:
  std::deque<std::string> names_;
  std::deque<std::string> texts_;
  std::deque<long long> ints_;
  std::deque<soci::indicator> inds_;
  std::vector<std::function<void(soci::statement&)>> binders_;
};

// Runs `query` once with `params` (one round trip) and returns the number
// of rows it affected.
long long ExecCount(soci::session& sql, const std::string& query,
                    SqlParams& params);

// Prepares `st` for a one-shot run of `query` after into() and params were
// exchanged: alloc, prepare (one round trip on PostgreSQL, no server-side
// prepared statement), define and bind.
// An optional instant as the epoch milliseconds the schema stores.
std::optional<long long> OptMillis(const std::optional<TimePoint>& t);

void PrepareOnce(soci::statement& st, const std::string& query);

}  // namespace stafett::store

#endif  // STAFETT_STORE_SQL_PARAMS_H_
