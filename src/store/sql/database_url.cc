// Database URLs (database.h ParseDatabaseUrl) and the conninfo built from
// them (database_url.h). libpq parses both PostgreSQL forms.
#include "store/sql/database_url.h"

#include <cctype>
#include <string_view>

#include <libpq-fe.h>

namespace stafett::store {

namespace {

// A conninfo value, quoted as libpq wants: '...' with \ and \' escaped.
std::string QuoteConninfo(std::string_view v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\\' || c == '\'') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

bool StartsWith(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

const char* DialectName(Dialect d) {
  return d == Dialect::kSqlite ? "sqlite" : "postgresql";
}

Result<DatabaseUrl> ParseDatabaseUrl(std::string_view raw) {
  std::string_view url = TrimView(raw);
  DatabaseUrl out;
  if (url.empty()) return Status::Invalid("database URL is empty", "db");
  if (StartsWith(url, "sqlite:")) {
    std::string_view path = url.substr(7);
    if (StartsWith(path, "//")) path.remove_prefix(2);
    if (path.empty()) {
      return Status::Invalid("sqlite: URL has no file path", "db");
    }
    if (path == ":memory:" || StartsWith(path, "file::memory:")) {
      return Status::Invalid(
          "sqlite in-memory databases are not supported: every pooled "
          "session would get its own database; use a file",
          "db");
    }
    if (path.find('"') != std::string_view::npos) {
      return Status::Invalid("sqlite path must not contain '\"'", "db");
    }
    out.dialect = Dialect::kSqlite;
    out.target = std::string(path);
    out.redacted = "sqlite:" + out.target;
    return out;
  }
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://") ||
      url.find('=') != std::string_view::npos) {
    if (url.find("://") != std::string_view::npos &&
        !StartsWith(url, "postgresql://") && !StartsWith(url, "postgres://")) {
      return Status::Invalid("unsupported database URL scheme", "db");
    }
    // libpq parses both forms (percent-decoding, [v6]:port, ?params); its
    // message may quote the input, so it is not passed on (passwords).
    char* err = nullptr;
    PQconninfoOption* opts = PQconninfoParse(std::string(url).c_str(), &err);
    if (opts == nullptr) {
      if (err != nullptr) PQfreemem(err);
      return Status::Invalid(
          "PostgreSQL URL or conninfo cannot be parsed (libpq refused it); "
          "use postgresql://user:password@host:port/db?param=value or "
          "host=... dbname=...",
          "db");
    }
    std::string canonical, redacted;
    for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
      if (o->val == nullptr) continue;
      const std::string key = o->keyword;
      const std::string pair = key + "=" + QuoteConninfo(o->val);
      canonical += (canonical.empty() ? "" : " ") + pair;
      redacted += (redacted.empty() ? "" : " ") +
                  (key == "password" ? key + "=***" : pair);
    }
    PQconninfoFree(opts);
    out.dialect = Dialect::kPostgresql;
    out.target = std::move(canonical);
    out.redacted = std::move(redacted);
    return out;
  }
  return Status::Invalid(
      "database URL must be sqlite:PATH, postgresql://... or a libpq "
      "conninfo string",
      "db");
}

std::string ConninfoWithBounds(const std::string& conninfo,
                               const DatabaseOptions& o) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &err);
  if (opts == nullptr) {  // cannot happen: ParseDatabaseUrl parsed it
    if (err != nullptr) PQfreemem(err);
    return conninfo;
  }
  std::string out, extra_options;
  bool has_timeout = false, has_app = false;
  if (o.statement_timeout.count() > 0) {
    extra_options +=
        "-c statement_timeout=" + std::to_string(o.statement_timeout.count());
  }
  if (o.lock_timeout.count() > 0) {
    if (!extra_options.empty()) extra_options += " ";
    extra_options +=
        "-c lock_timeout=" + std::to_string(o.lock_timeout.count());
  }
  for (PQconninfoOption* p = opts; p->keyword != nullptr; ++p) {
    if (p->val == nullptr) continue;
    std::string key = p->keyword, val = p->val;
    if (key == "connect_timeout") has_timeout = true;
    if (key == "application_name") has_app = true;
    if (key == "options") {
      val = extra_options.empty() ? val : extra_options + " " + val;
      extra_options.clear();
    }
    out += (out.empty() ? "" : " ") + key + "=" + QuoteConninfo(val);
  }
  PQconninfoFree(opts);
  if (!extra_options.empty()) {
    out += " options=" + QuoteConninfo(extra_options);
  }
  if (!has_timeout) {
    out += " connect_timeout=" + std::to_string(o.connect_timeout.count());
  }
  if (!has_app) out += " application_name=stafett";
  return out;
}

}  // namespace stafett::store
