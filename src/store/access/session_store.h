// SessionStore: browser sessions (table `sessions`, migration 0060). The
// web app signs in once (development sign-in today, OIDC with the identity
// work) and then carries a cookie; the cookie's value is a random secret
// that this store hands out once, at Create, and afterwards knows only by
// its SHA-256. A stolen copy of the table therefore signs nobody in.
//
// Life of a session:
//   Create -> usable until one of:
//     - revoked (Revoke: logout; RevokeForPerson: the person is signed out
//       everywhere);
//     - idle: no Find for `idle` (default 30 min) since last_seen_at;
//     - absolute: `absolute` (default 10 h) after created_at, however busy.
//   Find refreshes last_seen_at, but at most once per `touch_every`
//   (default 1 min), so that a page's burst of requests costs one write,
//   not one per request. The idle timeout is therefore exact to within
//   touch_every.
// Rows are deleted a day after their absolute expiry (Create sweeps them),
// so sessions have a retention without a background job.
//
// Time: every method takes `now`; the store reads no clock itself, so tests
// inject time by passing it.
//
// Errors: database failures throw soci::soci_error; PoolTimeout as in
// store/sql/database.h. "No such session" is a value (nullopt / false / 0).
//
// Thread-safety: all methods are safe from many threads; each uses its own
// pooled session. The Database must outlive the store.
#ifndef STAFETT_STORE_ACCESS_SESSION_STORE_H_
#define STAFETT_STORE_ACCESS_SESSION_STORE_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"
#include "engine/case.h"
#include "store/sql/database.h"

namespace stafett::store {

struct SessionTimeouts {
  Millis idle = std::chrono::minutes(30);
  Millis absolute = std::chrono::hours(10);
  Millis touch_every = std::chrono::minutes(1);
};

// Who a session is for. `source` is "dev" or "oidc".
struct NewSession {
  std::string tenant;
  std::string service;
  engine::Role role = engine::Role::kWorker;
  std::string person_id;  // a keyed hash, never a name
  std::string source = "dev";
};

struct Session {
  std::string id_hash;  // SHA-256 hex of the cookie secret
  std::string tenant;
  std::string service;
  engine::Role role = engine::Role::kWorker;
  std::string person_id;
  std::string csrf_token;  // sent back by the app in X-CSRF-Token
  TimePoint created_at;
  TimePoint last_seen_at;
  TimePoint absolute_expires_at;
  std::optional<TimePoint> revoked_at;
  std::string source;

  engine::Actor actor() const { return {tenant, service, role, person_id}; }
  // When the session ends if nothing more happens: the earlier of the idle
  // and the absolute expiry.
  TimePoint ExpiresAt(const SessionTimeouts& t) const;
};

// 64 hex characters from the operating system's CSPRNG (getrandom).
std::string NewSessionSecret();

class SessionStore {
 public:
  explicit SessionStore(Database& db, SessionTimeouts timeouts = {});

  struct Created {
    std::string secret;  // the cookie value; not stored, never shown again
    Session session;
  };
  Created Create(const NewSession& who, TimePoint now);

  // The live session whose cookie value is `secret` at `now`; nullopt when
  // unknown, revoked, idle-expired or absolute-expired.
  std::optional<Session> Find(std::string_view secret, TimePoint now);

  // Ends the session at once. False when it was unknown or already revoked.
  bool Revoke(std::string_view secret, TimePoint now);
  // Ends every live session of the person; returns how many.
  int RevokeForPerson(const std::string& person_id, TimePoint now);
  // The same, limited to one tenant's sessions (an administrator revokes
  // within their own municipality only).
  int RevokeForPersonInTenant(const std::string& tenant,
                              const std::string& person_id, TimePoint now);

  const SessionTimeouts& timeouts() const { return timeouts_; }

 private:
  Database& db_;
  SessionTimeouts timeouts_;
};

}  // namespace stafett::store

#endif  // STAFETT_STORE_ACCESS_SESSION_STORE_H_
