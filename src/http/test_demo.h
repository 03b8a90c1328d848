// Test support: ServiceTest with helpers for the demo tenant of
// workflows/bti.yaml (a school and the health service) and for checking
// problem+json answers. Each *_dbtest.cc derives its own fixture from it so
// that each file instantiates its own suites.
#ifndef STAFETT_HTTP_TEST_DEMO_H_
#define STAFETT_HTTP_TEST_DEMO_H_

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "http/test_service.h"

namespace stafett::http::testing {

inline constexpr char kDemo[] = "demo";  // workflows/bti.yaml
inline constexpr char kSchool[] = "demo_skole";
inline constexpr char kHealth[] = "helsestasjon";

inline constexpr char kConcern[] =
    R"({"age_band":"6-12","categories":["trivsel","fravær"],"text":"Eleven virker sliten og trekker seg unna i friminuttene."})";

class DemoApiTest : public ServiceTest {
 protected:
  std::string School(engine::Role role = engine::Role::kWorker) {
    return Token(kDemo, kSchool, role);
  }
  std::string Health() { return Token(kDemo, kHealth); }

  // Logs a concern as the school; returns the 201 reply.
  Reply Create(const std::string& body = kConcern, Headers extra = {}) {
    return client_->Post("/api/v1/cases", School(), body, std::move(extra));
  }

  Reply Command(const std::string& token, const std::string& id,
                long long version, const std::string& body,
                Headers extra = {}) {
    if (version >= 0) {
      extra.emplace_back("If-Match", "\"" + std::to_string(version) + "\"");
    }
    return client_->Post("/api/v1/cases/" + id + "/commands", token, body,
                         std::move(extra));
  }

  // Applies a command that must succeed; returns the new version.
  long long Must(const std::string& token, const std::string& id,
                 long long version, const std::string& body) {
    Reply r = Command(token, id, version, body);
    EXPECT_EQ(r.status, 200) << body << "\n" << r.body;
    EXPECT_EQ(r.Header("etag"), "\"" + std::to_string(version + 1) + "\"");
    return r.Int("version");
  }

  static std::string Outcome(const std::string& name,
                             const std::string& fields = "{}") {
    return R"({"type":"outcome","outcome":")" + name + R"(","fields":)" +
           fields + "}";
  }

  static void ExpectProblem(const Reply& r, int status,
                            const std::string& field = "") {
    EXPECT_EQ(r.status, status) << r.body << r.error;
    EXPECT_EQ(r.Header("content-type"), "application/problem+json") << r.body;
    auto j = r.Json();
    ASSERT_TRUE(j) << r.body;
    EXPECT_EQ(j->getValue<int>("status"), status);
    EXPECT_FALSE(j->getValue<std::string>("title").empty());
    EXPECT_FALSE(j->getValue<std::string>("detail").empty());
    EXPECT_EQ(j->getValue<std::string>("type").rfind("urn:stafett:problem:", 0),
              0u);
    if (!field.empty()) {
      EXPECT_EQ(r.Str("field"), field) << r.body;
    }
  }

  std::vector<store::StoredJournalEntry> Journal(const std::string& id) {
    return store_->Journal(kDemo, id);
  }
};

}  // namespace stafett::http::testing

#endif  // STAFETT_HTTP_TEST_DEMO_H_
