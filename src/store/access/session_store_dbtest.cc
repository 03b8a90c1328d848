// The SessionStore contract (store/access/session_store.h) on SQLite and
// PostgreSQL: secrets are stored only hashed, idle and absolute timeouts
// with time passed in, the once-a-minute refresh, revocation, retention.
#include <chrono>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "core/sha256.h"
#include "store/access/session_store.h"
#include "store/sql/test_db.h"

namespace stafett::store {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const TimePoint kT0 = FromMillis(1780000000000);  // 2026-05-28

class SessionStoreTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = OpenMigrated(3);
    ASSERT_NE(db_, nullptr);
    sessions_ = std::make_unique<SessionStore>(*db_);
  }

  NewSession Who(const std::string& person = "p-1") {
    NewSession n;
    n.tenant = "demo";
    n.service = "demo_skole";
    n.role = engine::Role::kCoordinator;
    n.person_id = person;
    n.source = "dev";
    return n;
  }

  long long Count(const std::string& where = "1 = 1") {
    auto lease = db_->Acquire();
    long long n = 0;
    *lease << "select count(*) from sessions where " + where, soci::into(n);
    return n;
  }

  long long LastSeen(const std::string& id_hash) {
    auto lease = db_->Acquire();
    long long v = 0;
    *lease << "select last_seen_at from sessions where id_hash = :h",
        soci::use(id_hash, "h"), soci::into(v);
    return v;
  }

  std::unique_ptr<Database> db_;
  std::unique_ptr<SessionStore> sessions_;
};

TEST_P(SessionStoreTest, CreateGivesASecretThatFindsTheSession) {
  auto c = sessions_->Create(Who(), kT0);
  EXPECT_EQ(c.secret.size(), 64u);
  EXPECT_EQ(c.session.csrf_token.size(), 64u);
  EXPECT_NE(c.secret, c.session.csrf_token);
  auto found = sessions_->Find(c.secret, kT0 + seconds(1));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->tenant, "demo");
  EXPECT_EQ(found->service, "demo_skole");
  EXPECT_EQ(found->role, engine::Role::kCoordinator);
  EXPECT_EQ(found->person_id, "p-1");
  EXPECT_EQ(found->source, "dev");
  EXPECT_EQ(found->csrf_token, c.session.csrf_token);
  EXPECT_EQ(found->created_at, kT0);
  EXPECT_EQ(found->absolute_expires_at, kT0 + hours(10));
  EXPECT_FALSE(found->revoked_at);
}

TEST_P(SessionStoreTest, OnlyTheHashOfTheSecretIsStored) {
  auto c = sessions_->Create(Who(), kT0);
  EXPECT_EQ(Count("id_hash = '" + Sha256Hex(c.secret) + "'"), 1);
  EXPECT_EQ(Count("id_hash = '" + c.secret + "'"), 0);
  // The hash itself is not a key that opens the session.
  EXPECT_FALSE(sessions_->Find(Sha256Hex(c.secret), kT0));
}

TEST_P(SessionStoreTest, UnknownAndMalformedSecretsFindNothing) {
  sessions_->Create(Who(), kT0);
  EXPECT_FALSE(sessions_->Find("", kT0));
  EXPECT_FALSE(sessions_->Find(std::string(64, 'a'), kT0));
  EXPECT_FALSE(sessions_->Find("' or 1=1 --", kT0));
  EXPECT_FALSE(sessions_->Find(std::string(100000, 'b'), kT0));
}

TEST_P(SessionStoreTest, IdleTimeoutEndsASessionThatIsNotUsed) {
  auto c = sessions_->Create(Who(), kT0);
  EXPECT_TRUE(sessions_->Find(c.secret, kT0 + minutes(29)));
  // Used at 29 min: idle counts from then.
  EXPECT_TRUE(sessions_->Find(c.secret, kT0 + minutes(58)));
  EXPECT_FALSE(sessions_->Find(c.secret, kT0 + minutes(58) + minutes(30)));
}

TEST_P(SessionStoreTest, IdleTimeoutIsExactWithoutUse) {
  auto c = sessions_->Create(Who(), kT0);
  EXPECT_TRUE(sessions_->Find(c.secret, kT0 + minutes(30) - seconds(1)));
  auto d = sessions_->Create(Who("p-2"), kT0);
  EXPECT_FALSE(sessions_->Find(d.secret, kT0 + minutes(30)));
}

