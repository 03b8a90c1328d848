#include "store/access/access_write.h"

#include <exception>

#include "store/sql/pg_exec.h"

namespace stafett::store {

void InsertAccessRow(soci::session& sql, Dialect dialect,
                     const std::string& columns, const std::string& values,
                     SqlParams& params) {
  if (dialect == Dialect::kPostgresql) {
    // The FROM subquery runs set_config once, before the row is built; the
    // implicit transaction's commit then reads synchronous_commit = off.
    ExecCount(sql,
              "insert into access_log (" + columns + ") select " + values +
                  " from (select set_config('synchronous_commit', 'off', "
                  "true)) as async_commit",
              params);
    return;
  }
  sql << "pragma synchronous = normal";
  try {
    ExecCount(
        sql, "insert into access_log (" + columns + ") values (" + values + ")",
        params);
  } catch (...) {
    try {
      sql << "pragma synchronous = full";
    } catch (...) {
      // Cannot happen without I/O; if it did, the session must not serve
      // case commits at NORMAL: close it, the next lease reopens it.
      sql.close();
    }
    throw;
  }
  sql << "pragma synchronous = full";
}

bool NoteCrashRecovery(Database& db, long long now_ms) {
  if (db.dialect() != Dialect::kPostgresql) return false;
  auto lease = db.Acquire();
  std::string kind;
  soci::indicator ind = soci::i_null;
  *lease << "insert into access_log_gaps (server_mark, noted_at, kind) "
            "select stats_reset::text, :now, case when exists (select 1 "
            "from access_log_gaps) then 'possible_gap' else 'baseline' end "
            "from pg_stat_wal where stats_reset is not null "
            "on conflict (server_mark) do nothing returning kind",
      soci::use(now_ms, "now"), soci::into(kind, ind);
  return lease->got_data() && ind == soci::i_ok && kind == "possible_gap";
}

}  // namespace stafett::store
