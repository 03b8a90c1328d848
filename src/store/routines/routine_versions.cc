#include "store/routines/routine_versions.h"

#include <soci/soci.h>

#include "routine/stored.h"
#include "store/sql/sql_params.h"

namespace stafett::store {

namespace {

constexpr char kColumns[] =
    "select hash, tenant, routine_id, version, loaded_at, source_name "
    "from routine_versions ";

// Runs a kColumns query with up to three text parameters.
std::vector<StoredVersion> Query(soci::session& sql, const std::string& where,
                                 SqlParams& params) {
  std::vector<StoredVersion> out;
  StoredVersion row;
  long long at = 0;
  soci::statement st(sql);
  st.exchange(soci::into(row.hash));
  st.exchange(soci::into(row.tenant));
  st.exchange(soci::into(row.routine_id));
  st.exchange(soci::into(row.version));
  st.exchange(soci::into(at));
  st.exchange(soci::into(row.source_name));
  params.BindTo(st);
  PrepareOnce(st, std::string(kColumns) + where);
  st.execute();
  while (st.fetch()) {
    row.published_at = FromMillis(at);
    out.push_back(row);
  }
  return out;
}

constexpr char kNewestFirst[] =
    " order by tenant, routine_id, version desc, loaded_at desc, hash";

}  // namespace

std::vector<StoredVersion> ListRoutineVersions(Database& db,
                                               const std::string& tenant) {
  auto lease = db.Acquire();
  SqlParams p;
  if (tenant.empty()) return Query(*lease, kNewestFirst, p);
  p.Text("tenant", tenant);
  return Query(*lease, std::string("where tenant = :tenant") + kNewestFirst, p);
}

std::vector<StoredVersion> FindRoutineVersion(Database& db,
                                              const std::string& tenant,
                                              const std::string& routine_id,
                                              int version) {
  auto lease = db.Acquire();
  SqlParams p;
  p.Text("tenant", tenant)
      .Text("routine_id", routine_id)
      .Int("version", version);
  return Query(*lease,
               std::string("where tenant = :tenant and routine_id = "
                           ":routine_id and version = :version") +
                   kNewestFirst,
               p);
}

std::shared_ptr<const routine::Routine> StoredRoutine(Database& db,
                                                      const std::string& hash) {
  auto& cache = routine::VersionCache::Process();
  if (auto found = cache.Find(hash)) return found;
  auto lease = db.Acquire();
  std::string h = hash, text;
  *lease << "select source_text as source_text from routine_versions where "
            "hash = :hash",
      soci::use(h, "hash"), soci::into(text);
  if (!lease->got_data()) return nullptr;
  return cache.FromSource(hash, text, "routine_versions/" + hash);
}

std::vector<std::shared_ptr<const routine::Routine>> CurrentRoutines(
    Database& db) {
  std::vector<std::shared_ptr<const routine::Routine>> out;
  const std::vector<StoredVersion> all = ListRoutineVersions(db, "");
  for (std::size_t i = 0; i < all.size(); ++i) {
    // Newest first within each (tenant, routine): the first row counts.
    if (i > 0 && all[i].tenant == all[i - 1].tenant &&
        all[i].routine_id == all[i - 1].routine_id) {
      continue;
    }
    if (auto r = StoredRoutine(db, all[i].hash)) out.push_back(std::move(r));
  }
  return out;
}

std::string RoutineVersionsFingerprint(Database& db) {
  auto lease = db.Acquire();
  long long count = 0, newest = 0;
  soci::indicator ind = soci::i_ok;
  *lease << "select count(*) as n, max(loaded_at) as newest from "
            "routine_versions",
      soci::into(count), soci::into(newest, ind);
  if (ind != soci::i_ok) newest = 0;
  return std::to_string(count) + "/" + std::to_string(newest);
}

Published PublishRoutineVersion(Database& db, const routine::Routine& r,
                                TimePoint now) {
  auto lease = db.Acquire();
  soci::session& sql = *lease;
  WriteTransaction tx(sql, db.dialect());
  if (db.dialect() == Dialect::kPostgresql) {
    // Publishes are rare: one lock for all of them keeps the check and
    // the insert below atomic without a unique key the old data may break.
    int locked = 0;
    sql << "select 1 as locked from (select pg_advisory_xact_lock(7301012)) "
           "as l",
        soci::into(locked);
  }
  SqlParams p;
  p.Text("tenant", r.tenant).Text("routine_id", r.id).Int("version", r.version);
  std::vector<StoredVersion> same_number =
      Query(sql,
            std::string("where tenant = :tenant and routine_id = :routine_id "
                        "and version = :version") +
                kNewestFirst,
            p);
  Published out;
  for (const auto& v : same_number) {
    if (v.hash == r.hash) {
      out.result = PublishResult::kSame;
      out.stored = v;
      return out;
    }
  }
  if (!same_number.empty()) {
    out.result = PublishResult::kVersionExists;
    out.stored = same_number.front();
    return out;
  }
  SqlParams ins;
  ins.Text("hash", r.hash)
      .Text("tenant", r.tenant)
      .Text("routine_id", r.id)
      .Int("version", r.version)
      .Text("source_name", r.source_name)
      .Text("source_text", r.source_text)
      .Int("loaded_at", ToMillis(now));
  // The same bytes under another (tenant, id, version) cannot happen: the
  // bytes name all three.
  ExecCount(sql,
            "insert into routine_versions (hash, tenant, routine_id, version, "
            "source_name, source_text, loaded_at) values (:hash, :tenant, "
            ":routine_id, :version, :source_name, :source_text, :loaded_at) "
            "on conflict (hash) do nothing",
            ins);
  tx.Commit();
  out.result = PublishResult::kCreated;
  out.stored =
      StoredVersion{r.hash, r.tenant, r.id, r.version, now, r.source_name};
  return out;
}

std::map<std::pair<std::string, std::string>, int> OpenCasesByVersionStep(
    Database& db, const std::string& tenant, const std::string& routine_id) {
  std::map<std::pair<std::string, std::string>, int> out;
  auto lease = db.Acquire();
  std::string t = tenant, id = routine_id, hash, step;
  long long n = 0;
  soci::statement st(*lease);
  st.exchange(soci::into(hash));
  st.exchange(soci::into(step));
  st.exchange(soci::into(n));
  st.exchange(soci::use(t, "tenant"));
  st.exchange(soci::use(id, "routine_id"));
  PrepareOnce(st,
              "select routine_hash, step, count(*) from cases where tenant = "
              ":tenant and routine_id = :routine_id and status = 'open' group "
              "by routine_hash, step");
  st.execute();
  while (st.fetch()) out[{hash, step}] = static_cast<int>(n);
  return out;
}

}  // namespace stafett::store
