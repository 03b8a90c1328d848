#include "store/sql/pg_exec.h"

#include <cstdlib>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <soci/postgresql/soci-postgresql.h>

namespace stafett::store {

namespace {

constexpr Oid kInt8Oid = 20;

// One query text as libpq wants it.
struct Shape {
  int id = -1;                     // -1: too many shapes, run unprepared
  std::string sql;                 // with $1..$n
  std::vector<std::string> names;  // the name of each $n
};

struct Registry {
  std::mutex mu;
  std::unordered_map<std::string, std::shared_ptr<const Shape>> shapes;
  // Per connection: its backend pid and the shape ids prepared on it.
  struct Conn {
    int pid = 0;
    std::unordered_set<int> prepared;
  };
  std::unordered_map<const PGconn*, Conn> conns;
};

Registry& TheRegistry() {
  static Registry* r = new Registry;  // never destroyed: used at exit
  return *r;
}

std::shared_ptr<const Shape> ShapeOf(const std::string& query) {
  Registry& reg = TheRegistry();
  std::lock_guard<std::mutex> lock(reg.mu);
  auto it = reg.shapes.find(query);
  if (it != reg.shapes.end()) return it->second;
  auto s = std::make_shared<Shape>();
  int n = 0;
  s->sql = RewriteNamedParams(query, [&](std::string_view name) {
    s->names.emplace_back(name);
    return "$" + std::to_string(++n);
  });
  if (reg.shapes.size() < kMaxPrepared) {
    s->id = static_cast<int>(reg.shapes.size());
    reg.shapes.emplace(query, s);
  }
  return s;
}

// True when the shape still has to be prepared on this connection; marks
// it prepared (the caller prepares it next, or throws and the connection
// is reset by the pool's reconnect, which gives a new pid).
bool NeedsPrepare(const PGconn* conn, int id) {
  Registry& reg = TheRegistry();
  std::lock_guard<std::mutex> lock(reg.mu);
  Registry::Conn& c = reg.conns[conn];
  const int pid = PQbackendPID(conn);
  if (c.pid != pid) {
    c.pid = pid;
    c.prepared.clear();
  }
  return c.prepared.insert(id).second;
}

void Forget(const PGconn* conn, int id) {
  Registry& reg = TheRegistry();
  std::lock_guard<std::mutex> lock(reg.mu);
  reg.conns[conn].prepared.erase(id);
}

[[noreturn]] void Throw(PGconn* conn, const PGresult* r, const char* what) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = r ? PQresultErrorMessage(r) : "";
  if (msg.empty()) msg = PQerrorMessage(conn);
  if (state == nullptr || std::string(state).size() != 5) {
    state = PQstatus(conn) == CONNECTION_BAD ? "08006" : "XX000";
  }
  throw soci::postgresql_soci_error(std::string(what) + ": " + msg, state);
}

bool Failed(const PGresult* r) {
  if (r == nullptr) return true;
  const ExecStatusType s = PQresultStatus(r);
  return s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK;
}

}  // namespace

long long PgResult::Int(int row, int col) const {
  if (IsNull(row, col)) return 0;
  return std::strtoll(Text(row, col), nullptr, 10);
}

long long PgResult::affected() const {
  const char* n = PQcmdTuples(r_.get());
  return n && *n ? std::strtoll(n, nullptr, 10) : 0;
}

bool PreparedEnabled() {
  static const bool on = [] {
    const char* v = std::getenv("STAFETT_PG_PREPARED");
    return v == nullptr || std::string(v) != "0";
  }();
  return on;
}

bool IsPostgres(soci::session& sql) {
  // No dynamic_cast: SOCI's backend classes export no typeinfo.
  return PreparedEnabled() && sql.get_backend() != nullptr &&
         sql.get_backend_name() == "postgresql";
}

PgResult PgExec(soci::session& sql, const std::string& query,
                const SqlParams& params) {
  auto* be = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  PGconn* conn = be->conn_;
  std::shared_ptr<const Shape> shape = ShapeOf(query);

  const int n = static_cast<int>(shape->names.size());
  std::vector<const char*> values(n);
  std::vector<Oid> types(n, 0);
  std::vector<std::string> numbers(n);
  std::size_t hint = 0;
  for (int i = 0; i < n; ++i) {
    const SqlParams::Entry* e = params.Find(shape->names[i], &hint);
    if (e == nullptr) {
      throw soci::soci_error("no value for parameter :" + shape->names[i]);
    }
    if (e->is_int) {
      types[i] = kInt8Oid;
      if (e->ind == soci::i_null) {
        values[i] = nullptr;
      } else {
        numbers[i] = std::to_string(e->number);
        values[i] = numbers[i].c_str();
      }
    } else {
      values[i] = e->text.c_str();
    }
  }

  // Counted like a SOCI statement, and timed by the watchdog.
  const_cast<soci::logger&>(sql.get_logger()).start_query(query);
  if (shape->id < 0) {
    PGresult* r = PQexecParams(conn, shape->sql.c_str(), n, types.data(),
                               values.data(), nullptr, nullptr, 0);
    if (Failed(r)) {
      PgResult owned(r);
      Throw(conn, r, "query");
    }
    return PgResult(r);
  }
  const std::string name = "stf" + std::to_string(shape->id);
  if (NeedsPrepare(conn, shape->id)) {
    PGresult* p =
        PQprepare(conn, name.c_str(), shape->sql.c_str(), n, types.data());
    if (Failed(p)) {
      PgResult owned(p);
      Forget(conn, shape->id);
      Throw(conn, p, "prepare");
    }
    PQclear(p);
  }
  PGresult* r =
      PQexecPrepared(conn, name.c_str(), n, values.data(), nullptr, nullptr, 0);
  if (Failed(r)) {
    PgResult owned(r);
    Throw(conn, r, "execute");
  }
  return PgResult(r);
}

}  // namespace stafett::store
