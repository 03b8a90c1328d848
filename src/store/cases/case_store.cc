// CaseStore's write path: the transaction shape of every command and the
// idempotency protocol. The row-level statements are in case_row.cc; the
// reads in case_queries.cc.
#include "store/cases/case_store.h"

#include <soci/soci.h>

#include "core/ids.h"
#include "store/access/access_write.h"
#include "store/cases/case_codec.h"
#include "store/cases/case_row.h"
#include "store/cases/decision_history.h"
#include "store/sql/pg_exec.h"
#include "store/sql/sql_params.h"
#include "store/sql/statement_batch.h"

namespace stafett::store {

namespace {

constexpr int kMaxAttempts = 4;  // the first try and 3 retries

// Claims an idempotency key inside the open transaction by inserting a
// placeholder row. If another transaction holds the key uncommitted,
// PostgreSQL makes this INSERT wait for it (SQLite has already serialised
// us with BEGIN IMMEDIATE), so a key is claimed by exactly one request.
// Returns the stored answer when the key was already used.
struct Claim {
  bool claimed = false;
  bool found = false;  // !claimed && a stored answer was read
  std::string fingerprint;
  StoredResponse answer;
};

// A key stored before `expired_before` has outlived the retention policy:
// the upsert takes it over as if it were new (a replay after that is a new
// request), in the same single statement.
Claim ClaimKey(soci::session& sql, const std::string& tenant,
               const WriteOptions& o, TimePoint now, TimePoint expired_before) {
  Claim c;
  SqlParams p;
  p.Text("tenant", tenant)
      .Text("idem_key", o.idempotency_key)
      .Text("fingerprint", o.request_fingerprint)
      .Int("now", ToMillis(now))
      .Int("expired", ToMillis(expired_before));
  c.claimed = ExecCount(sql,
                        "insert into idempotency (tenant, idem_key, "
                        "request_fingerprint, status_code, response_body, "
                        "created_at) values (:tenant, :idem_key, "
                        ":fingerprint, 0, '', :now) on conflict (tenant, "
                        "idem_key) do update set case_id = '', "
                        "request_fingerprint = excluded.request_fingerprint, "
                        "status_code = 0, response_headers = '', "
                        "response_body = '', created_at = excluded.created_at "
                        "where idempotency.created_at < :expired",
                        p) == 1;
  if (c.claimed) return c;
  std::string t = tenant, key = o.idempotency_key;
  soci::indicator ind_headers = soci::i_ok;
  sql << "select request_fingerprint as request_fingerprint, status_code as "
         "status_code, response_headers as response_headers, response_body "
         "as response_body from idempotency where tenant = :tenant and "
         "idem_key = :idem_key",
      soci::use(t, "tenant"), soci::use(key, "idem_key"),
      soci::into(c.fingerprint), soci::into(c.answer.status_code),
      soci::into(c.answer.headers, ind_headers), soci::into(c.answer.body);
  c.found = sql.got_data();
  return c;
}

void AddAnswer(StatementBatch& batch, const std::string& tenant,
               const WriteOptions& o, const std::string& case_id,
               const StoredResponse& r) {
  SqlParams p;
  p.Text("case_id", case_id)
      .Int("status_code", r.status_code)
      .Text("headers", r.headers)
      .Text("body", r.body)
      .Text("tenant", tenant)
      .Text("idem_key", o.idempotency_key);
  batch.Add(
      "update idempotency set case_id = :case_id, status_code = "
      ":status_code, response_headers = :headers, response_body = :body "
      "where tenant = :tenant and idem_key = :idem_key",
      std::move(p));
}

// What to do after trying to claim a key: go on, or return this.
std::optional<Result<CommandOutcome>> Replay(const Claim& c,
                                             const WriteOptions& o) {
  if (c.claimed) return std::nullopt;
  if (!c.found) {
    // Claimed by a transaction that rolled back between our INSERT and
    // SELECT; cannot happen under the locks above, but stay correct.
    return Result<CommandOutcome>(
        Status(Code::kUnavailable, "idempotency key busy, try again"));
  }
  if (c.fingerprint != o.request_fingerprint) {
    return Result<CommandOutcome>(Status::Invalid(
        "Idempotency-Key er allerede brukt for en annen forespørsel",
        "Idempotency-Key"));
  }
  CommandOutcome out;
  out.replayed = true;
  out.response = c.answer;
  return Result<CommandOutcome>(std::move(out));
}

// The next number of (tenant, year) in its own autocommit statement whose
// commit does not wait for the WAL flush (synchronous_commit off for this
// one transaction, set inside the statement so it stays one round trip).
// The counter row is then locked only while the statement runs, not until
// an fsync: at 32 connections the durable upsert's mean was 16.7 ms, every
// creation waiting for the previous holder's flush (docs/performance.md).
// Why that is safe: a case that commits durably with this number flushes
// the WAL up to its own commit record, which lies after the counter's, so
// after a crash the counter is never behind a number a durable case holds;
// a crash can only forget numbers no committed case has (a gap, as a failed
// creation leaves one anyway). PostgreSQL only; outside a transaction.
long long AllocateNumberAsync(soci::session& sql, const std::string& tenant,
                              int year) {
  static const std::string kSql =
      "insert into reference_counters (tenant, year, last_number) select "
      ":tenant::text, :year, 1 from (select set_config("
      "'synchronous_commit', 'off', true)) as async on conflict (tenant, "
      "year) do update set last_number = reference_counters.last_number + 1 "
      "returning last_number";
  if (IsPostgres(sql)) {
    SqlParams p;
    p.Text("tenant", tenant).Int("year", year);
    const PgResult r = PgExec(sql, kSql, p);
    return r.Int(0, 0);
  }
  std::string t = tenant;
  int y = year;
  long long number = 0;
  sql << kSql, soci::use(t, "tenant"), soci::use(y, "year"), soci::into(number);
  return number;
}

}  // namespace

CaseStore::CaseStore(Database& db, const Clock& clock)
    : db_(db), clock_(clock) {}

void CaseStore::SetDeadlinePlanner(DeadlinePlanner planner) {
  std::shared_ptr<const DeadlinePlanner> p;
  if (planner) p = std::make_shared<const DeadlinePlanner>(std::move(planner));
  std::atomic_store(&planner_, std::move(p));
}

routine::Retention CaseStore::RetentionOf(const std::string& tenant,
                                          const std::string& routine_id) const {
  return retention_ ? retention_(tenant, routine_id) : routine::Retention{};
}

void CaseStore::SaveRoutineVersion(const routine::Routine& r) {
  auto lease = db_.Acquire();
  SqlParams p;
  p.Text("hash", r.hash)
      .Text("tenant", r.tenant)
      .Text("routine_id", r.id)
      .Int("version", r.version)
      .Text("source_name", r.source_name)
      .Text("source_text", r.source_text)
      .Int("loaded_at", ToMillis(clock_.Now()));
  ExecCount(*lease,
            "insert into routine_versions (hash, tenant, routine_id, version, "
            "source_name, source_text, loaded_at) values (:hash, :tenant, "
            ":routine_id, :version, :source_name, :source_text, :loaded_at) "
            "on conflict (hash) do nothing",
            p);
}

std::optional<std::string> CaseStore::RoutineSource(const std::string& hash) {
  auto lease = db_.Acquire();
  std::string h = hash, text;
  *lease << "select source_text as source_text from routine_versions where "
            "hash = :hash",
      soci::use(h, "hash"), soci::into(text);
  if (!lease->got_data()) return std::nullopt;
  return text;
}

Result<CommandOutcome> CaseStore::CreateCase(const std::string& tenant,
                                             const std::string& prefix,
                                             int year,
                                             const CreateDecider& decide,
                                             const WriteOptions& options) {
  auto lease = db_.Acquire();
  soci::session& sql = *lease;
  const TimePoint now = clock_.Now();
  const std::string case_id = NewId();
  // The next number of (tenant, year): one upsert on the counter row,
  // which stays locked until the transaction that ran it ends.
  auto allocate = [&] {
    std::string t = tenant;
    long long number = 0;
    int y = year;
    sql << "insert into reference_counters (tenant, year, last_number) "
           "values (:tenant, :year, 1) on conflict (tenant, year) do update "
           "set last_number = reference_counters.last_number + 1 returning "
           "last_number as last_number",
        soci::use(t, "tenant"), soci::use(y, "year"), soci::into(number);
    return number;
  };
  // PostgreSQL without an idempotency key: the number is taken in its own
  // autocommit statement before the transaction (AllocateNumberAsync: its
  // commit waits for no WAL flush), so the tenant's counter
  // row is locked for one statement rather than for every concurrent
  // creation's whole transaction (which made creations in a tenant queue
  // on it). `decide` runs first on a placeholder reference (it is pure):
  // a creation it refuses takes no number, as before. The trade-off
  // (docs/performance.md): a creation that fails AFTER that (the database
  // fails, the process dies) leaves a gap in the tenant's references. With
  // a key, or on SQLite (one writer at a time anyway), the number is taken
  // inside the transaction and rolls back with it: no gaps.
  const bool number_first =
      db_.dialect() == Dialect::kPostgresql && options.idempotency_key.empty();
  long long number = 0;
  if (number_first) {
    Result<engine::Decision> dry =
        decide(case_id, FormatReference(prefix, year, 0));
    if (!dry.ok()) return dry.status();
    STAFETT_RETURN_IF_ERROR(ValidateDecision(dry.value()));
    number = AllocateNumberAsync(sql, tenant, year);
  }
  WriteTransaction tx(sql, db_.dialect());
  if (!options.idempotency_key.empty()) {
    if (auto replay = Replay(
            ClaimKey(sql, tenant, options, now,
                     Cutoff(now, RetentionOf(tenant, "").idempotency_keys)),
            options)) {
      return std::move(*replay);
    }
  }
  if (!number_first) number = allocate();
  const std::string reference = FormatReference(prefix, year, number);

  Result<engine::Decision> decided = decide(case_id, reference);
  if (!decided.ok()) return decided.status();
  engine::Decision& d = decided.value();
  STAFETT_RETURN_IF_ERROR(ValidateDecision(d));
  d.snapshot.case_id = case_id;
  d.snapshot.tenant = tenant;
  d.snapshot.reference = reference;
  d.snapshot.version = 1;

  auto journal = ChainJournal(d.snapshot, 0, "", d.journal);
  const std::int64_t journal_seq = static_cast<std::int64_t>(journal.size());
  const std::string head = journal.empty() ? "" : journal.back().hash;
  // The case row and its history: one statement on PostgreSQL.
  StatementBatch batch(db_.dialect());
  AddInsertCase(batch, d.snapshot, now, journal_seq, head);
  const auto planner = std::atomic_load(&planner_);
  const int left = AddHistory(batch, d, journal, now, planner.get());
  CommandOutcome out;
  if (options.respond) out.response = options.respond(d.snapshot);
  if (!options.idempotency_key.empty()) {
    AddAnswer(batch, tenant, options, case_id, out.response);
  }
  STAFETT_RETURN_IF_ERROR(CheckHistoryCounts(d, left, batch.Run(sql)));
  tx.Commit();
  out.snapshot = std::move(d.snapshot);
  return out;
}

Result<CommandOutcome> CaseStore::ExecuteCommand(
    const std::string& tenant, const std::string& case_id,
    std::optional<std::int64_t> expected_version, const CommandDecider& decide,
    const WriteOptions& options) {
  auto lease = db_.Acquire();
  soci::session& sql = *lease;
  for (int attempt = 1;; ++attempt) {
    const TimePoint now = clock_.Now();
    WriteTransaction tx(sql, db_.dialect());
    if (!options.idempotency_key.empty()) {
      if (auto replay = Replay(
              ClaimKey(sql, tenant, options, now,
                       Cutoff(now, RetentionOf(tenant, "").idempotency_keys)),
              options)) {
        return std::move(*replay);
      }
    }
    // On PostgreSQL the row is locked from here to commit: a concurrent
    // command on the case waits for ours and then reads our version, so
    // the writes below (one statement, store/sql/statement_batch.h) cannot
    // lose a race half-way. SQLite's BEGIN IMMEDIATE already serialised us.
    std::optional<CaseRow> row =
        LoadCase(sql, tenant, case_id, db_.dialect() == Dialect::kPostgresql);
    if (!row) return Status::NotFound("saken finnes ikke");
    const std::int64_t old_version = row->snapshot.version;
    if (expected_version && *expected_version != old_version) {
      return Status(Code::kStaleVersion, "saken er endret (versjon " +
                                             std::to_string(old_version) +
                                             "); hent den på nytt");
    }

    Result<engine::Decision> decided = decide(row->snapshot);
    if (!decided.ok()) return decided.status();
    engine::Decision& d = decided.value();
    STAFETT_RETURN_IF_ERROR(ValidateDecision(d));
    d.snapshot.case_id = row->snapshot.case_id;
    d.snapshot.tenant = row->snapshot.tenant;
    d.snapshot.reference = row->snapshot.reference;
    d.snapshot.version = old_version + 1;

    auto journal = ChainJournal(d.snapshot, row->journal_seq, row->journal_head,
                                d.journal);
    const std::int64_t journal_seq =
        row->journal_seq + static_cast<std::int64_t>(journal.size());
    const std::string head =
        journal.empty() ? row->journal_head : journal.back().hash;
    StatementBatch batch(db_.dialect());
    const int update =
        AddUpdateCase(batch, d.snapshot, old_version, now, journal_seq, head);
    const auto planner = std::atomic_load(&planner_);
    const int left = AddHistory(batch, d, journal, now, planner.get());
    CommandOutcome out;
    if (options.respond) out.response = options.respond(d.snapshot);
    if (!options.idempotency_key.empty()) {
      AddAnswer(batch, tenant, options, case_id, out.response);
    }
    const std::vector<long long> counts = batch.Run(sql);
    // With the row lock (PostgreSQL) and the write lock (SQLite) the version
    // cannot have moved since LoadCase; kept as the guard it always was.
    if (counts[update] != 1) {
      tx.Rollback();
      if (!expected_version && attempt < kMaxAttempts) continue;
      return Status(Code::kStaleVersion,
                    "saken ble endret samtidig; prøv igjen");
    }
    STAFETT_RETURN_IF_ERROR(CheckHistoryCounts(d, left, counts));
    // Only commands on closed cases (or closing one) pay this statement.
    if (d.snapshot.status == engine::CaseStatus::kClosed ||
        row->snapshot.status == engine::CaseStatus::kClosed) {
      WriteRemoveAfter(sql, d.snapshot,
                       RetentionOf(tenant, d.snapshot.routine_id));
    }
    tx.Commit();
    out.snapshot = std::move(d.snapshot);
    return out;
  }
}

void CaseStore::RecordAccess(const AccessRecord& r) {
  auto lease = db_.Acquire();
  SqlParams p;
  p.Text("id", NewId())
      .Text("tenant", r.tenant)
      .Text("case_id", r.case_id)
      .Text("actor_service", r.actor_service)
      .Text("actor_role", RoleText(r.actor_role))
      .Int("at", ToMillis(r.at))
      .Text("action", r.action)
      .Text("reason", r.reason)
      .Text("actor_person", r.actor_person);
  // Durable without a WAL flush of its own (store/access/access_write.h).
  InsertAccessRow(*lease, db_.dialect(),
                  "id, tenant, case_id, actor_service, actor_role, at, "
                  "action, reason, actor_person",
                  ":id, :tenant, :case_id, :actor_service, :actor_role, :at, "
                  ":action, :reason, :actor_person",
                  p);
}

}  // namespace stafett::store
