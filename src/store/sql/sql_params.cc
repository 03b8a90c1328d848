#include "store/sql/sql_params.h"

#include <cctype>

#include "store/sql/pg_exec.h"

namespace stafett::store {

SqlParams::Entry& SqlParams::Push(const std::string& name) {
  Entry& e = entries_.emplace_back();
  e.name = name;
  return e;
}

SqlParams& SqlParams::Text(const std::string& name, std::string value) {
  Entry& e = Push(name);
  e.text = std::move(value);
  return *this;
}

SqlParams& SqlParams::Int(const std::string& name, long long value) {
  Entry& e = Push(name);
  e.is_int = true;
  e.number = value;
  return *this;
}

SqlParams& SqlParams::OptInt(const std::string& name,
                             std::optional<long long> value) {
  Entry& e = Push(name);
  e.is_int = true;
  e.number = value.value_or(0);
  e.ind = value ? soci::i_ok : soci::i_null;
  return *this;
}

void SqlParams::AppendRenamed(const SqlParams& other,
                              const std::string& prefix) {
  for (const Entry& o : other.entries_) {
    Entry& e = Push(prefix + o.name);
    e.is_int = o.is_int;
    e.text = o.text;
    e.number = o.number;
    e.ind = o.ind;
  }
}

void SqlParams::AppendRenamed(SqlParams&& other, const std::string& prefix) {
  for (Entry& o : other.entries_) {
    Entry& e = Push(prefix + o.name);
    e.is_int = o.is_int;
    e.text = std::move(o.text);
    e.number = o.number;
    e.ind = o.ind;
  }
}

const SqlParams::Entry* SqlParams::Find(std::string_view name,
                                        std::size_t* hint) const {
  const std::size_t n = entries_.size();
  for (std::size_t k = 0, i = *hint; k < n; ++k, ++i) {
    if (i >= n) i = 0;
    if (entries_[i].name == name) {
      *hint = i + 1;
      return &entries_[i];
    }
  }
  return nullptr;
}

const SqlParams::Entry* SqlParams::Find(std::string_view name) const {
  for (const Entry& e : entries_) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

void SqlParams::BindTo(soci::statement& st) {
  for (Entry& e : entries_) {
    if (!e.is_int) {
      st.exchange(soci::use(e.text, e.name));
    } else if (e.ind == soci::i_null) {
      st.exchange(soci::use(e.number, e.ind, e.name));
    } else {
      st.exchange(soci::use(e.number, e.name));
    }
  }
}

std::string RewriteNamedParams(
    std::string_view sql,
    const std::function<std::string(std::string_view name)>& replace) {
  std::string out;
  out.reserve(sql.size() + 16);
  auto is_name = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  };
  for (std::size_t i = 0; i < sql.size();) {
    const char c = sql[i];
    if (c == '\'') {  // a string literal, '' inside
      const std::size_t start = i++;
      while (i < sql.size()) {
        if (sql[i] == '\'' && (i + 1 >= sql.size() || sql[i + 1] != '\'')) {
          ++i;
          break;
        }
        i += sql[i] == '\'' ? 2 : 1;
      }
      out.append(sql.substr(start, i - start));
    } else if (c == ':' && i + 1 < sql.size() && sql[i + 1] == ':') {
      out.append("::");  // a cast
      i += 2;
    } else if (c == ':' && i + 1 < sql.size() &&
               (std::isalpha(static_cast<unsigned char>(sql[i + 1])) ||
                sql[i + 1] == '_')) {
      std::size_t j = i + 1;
      while (j < sql.size() && is_name(sql[j])) ++j;
      out += replace(sql.substr(i + 1, j - i - 1));
      i = j;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

void PrepareOnce(soci::statement& st, const std::string& query) {
  st.alloc();
  // A one-time query is sent with its parameters in one round trip
  // (PQexecParams); a repeatable one would first PQprepare on PostgreSQL.
  st.prepare(query, soci::details::st_one_time_query);
  st.define_and_bind();
}

long long ExecCount(soci::session& sql, const std::string& query,
                    SqlParams& params) {
  // PostgreSQL: prepared once per session (store/sql/pg_exec.h).
  if (IsPostgres(sql)) return PgExec(sql, query, params).affected();
  soci::statement st(sql);
  params.BindTo(st);
  PrepareOnce(st, query);
  st.execute(true);
  return st.get_affected_rows();
}

std::optional<long long> OptMillis(const std::optional<TimePoint>& t) {
  if (!t) return std::nullopt;
  return ToMillis(*t);
}

}  // namespace stafett::store
