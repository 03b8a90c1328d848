// Small SQL helpers shared by the store's implementation files: splitting a
// migration file into statements, recognising a unique-key violation on
// either backend, and joining/splitting the comma lists stored in text
// columns.
//
// Thread-safety: pure functions.
#ifndef STAFETT_STORE_SQL_UTIL_H_
#define STAFETT_STORE_SQL_UTIL_H_

#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace stafett::store {

// Splits SQL text into statements at top-level ';'. Quoted strings ('...'),
// quoted identifiers ("...") and comments (-- to end of line, /* ... */)
// are respected; comments are dropped and blank statements skipped, so
// every returned string is one statement without its ';'.
//
// Needed because SOCI on SQLite silently runs only the first statement of a
// multi-statement string. Not a full SQL lexer: dollar-quoting and
// BEGIN...END trigger bodies are not supported (migrations must not use
// them).
std::vector<std::string> SplitSqlStatements(std::string_view sql);

// True when `e` is a soci error for a unique or primary-key violation
// (PostgreSQL SQLSTATE 23505; SQLite extended codes 1555/2067 or a
// SQLITE_CONSTRAINT "UNIQUE constraint failed" message).
bool IsUniqueViolation(const std::exception& e);

// "a,b,c" <-> {"a","b","c"}; "" <-> {}. Items must not contain ','
// (service ids and categories are slugs, checked by the routine loader).
std::string JoinList(const std::vector<std::string>& items);
std::vector<std::string> SplitList(std::string_view text);

}  // namespace stafett::store

#endif  // STAFETT_STORE_SQL_UTIL_H_
