// SqlParams: named parameters for statements whose shape is built at run
// time (multi-row VALUES, optional worklist filters). SOCI binds by
// reference, so the values live here, in containers that never move their
// elements, until the statement has run. Internal to the store (includes
// SOCI).
//
// Thread-safety: one thread at a time.
#ifndef STAFETT_STORE_SQL_SQL_PARAMS_H_
#define STAFETT_STORE_SQL_SQL_PARAMS_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/time.h"

namespace stafett::store {

class SqlParams {
 public:
  // One named value: text, or an integer (NULL when ind is i_null).
  struct Entry {
    std::string name;
    bool is_int = false;
    std::string text;
    long long number = 0;
    soci::indicator ind = soci::i_ok;
  };

  SqlParams& Text(const std::string& name, std::string value);
  SqlParams& Int(const std::string& name, long long value);
  // NULL when empty.
  SqlParams& OptInt(const std::string& name, std::optional<long long> value);

  // Appends every parameter of `other`, renamed prefix + name: for
  // statements merged into one (store/sql/statement_batch.h).
  void AppendRenamed(const SqlParams& other, const std::string& prefix);
  // The same, moving the values out of `other`.
  void AppendRenamed(SqlParams&& other, const std::string& prefix);
  // The parameter called `name`, or nullptr.
  const Entry* Find(std::string_view name) const;
  // The same, searching from *hint on (wrapping around) and leaving *hint
  // after the match: O(1) per name when names are asked for in about the
  // order they were added, as PgExec does for a merged statement's $1..$n.
  const Entry* Find(std::string_view name, std::size_t* hint) const;
  const std::deque<Entry>& entries() const { return entries_; }

  // Adds the parameters to a statement that has not been prepared yet.
  void BindTo(soci::statement& st);

 private:
  Entry& Push(const std::string& name);
  std::deque<Entry> entries_;  // a deque: SOCI binds by reference
};

// Replaces every :name placeholder in `sql` (outside '...' literals; a
// "::" cast is left alone) with replace(name).
std::string RewriteNamedParams(
    std::string_view sql,
    const std::function<std::string(std::string_view name)>& replace);

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

#endif  // STAFETT_STORE_SQL_SQL_PARAMS_H_
