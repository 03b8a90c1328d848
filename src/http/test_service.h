// Test support: a real HttpService on 127.0.0.1:0 over a fresh, migrated
// database of the test's backend (store/sql/test_db.h: "sqlite" or
// "postgresql"), serving the repository's workflows/ routines.
//
// The clock is a ManualClock (tests move it to make deadlines pass); tokens
// are issued against it. The service logs into an in-memory stream that
// tests can read.
#ifndef STAFETT_HTTP_TEST_SERVICE_H_
#define STAFETT_HTTP_TEST_SERVICE_H_

#include <memory>
#include <sstream>
#include <string>

#include "core/time.h"
#include "http/access_log.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/routine_catalog.h"
#include "http/server.h"
#include "http/shared_services.h"
#include "http/test_client.h"
#include "store/access/session_store.h"
#include "store/cases/case_store.h"
#include "store/sql/test_db.h"

namespace stafett::http::testing {

inline const std::string kTestSecret =
    "http-test-secret-http-test-secret-0123456789";
// 2026-05-28T20:26:40Z, a Thursday (22:26:40 in Oslo).
inline const TimePoint kTestStart = FromMillis(1'780'000'000'000);

class ServiceTest : public store::DatabaseTest {
 protected:
  void SetUp() override;
  void TearDown() override;

  std::string Token(const std::string& tenant, const std::string& service,
                    engine::Role role = engine::Role::kWorker) const;
  // Everything the service logged so far.
  std::string LogText() const;

  // Set before ServiceTest::SetUp runs to serve otherwise: the listener's
  // host and the browser options (default: loopback with dev sign-in).
  std::string listen_host_ = "127.0.0.1";
  WebOptions web_options_{true, true, "", ""};
  // Services shared between municipalities (shared_services.h); null: none.
  const SharedServices* shared_ = nullptr;

  // Nullptr until SetUp ran (and when the test was skipped).
  std::unique_ptr<Client> client_;
  ManualClock clock_{kTestStart};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::CaseStore> store_;
  std::unique_ptr<RoutineCatalog> catalog_;
  std::unique_ptr<TokenVerifier> verifier_;
  std::unique_ptr<store::SessionStore> sessions_;
  std::ostringstream log_stream_;
  std::unique_ptr<Log> log_;
  std::unique_ptr<Api> api_;
  std::unique_ptr<HttpService> service_;
};

}  // namespace stafett::http::testing

#endif  // STAFETT_HTTP_TEST_SERVICE_H_
