#include "store/sql/statement_batch.h"

#include <memory>
#include <mutex>
#include <unordered_map>

#include "store/sql/pg_exec.h"

namespace stafett::store {

namespace {

std::string Prefix(std::size_t i) { return "b" + std::to_string(i) + "_"; }

}  // namespace

int StatementBatch::Add(std::string sql, SqlParams params, long long expect) {
  parts_.push_back(Part{std::move(sql), std::move(params), expect});
  return static_cast<int>(parts_.size()) - 1;
}

std::string StatementBatch::MergedSql() const {
  std::string with = "with ", counts;
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    const std::string pre = Prefix(i);
    const std::string body = RewriteNamedParams(
        parts_[i].sql,
        [&](std::string_view name) { return ":" + pre + std::string(name); });
    if (i) {
      with += ", ";
      counts += ", ";
    }
    with += "s" + std::to_string(i) + " as (" + body + " returning 1)";
    counts += "(select count(*) from s" + std::to_string(i) + ")";
  }
  return with + " select " + counts;
}

SqlParams StatementBatch::MergedParams() const {
  SqlParams p;
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    p.AppendRenamed(parts_[i].params, Prefix(i));
  }
  return p;
}

const std::string& StatementBatch::CachedMergedSql() const {
  // Rewriting every part's parameter names for each command was a tenth of
  // a step change's CPU in the server (callgrind, docs/performance.md); a
  // server has a few dozen batch shapes, so they are kept, up to the number
  // of statements PgExec prepares (more are merged each time).
  struct Cache {
    std::mutex mu;
    std::unordered_map<std::string, std::unique_ptr<const std::string>> merged;
  };
  static Cache* cache = new Cache;  // never destroyed: used at exit
  thread_local std::string key;
  thread_local std::string uncached;
  key.clear();
  for (const Part& part : parts_) {
    key += part.sql;
    key += '\x1f';  // no SQL text here contains it
  }
  {
    std::lock_guard<std::mutex> lock(cache->mu);
    auto it = cache->merged.find(key);
    if (it != cache->merged.end()) return *it->second;
  }
  auto merged = std::make_unique<const std::string>(MergedSql());
  std::lock_guard<std::mutex> lock(cache->mu);
  if (cache->merged.size() >= kMaxPrepared) {
    uncached = *merged;
    return uncached;
  }
  return *cache->merged.try_emplace(key, std::move(merged)).first->second;
}

std::vector<long long> StatementBatch::Run(soci::session& sql) {
  std::vector<long long> counts(parts_.size(), -1);
  if (parts_.empty()) return counts;
  if (dialect_ == Dialect::kSqlite || parts_.size() == 1) {
    for (std::size_t i = 0; i < parts_.size(); ++i) {
      counts[i] = ExecCount(sql, parts_[i].sql, parts_[i].params);
      if (parts_[i].expect >= 0 && counts[i] != parts_[i].expect) break;
    }
    return counts;
  }
  // One statement, prepared once per session (store/sql/pg_exec.h); a batch of
  // the same shape (the same parts) reuses it.
  SqlParams params;
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    params.AppendRenamed(std::move(parts_[i].params), Prefix(i));
  }
  const PgResult r = PgExec(sql, CachedMergedSql(), params);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    counts[i] = r.Int(0, static_cast<int>(i));
  }
  return counts;
}

}  // namespace stafett::store