TEST_P(SessionStoreTest, AbsoluteTimeoutEndsEvenABusySession) {
  auto c = sessions_->Create(Who(), kT0);
  TimePoint t = kT0;
  // Used every 20 minutes: never idle, but not past ten hours.
  while (t + minutes(20) < kT0 + hours(10)) {
    t += minutes(20);
    ASSERT_TRUE(sessions_->Find(c.secret, t)) << (t - kT0).count();
  }
  EXPECT_FALSE(sessions_->Find(c.secret, kT0 + hours(10)));
}

TEST_P(SessionStoreTest, LastSeenIsRefreshedAtMostOncePerMinute) {
  auto c = sessions_->Create(Who(), kT0);
  const std::string h = Sha256Hex(c.secret);
  ASSERT_TRUE(sessions_->Find(c.secret, kT0 + seconds(30)));
  EXPECT_EQ(LastSeen(h), ToMillis(kT0));
  ASSERT_TRUE(sessions_->Find(c.secret, kT0 + seconds(61)));
  EXPECT_EQ(LastSeen(h), ToMillis(kT0 + seconds(61)));
  ASSERT_TRUE(sessions_->Find(c.secret, kT0 + seconds(90)));
  EXPECT_EQ(LastSeen(h), ToMillis(kT0 + seconds(61)));
}

TEST_P(SessionStoreTest, RevokeEndsTheSessionAtOnce) {
  auto c = sessions_->Create(Who(), kT0);
  auto other = sessions_->Create(Who(), kT0);
  EXPECT_TRUE(sessions_->Revoke(c.secret, kT0 + seconds(1)));
  EXPECT_FALSE(sessions_->Find(c.secret, kT0 + seconds(1)));
  EXPECT_FALSE(sessions_->Revoke(c.secret, kT0 + seconds(2)));  // already
  EXPECT_TRUE(sessions_->Find(other.secret, kT0 + seconds(1)));
  // A refresh after the revocation does not bring it back.
  EXPECT_FALSE(sessions_->Find(c.secret, kT0 + minutes(5)));
}

TEST_P(SessionStoreTest, RevokeForPersonEndsAllTheirSessions) {
  auto a = sessions_->Create(Who("p-1"), kT0);
  auto b = sessions_->Create(Who("p-1"), kT0 + seconds(5));
  auto c = sessions_->Create(Who("p-2"), kT0);
  EXPECT_EQ(sessions_->RevokeForPerson("p-1", kT0 + minutes(1)), 2);
  EXPECT_FALSE(sessions_->Find(a.secret, kT0 + minutes(1)));
  EXPECT_FALSE(sessions_->Find(b.secret, kT0 + minutes(1)));
  EXPECT_TRUE(sessions_->Find(c.secret, kT0 + minutes(1)));
  EXPECT_EQ(sessions_->RevokeForPerson("p-1", kT0 + minutes(2)), 0);
}

TEST_P(SessionStoreTest, SessionsAreDeletedADayAfterTheyExpire) {
  sessions_->Create(Who("old"), kT0);
  EXPECT_EQ(Count(), 1);
  sessions_->Create(Who("new"), kT0 + hours(10) + hours(23));
  EXPECT_EQ(Count(), 2);
  sessions_->Create(Who("newer"), kT0 + hours(10) + hours(25));
  EXPECT_EQ(Count("person_id = 'old'"), 0);
  EXPECT_EQ(Count(), 2);
}

TEST_P(SessionStoreTest, TimeoutsAreConfigurable) {
  SessionTimeouts t;
  t.idle = minutes(5);
  t.absolute = minutes(20);
  SessionStore short_lived(*db_, t);
  auto c = short_lived.Create(Who(), kT0);
  EXPECT_TRUE(short_lived.Find(c.secret, kT0 + minutes(4)));
  EXPECT_FALSE(short_lived.Find(c.secret, kT0 + minutes(10)));
  EXPECT_EQ(c.session.ExpiresAt(t), kT0 + minutes(5));
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionStoreTest,
                         ::testing::Values("sqlite", "postgresql"),
                         BackendName);

}  // namespace
}  // namespace stafett::store
