// Small SQL helpers shared by the store's implementation files: splitting a
// migration file into statements, recognising a unique-key violation on
// either backend, and encoding/decoding the string lists stored in text
// columns.
//
// Thread-safety: pure functions.
#ifndef STAFETT_STORE_SQL_SQL_UTIL_H_
#define STAFETT_STORE_SQL_SQL_UTIL_H_

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
// multi-statement string. Not a full SQL lexer: dollar-quoting is not
// supported (migrations must not use it). A SQLite trigger body (CREATE
// TRIGGER ... BEGIN stmt; stmt; END) stays one statement; its statements
// must not contain the word END themselves (no CASE ... END).
std::vector<std::string> SplitSqlStatements(std::string_view sql);

// True when `e` is a soci error for a unique or primary-key violation
// (PostgreSQL SQLSTATE 23505; SQLite extended codes 1555/2067 or a
// SQLITE_CONSTRAINT "UNIQUE constraint failed" message).
bool IsUniqueViolation(const std::exception& e);

// A list of strings in one text column, as a JSON array of strings:
// {"a","b,c"} <-> ["a","b,c"]. Round-trips any byte string that is valid
// UTF-8 (control characters are written as \u00XX; other bytes verbatim).
// Schema 0030 converted the comma lists written before.
std::string EncodeList(const std::vector<std::string>& items);
// Reads what EncodeList wrote, any JSON array of strings (whitespace,
// every JSON escape, surrogate pairs), and "" as the empty list (column
// default; erasure). Throws std::runtime_error for anything else: a
// corrupt row is an infrastructure failure.
std::vector<std::string> DecodeList(std::string_view text);

}  // namespace stafett::store

#endif  // STAFETT_STORE_SQL_SQL_UTIL_H_
