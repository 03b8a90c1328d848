// IsUnavailable (database.h): which exceptions mean "the database cannot
// serve now" (503 + Retry-After) rather than a bug (500).
#include <exception>
#include <string>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "store/sql/database.h"

namespace stafett::store {

bool IsUnavailable(const std::exception& e) {
  if (dynamic_cast<const PoolTimeout*>(&e) != nullptr) return true;
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    const std::string state = pg->sqlstate();
    // 08 connection, 53 insufficient resources (disk full, too many
    // connections), 57 operator intervention (shutdown, statement timeout),
    // 55P03 lock timeout, 25006 read-only server, 40001/40P01 retryable.
    if (state.rfind("08", 0) == 0 || state.rfind("53", 0) == 0 ||
        state.rfind("57", 0) == 0 || state == "55P03" || state == "25006" ||
        state == "40001" || state == "40P01") {
      return true;
    }
  }
  if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    switch (lite->result() & 0xff) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
      case SQLITE_IOERR:
      case SQLITE_FULL:
      case SQLITE_CANTOPEN:
      case SQLITE_READONLY:
        return true;
      default:
        return false;
    }
  }
  if (const auto* soci_e = dynamic_cast<const soci::soci_error*>(&e)) {
    if (soci_e->get_error_category() == soci::soci_error::connection_error) {
      return true;
    }
    // A lost connection has no SQLSTATE; libpq's and SOCI's words for it.
    const std::string msg = soci_e->get_error_message();
    for (const char* words :
         {"server closed the connection", "no connection to the server",
          "could not receive data from server", "could not send data to server",
          "Cannot establish connection", "connection to server",
          "terminating connection", "SSL SYSCALL error", "timeout expired",
          "Connection refused", "connection not open", "not connected"}) {
      if (msg.find(words) != std::string::npos) return true;
    }
  }
  return false;
}

}  // namespace stafett::store
