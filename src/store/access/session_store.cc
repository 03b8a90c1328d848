#include "store/access/session_store.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <stdexcept>

#include <soci/soci.h>
#include <sys/random.h>

#include "core/sha256.h"
#include "store/sql/sql_params.h"

namespace stafett::store {
namespace {

// Rows stay this long after their absolute expiry, then Create deletes them.
constexpr Millis kKeepAfterExpiry = std::chrono::hours(24);

std::string RandomHex(std::size_t bytes) {
  std::array<std::uint8_t, 64> buf{};
  if (bytes > buf.size()) throw std::logic_error("RandomHex: too many bytes");
  std::size_t got = 0;
  while (got < bytes) {
    ssize_t n = getrandom(buf.data() + got, bytes - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("getrandom failed");
    }
    got += static_cast<std::size_t>(n);
  }
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(bytes * 2);
  for (std::size_t i = 0; i < bytes; ++i) {
    out.push_back(kHex[buf[i] >> 4]);
    out.push_back(kHex[buf[i] & 0xF]);
  }
  return out;
}

// A cookie value is exactly what NewSessionSecret makes; anything else is
// not worth a query (and never reaches SQL unhashed anyway).
bool LooksLikeSecret(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::optional<Session> Load(soci::session& sql, const std::string& id_hash) {
  Session s;
  s.id_hash = id_hash;
  std::string role;
  long long created = 0, seen = 0, abs = 0, revoked = 0;
  soci::indicator revoked_ind = soci::i_null;
  sql << "select tenant, service, role, person_id, csrf_token, created_at, "
         "last_seen_at, absolute_expires_at, revoked_at, source from sessions "
         "where id_hash = :h",
      soci::use(id_hash, "h"), soci::into(s.tenant), soci::into(s.service),
      soci::into(role), soci::into(s.person_id), soci::into(s.csrf_token),
      soci::into(created), soci::into(seen), soci::into(abs),
      soci::into(revoked, revoked_ind), soci::into(s.source);
  if (!sql.got_data()) return std::nullopt;
  auto r = engine::ParseRole(role);
  if (!r) return std::nullopt;  // the CHECK constraint makes this a bug
  s.role = *r;
  s.created_at = FromMillis(created);
  s.last_seen_at = FromMillis(seen);
  s.absolute_expires_at = FromMillis(abs);
  if (revoked_ind == soci::i_ok) s.revoked_at = FromMillis(revoked);
  return s;
}

}  // namespace

TimePoint Session::ExpiresAt(const SessionTimeouts& t) const {
  return std::min(last_seen_at + t.idle, absolute_expires_at);
}

std::string NewSessionSecret() { return RandomHex(32); }

SessionStore::SessionStore(Database& db, SessionTimeouts timeouts)
    : db_(db), timeouts_(timeouts) {}

SessionStore::Created SessionStore::Create(const NewSession& who,
                                           TimePoint now) {
  Created out;
  out.secret = NewSessionSecret();
  Session& s = out.session;
  s.id_hash = Sha256Hex(out.secret);
  s.tenant = who.tenant;
  s.service = who.service;
  s.role = who.role;
  s.person_id = who.person_id;
  s.csrf_token = RandomHex(32);
  s.created_at = now;
  s.last_seen_at = now;
  s.absolute_expires_at = now + timeouts_.absolute;
  s.source = who.source;

  auto lease = db_.Acquire();
  soci::session& sql = *lease;
  WriteTransaction tx(sql, db_.dialect());
  SqlParams p;
  p.Text("h", s.id_hash)
      .Text("tenant", s.tenant)
      .Text("service", s.service)
      .Text("role", engine::RoleName(s.role))
      .Text("person", s.person_id)
      .Text("csrf", s.csrf_token)
      .Int("now", ToMillis(now))
      .Int("abs", ToMillis(s.absolute_expires_at))
      .Text("source", s.source);
  ExecCount(sql,
            "insert into sessions (id_hash, tenant, service, role, person_id, "
            "csrf_token, created_at, last_seen_at, absolute_expires_at, "
            "revoked_at, source) values (:h, :tenant, :service, :role, "
            ":person, :csrf, :now, :now, :abs, null, :source)",
            p);
  // Retention: sessions that ended more than a day ago.
  SqlParams old;
  old.Int("before", ToMillis(now - kKeepAfterExpiry));
  ExecCount(sql, "delete from sessions where absolute_expires_at < :before",
            old);
  tx.Commit();
  return out;
}

std::optional<Session> SessionStore::Find(std::string_view secret,
                                          TimePoint now) {
  if (!LooksLikeSecret(secret)) return std::nullopt;
  const std::string id_hash = Sha256Hex(secret);
  auto lease = db_.Acquire();
  soci::session& sql = *lease;
  std::optional<Session> s = Load(sql, id_hash);
  if (!s || s->revoked_at) return std::nullopt;
  if (now >= s->absolute_expires_at) return std::nullopt;
  if (now >= s->last_seen_at + timeouts_.idle) return std::nullopt;
  if (now - s->last_seen_at >= timeouts_.touch_every) {
    // Guarded so that a concurrent revocation is never undone and a clock
    // running backwards never moves last_seen_at back.
    SqlParams p;
    p.Int("now", ToMillis(now)).Text("h", id_hash);
    ExecCount(sql,
              "update sessions set last_seen_at = :now where id_hash = :h "
              "and revoked_at is null and last_seen_at < :now",
              p);
    s->last_seen_at = now;
  }
  return s;
}

bool SessionStore::Revoke(std::string_view secret, TimePoint now) {
  if (!LooksLikeSecret(secret)) return false;
  auto lease = db_.Acquire();
  SqlParams p;
  p.Int("now", ToMillis(now)).Text("h", Sha256Hex(secret));
  return ExecCount(*lease,
                   "update sessions set revoked_at = :now where id_hash = :h "
                   "and revoked_at is null",
                   p) > 0;
}

int SessionStore::RevokeForPerson(const std::string& person_id, TimePoint now) {
  auto lease = db_.Acquire();
  SqlParams p;
  p.Int("now", ToMillis(now)).Text("person", person_id);
  return static_cast<int>(
      ExecCount(*lease,
                "update sessions set revoked_at = :now where person_id = "
                ":person and revoked_at is null and absolute_expires_at > :now",
                p));
}

int SessionStore::RevokeForPersonInTenant(const std::string& tenant,
                                          const std::string& person_id,
                                          TimePoint now) {
  auto lease = db_.Acquire();
  SqlParams p;
  p.Int("now", ToMillis(now)).Text("person", person_id).Text("tenant", tenant);
  return static_cast<int>(ExecCount(
      *lease,
      "update sessions set revoked_at = :now where tenant = :tenant and "
      "person_id = :person and revoked_at is null and absolute_expires_at > "
      ":now",
      p));
}

}  // namespace stafett::store
