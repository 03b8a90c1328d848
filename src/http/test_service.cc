#include "http/test_service.h"

#include "routine/loader.h"
#include "store/routines/routine_versions.h"

namespace stafett::http::testing {

void ServiceTest::SetUp() {
  store::DatabaseTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  // Workers plus spare sessions, as serve sizes it.
  db_ = OpenMigrated(18);
  ASSERT_NE(db_, nullptr);
  store_ = std::make_unique<store::CaseStore>(*db_, clock_);
  catalog_ = std::make_unique<RoutineCatalog>(
      [this](const std::string& hash) { return store_->RoutineSource(hash); });
#ifdef STAFETT_SOURCE_DIR
  const std::string dir = std::string(STAFETT_SOURCE_DIR) + "/workflows";
#else
  const std::string dir = "workflows";
#endif
  for (const auto& loaded : routine::LoadRoutineDir(dir)) {
    ASSERT_TRUE(loaded.ok())
        << (loaded.diagnostics.empty() ? std::string("?")
                                       : loaded.diagnostics[0].ToString());
    store_->SaveRoutineVersion(*loaded.routine);
    ASSERT_TRUE(catalog_->Add(loaded.routine).ok());
  }
  verifier_ = std::make_unique<TokenVerifier>(kTestSecret);
  log_ = std::make_unique<Log>(&log_stream_);
  ApiDeps deps;
  deps.store = store_.get();
  deps.routines = catalog_.get();
  deps.verifier = verifier_.get();
  deps.clock = &clock_;
  deps.log = log_.get();
  sessions_ = std::make_unique<store::SessionStore>(*db_);
  deps.sessions = sessions_.get();
  deps.web = web_options_;
  // As serve does after a publish (app/serve_routines.h).
  deps.routines_changed = [this] {
    catalog_->Replace(store::CurrentRoutines(*db_));
  };
  deps.shared = shared_;
  api_ = std::make_unique<Api>(deps);
  ServerOptions options;
  options.host = listen_host_;
  options.port = 0;
  options.max_threads = 16;
  service_ = std::make_unique<HttpService>(options, *api_, *log_);
  service_->Start();
  client_ = std::make_unique<Client>(service_->port());
}

void ServiceTest::TearDown() {
  if (service_) service_->Stop();
  service_.reset();
  api_.reset();
  sessions_.reset();
  store_.reset();
  db_.reset();
  store::DatabaseTest::TearDown();
}

std::string ServiceTest::Token(const std::string& tenant,
                               const std::string& service,
                               engine::Role role) const {
  return IssueToken(kTestSecret, engine::Actor{tenant, service, role},
                    clock_.Now(), std::chrono::hours(12));
}

std::string ServiceTest::LogText() const { return log_stream_.str(); }

}  // namespace stafett::http::testing
