#include "store/sql_params.h"

namespace stafett::store {

SqlParams& SqlParams::Text(const std::string& name, std::string value) {
  const std::string& n = names_.emplace_back(name);
  std::string& v = texts_.emplace_back(std::move(value));
  binders_.push_back(
      [&n, &v](soci::statement& st) { st.exchange(soci::use(v, n)); });
  return *this;
}

SqlParams& SqlParams::Int(const std::string& name, long long value) {
  const std::string& n = names_.emplace_back(name);
  long long& v = ints_.emplace_back(value);
  binders_.push_back(
      [&n, &v](soci::statement& st) { st.exchange(soci::use(v, n)); });
  return *this;
}

SqlParams& SqlParams::OptInt(const std::string& name,
                             std::optional<long long> value) {
  const std::string& n = names_.emplace_back(name);
  long long& v = ints_.emplace_back(value.value_or(0));
  soci::indicator& ind = inds_.emplace_back(value ? soci::i_ok : soci::i_null);
  binders_.push_back([&n, &v, &ind](soci::statement& st) {
    st.exchange(soci::use(v, ind, n));
  });
  return *this;
}

void SqlParams::BindTo(soci::statement& st) {
  for (auto& b : binders_) b(st);
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
