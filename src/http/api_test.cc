// Api without a database: routing, authentication and content-type checks
// happen before any route touches the store, so they are tested here with
// null store and catalog. The OpenAPI document is checked against the
// routes.
#include "http/api.h"

#include <set>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include "http/routes.h"

namespace stafett::http {
namespace {

const std::string kSecret = "api-test-secret-api-test-secret-0123";
const TimePoint kNow = FromMillis(1'780'000'000'000);

class ApiTest : public ::testing::Test {
 protected:
  ApiTest() : clock_(kNow), verifier_(kSecret), log_(nullptr) {
    ApiDeps deps;
    deps.clock = &clock_;
    deps.verifier = &verifier_;
    deps.log = &log_;
    api_ = std::make_unique<Api>(deps);
  }

  Response Call(std::string method, std::string path,
                std::map<std::string, std::string> headers = {},
                std::string body = "") {
    Request req;
    req.method = std::move(method);
    req.path = std::move(path);
    req.headers = std::move(headers);
    req.body = std::move(body);
    req.request_id = "test";
    std::string route;
    return api_->Handle(req, &route);
  }

  std::string Bearer(engine::Role role = engine::Role::kWorker) {
    return "Bearer " + IssueToken(kSecret,
                                  engine::Actor{"nesseby", "skole-a", role},
                                  kNow, std::chrono::hours(1));
  }

  ManualClock clock_;
  TokenVerifier verifier_;
  Log log_;
  std::unique_ptr<Api> api_;
};

std::string HeaderOf(const Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

TEST_F(ApiTest, HealthzNeedsNoToken) {
  Response r = Call("GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "{\"status\":\"ok\"}");
}

TEST_F(ApiTest, UnknownPathIsProblem404) {
  Response r = Call("GET", "/api/v1/nothing");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/problem+json");
}

TEST_F(ApiTest, WrongMethodIs405WithAllow) {
  Response r = Call("DELETE", "/api/v1/cases");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(HeaderOf(r, "Allow"), "GET, POST");
  EXPECT_EQ(r.content_type, "application/problem+json");
}

TEST_F(ApiTest, MissingTokenIs401WithChallenge) {
  Response r = Call("GET", "/api/v1/routines");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(HeaderOf(r, "WWW-Authenticate").rfind("Bearer", 0), 0u);
  r = Call("GET", "/api/v1/openapi.json");
  EXPECT_EQ(r.status, 401);
}

TEST_F(ApiTest, TokenCheckedBeforeBody) {
  Response r = Call("POST", "/api/v1/cases", {{"content-type", "text/plain"}},
                    "garbage");
  EXPECT_EQ(r.status, 401);
}

TEST_F(ApiTest, PostWithoutJsonContentTypeIs415) {
  Response r =
      Call("POST", "/api/v1/cases",
           {{"authorization", Bearer()}, {"content-type", "text/plain"}}, "{}");
  EXPECT_EQ(r.status, 415);
  r = Call("POST", "/api/v1/cases", {{"authorization", Bearer()}}, "{}");
  EXPECT_EQ(r.status, 415);
}

TEST_F(ApiTest, AuditorMayNotCreateOrReadCases) {
  const auto auditor = Bearer(engine::Role::kAuditor);
  Response r = Call("POST", "/api/v1/cases",
                    {{"authorization", auditor},
                     {"content-type", "application/json; charset=utf-8"}},
                    "{}");
  EXPECT_EQ(r.status, 403);
  r = Call("GET", "/api/v1/cases/0123456789abcdef0123456789abcdef",
           {{"authorization", auditor}});
  EXPECT_EQ(r.status, 403);
}

TEST_F(ApiTest, OpenApiDocumentMatchesTheRoutes) {
  Response r =
      Call("GET", "/api/v1/openapi.json", {{"authorization", Bearer()}});
  ASSERT_EQ(r.status, 200);
  Poco::JSON::Parser parser;
  auto doc = parser.parse(r.body).extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ(doc->getValue<std::string>("openapi").substr(0, 2), "3.");
  auto paths = doc->getObject("paths");
  std::set<std::string> documented;
  for (const auto& path : paths->getNames()) {
    for (const auto& method : paths->getObject(path)->getNames()) {
      std::string upper = method;
      for (auto& c : upper) c = static_cast<char>(std::toupper(c));
      documented.insert(upper + " " + path);
    }
  }
  std::set<std::string> served;
  for (const auto& e : api_->router().entries()) {
    served.insert(e.method + " " + e.pattern);
  }
  EXPECT_EQ(documented, served);
}

}  // namespace
}  // namespace stafett::http
