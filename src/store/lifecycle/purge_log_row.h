// The purge's own record, shared by the case purge (purge.cc) and the log
// purge (purge_logs.cc): one purge_log row per kind of rows deleted, and
// the label of the stafett_retention_purged_rows_total counter.
//
// Errors: database failures throw soci::soci_error.
// Thread-safety: runs on the caller's session, inside its transaction.
#ifndef STAFETT_STORE_LIFECYCLE_PURGE_LOG_ROW_H_
#define STAFETT_STORE_LIFECYCLE_PURGE_LOG_ROW_H_

#include <cstdint>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/time.h"

namespace stafett::store {

// Inserts a purge_log row: `count` rows of `what` deleted by `worker` at
// `now`, with the purged case ids (comma-joined; never content) and a
// detail for the operator.
void WritePurgeLog(soci::session& sql, const std::string& tenant, TimePoint now,
                   const std::string& worker, const std::string& what,
                   std::int64_t count, const std::vector<std::string>& case_ids,
                   const std::string& detail);

// The counter's labels for `what`: what="cases" etc.
std::string PurgedRowsLabels(const std::string& what);

}  // namespace stafett::store

#endif  // STAFETT_STORE_LIFECYCLE_PURGE_LOG_ROW_H_
