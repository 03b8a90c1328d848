// The PostgreSQL connection string a pooled session or a readiness check
// connects with. Internal to store/sql (database.cc, database_ping.cc);
// ParseDatabaseUrl in database.h is the public parser.
//
// Thread-safety: pure functions.
#ifndef STAFETT_STORE_SQL_DATABASE_URL_H_
#define STAFETT_STORE_SQL_DATABASE_URL_H_

#include <string>

#include "store/sql/database.h"

namespace stafett::store {

// `conninfo` (a canonical key='value' string from ParseDatabaseUrl) plus
// the bounds of `o`. A connect_timeout in the URL wins; statement_timeout
// and lock_timeout go first into `options`, so that a URL's own -c
// settings override them; application_name defaults to "stafett".
std::string ConninfoWithBounds(const std::string& conninfo,
                               const DatabaseOptions& o);

}  // namespace stafett::store

#endif  // STAFETT_STORE_SQL_DATABASE_URL_H_
