// Web app sessions over real sockets, on SQLite and PostgreSQL: dev
// sign-in, the cookie as an alternative to the bearer token, CSRF, logout,
// timeouts, and where dev sign-in does not exist.
#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include "http/session_auth.h"
#include "http/test_demo.h"

namespace stafett::http::testing {
namespace {

using std::chrono::minutes;

class SessionDbTest : public DemoApiTest {
 protected:
  std::string Origin() const {
    return "http://127.0.0.1:" + std::to_string(client_->port());
  }

  // Signs in through POST /auth/dev/login; returns the Cookie header value.
  std::string SignIn(const std::string& service = kSchool,
                     const std::string& role = "worker") {
    Reply r = client_->Call("POST", "/auth/dev/login", {{"Origin", Origin()}},
                            R"({"tenant":"demo","service":")" + service +
                                R"(","role":")" + role + R"("})");
    EXPECT_EQ(r.status, 204) << r.body;
    std::string set = r.Header("set-cookie");
    return set.substr(0, set.find(';'));
  }

  std::string Csrf(const std::string& cookie) {
    Reply r = client_->Call("GET", "/auth/session", {{"Cookie", cookie}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Str("csrf_token");
  }

  // A POST as the web app sends it: cookie, Origin and X-CSRF-Token.
  Reply AppPost(const std::string& path, const std::string& cookie,
                const std::string& body, Headers extra = {}) {
    Headers h = {{"Cookie", cookie},
                 {"Origin", Origin()},
                 {"X-CSRF-Token", Csrf(cookie)}};
    for (auto& e : extra) h.push_back(e);
    return client_->Call("POST", path, h, body);
  }

  size_t CaseCount() {
    Reply r = client_->Get("/api/v1/cases?status=any", School());
    auto items = r.Json()->getArray("items");
    return items ? items->size() : 0;
  }
};

TEST_P(SessionDbTest, DevLoginSetsAnHttpOnlyStrictCookie) {
  Reply r = client_->Call("POST", "/auth/dev/login", {},
                          R"({"tenant":"demo","service":"demo_skole",)"
                          R"("role":"coordinator"})");
  ASSERT_EQ(r.status, 204) << r.body;
  const std::string set = r.Header("set-cookie");
  EXPECT_EQ(set.rfind("stafett_session=", 0), 0u) << set;
  EXPECT_NE(set.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(set.find("; SameSite=Strict"), std::string::npos);
  EXPECT_NE(set.find("; Path=/"), std::string::npos);
  // Plain HTTP on loopback: no Secure, no __Host- prefix.
  EXPECT_EQ(set.find("Secure"), std::string::npos);
  EXPECT_TRUE(r.body.empty());

  const std::string cookie = set.substr(0, set.find(';'));
  Reply s = client_->Call("GET", "/auth/session", {{"Cookie", cookie}});
  ASSERT_EQ(s.status, 200) << s.body;
  EXPECT_EQ(s.Str("tenant"), "demo");
  EXPECT_EQ(s.Str("service"), "demo_skole");
  EXPECT_EQ(s.Str("role"), "coordinator");
  EXPECT_EQ(s.Str("source"), "dev");
  EXPECT_EQ(s.Str("csrf_token").size(), 64u);
  EXPECT_EQ(s.Str("person_id").size(),
            32u);  // http/person_id.h, never the name
  EXPECT_EQ(s.Str("expires_at"), FormatUtc(clock_.Now() + minutes(30)));
  // The secret is never in a body.
  EXPECT_EQ(s.body.find(cookie.substr(cookie.find('=') + 1)),
            std::string::npos);
}

TEST_P(SessionDbTest, TheCookieGivesTheSameActorAsAToken) {
  const std::string cookie = SignIn();
  Reply created = AppPost("/api/v1/cases", cookie, kConcern);
  ASSERT_EQ(created.status, 201) << created.body;
  auto j = created.Json();
  EXPECT_EQ(j->getValue<std::string>("reporter"), kSchool);
  const std::string id = j->getValue<std::string>("id");
  // The school's token sees it; the cookie reads it too.
  EXPECT_EQ(client_->Get("/api/v1/cases/" + id, School()).status, 200);
  Reply read =
      client_->Call("GET", "/api/v1/cases/" + id, {{"Cookie", cookie}});
  EXPECT_EQ(read.status, 200) << read.body;
  // Another service's cookie gets the same 404 its token would.
  const std::string ppt = SignIn("ppt");
  EXPECT_EQ(
      client_->Call("GET", "/api/v1/cases/" + id, {{"Cookie", ppt}}).status,
      404);
  // Roles scope the same way: an auditor's cookie gets 403.
  const std::string auditor = SignIn(kSchool, "auditor");
  EXPECT_EQ(
      client_->Call("GET", "/api/v1/cases/" + id, {{"Cookie", auditor}}).status,
      403);
  // The request log names the cookie's actor.
  service_->Stop();
  EXPECT_NE(LogText().find("\"service\":\"ppt\""), std::string::npos);
}

TEST_P(SessionDbTest, ACrossOriginPostWithTheCookieIsRefused) {
  const std::string cookie = SignIn();
  const std::string csrf = Csrf(cookie);
  struct Case {
    const char* what;
    Headers headers;
  };
  const std::vector<Case> refused = {
      {"other origin",
       {{"Origin", "http://evil.example"}, {"X-CSRF-Token", csrf}}},
      {"other port",
       {{"Origin", "http://127.0.0.1:1"}, {"X-CSRF-Token", csrf}}},
      {"https vs http",
       {{"Origin", "https://127.0.0.1:" + std::to_string(client_->port())},
        {"X-CSRF-Token", csrf}}},
      {"null origin", {{"Origin", "null"}, {"X-CSRF-Token", csrf}}},
      {"no token", {{"Origin", Origin()}}},
      {"wrong token",
       {{"Origin", Origin()}, {"X-CSRF-Token", std::string(64, '0')}}},
      {"no origin, no fetch metadata", {{"X-CSRF-Token", csrf}}},
      {"cross-site fetch",
       {{"Sec-Fetch-Site", "cross-site"}, {"X-CSRF-Token", csrf}}},
  };
  for (const auto& c : refused) {
    Headers h = c.headers;
    h.emplace_back("Cookie", cookie);
    Reply r = client_->Call("POST", "/api/v1/cases", h, kConcern);
    EXPECT_EQ(r.status, 403) << c.what << "\n" << r.body;
    EXPECT_EQ(r.Str("code"), "csrf_refused") << c.what;
    EXPECT_EQ(r.Header("content-type"), "application/problem+json");
  }
  EXPECT_EQ(CaseCount(), 0u);
  // Same-origin fetch without Origin, with the token: accepted.
  Reply ok = client_->Call("POST", "/api/v1/cases",
                           {{"Cookie", cookie},
                            {"Sec-Fetch-Site", "same-origin"},
                            {"X-CSRF-Token", csrf}},
                           kConcern);
  EXPECT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(CaseCount(), 1u);
  // A GET with the cookie needs no CSRF token.
  EXPECT_EQ(client_->Call("GET", "/api/v1/cases", {{"Cookie", cookie}}).status,
            200);
}

TEST_P(SessionDbTest, ABearerTokenWinsOverTheCookieAndNeedsNoCsrf) {
  const std::string cookie = SignIn();  // the school
  Reply r = client_->Call(
      "POST", "/api/v1/cases",
      {{"Cookie", cookie}, {"Authorization", "Bearer " + Health()}}, kConcern);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Str("reporter"), kHealth);
}

TEST_P(SessionDbTest, LogoutEndsTheSessionAtOnce) {
  const std::string cookie = SignIn();
  const std::string csrf = Csrf(cookie);
  // Logout is an unsafe call: without the CSRF token it is refused and the
  // session lives on.
  Reply refused =
      client_->Call("POST", "/auth/logout",
                    {{"Cookie", cookie}, {"Origin", "http://evil.example"}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(client_->Call("GET", "/auth/session", {{"Cookie", cookie}}).status,
            200);

  Reply out = client_->Call(
      "POST", "/auth/logout",
      {{"Cookie", cookie}, {"Origin", Origin()}, {"X-CSRF-Token", csrf}}, "",
      "");
  ASSERT_EQ(out.status, 204) << out.body;
  EXPECT_NE(out.Header("set-cookie").find("stafett_session=;"),
            std::string::npos);
  EXPECT_NE(out.Header("set-cookie").find("Max-Age=0"), std::string::npos);
  // At once, without moving the clock: the same cookie is dead everywhere.
  ExpectProblem(client_->Call("GET", "/auth/session", {{"Cookie", cookie}}),
                401);
  ExpectProblem(client_->Call("GET", "/api/v1/cases", {{"Cookie", cookie}}),
                401);
  Reply post = client_->Call(
      "POST", "/api/v1/cases",
      {{"Cookie", cookie}, {"Origin", Origin()}, {"X-CSRF-Token", csrf}},
      kConcern);
  ExpectProblem(post, 401);
  // Logging out again is harmless.
  EXPECT_EQ(client_->Call("POST", "/auth/logout", {{"Cookie", cookie}}, "", "")
                .status,
            204);
}

TEST_P(SessionDbTest, AnIdleSessionEndsAfterThirtyMinutes) {
  const std::string cookie = SignIn();
  clock_.Advance(minutes(29));
  EXPECT_EQ(client_->Call("GET", "/api/v1/cases", {{"Cookie", cookie}}).status,
            200);
  clock_.Advance(minutes(29));  // used 29 minutes ago: still alive
  EXPECT_EQ(client_->Call("GET", "/api/v1/cases", {{"Cookie", cookie}}).status,
            200);
  clock_.Advance(minutes(31));
  ExpectProblem(client_->Call("GET", "/api/v1/cases", {{"Cookie", cookie}}),
                401);
}

TEST_P(SessionDbTest, ANewSignInEndsTheOldSession) {
  const std::string first = SignIn();
  Reply r =
      client_->Call("POST", "/auth/dev/login", {{"Cookie", first}},
                    R"({"tenant":"demo","service":"ppt","role":"worker"})");
  ASSERT_EQ(r.status, 204);
  EXPECT_EQ(client_->Call("GET", "/auth/session", {{"Cookie", first}}).status,
            401);
}

TEST_P(SessionDbTest, DevLoginChecksWhatItIsGiven) {
  struct Case {
    std::string body;
    int status;
    std::string field;
  };
  const std::vector<Case> cases = {
      {R"({"tenant":"nowhere","service":"demo_skole","role":"worker"})", 422,
       "tenant"},
      {R"({"tenant":"demo","service":"nowhere","role":"worker"})", 422,
       "service"},
      {R"({"tenant":"demo","service":"demo_skole","role":"king"})", 422,
       "role"},
      {R"({"tenant":"demo","service":"demo_skole"})", 422, "role"},
      {R"({"tenant":"demo","service":"demo_skole","role":"worker","person":"Ola Nordmann"})",
       422, "person"},
      {R"({"tenant":"demo","service":"demo_skole","role":"worker","x":1})", 422,
       "body"},
      {R"({"tenant":5,"service":"demo_skole","role":"worker"})", 422, "tenant"},
      {R"(not json)", 400, ""},
  };
  for (const auto& c : cases) {
    Reply r = client_->Call("POST", "/auth/dev/login", {}, c.body);
    ExpectProblem(r, c.status, c.field);
    EXPECT_TRUE(r.Header("set-cookie").empty()) << c.body;
  }
  // A cross-site page cannot sign the browser in (login CSRF).
  Reply cross = client_->Call(
      "POST", "/auth/dev/login", {{"Origin", "http://evil.example"}},
      R"({"tenant":"demo","service":"demo_skole","role":"worker"})");
  EXPECT_EQ(cross.status, 403);
  EXPECT_TRUE(cross.Header("set-cookie").empty());
}

TEST_P(SessionDbTest, DevOptionsListTenantsServicesAndRoles) {
  Reply r = client_->Call("GET", "/auth/dev/options");
  ASSERT_EQ(r.status, 200) << r.body;
  auto tenants = r.Json()->getArray("tenants");
  ASSERT_TRUE(tenants);
  bool demo = false;
  for (size_t i = 0; i < tenants->size(); ++i) {
    auto t = tenants->getObject(i);
    if (t->getValue<std::string>("id") != "demo") continue;
    demo = true;
    auto title = t->getObject("title");
    for (const char* lang : {"nb", "nn", "se", "en"}) {
      EXPECT_FALSE(title->getValue<std::string>(lang).empty()) << lang;
    }
    auto services = t->getArray("services");
    bool school = false;
    for (size_t k = 0; k < services->size(); ++k) {
      auto s = services->getObject(k);
      if (s->getValue<std::string>("id") == kSchool) {
        school = true;
        EXPECT_EQ(s->getObject("name")->getValue<std::string>("nb"),
                  "Demo barneskole");
      }
    }
    EXPECT_TRUE(school);
  }
  EXPECT_TRUE(demo);
  EXPECT_EQ(r.Json()->getArray("roles")->size(), 5u);
}

TEST_P(SessionDbTest, EveryAnswerCarriesTheSecurityHeaders) {
  for (const Reply& r :
       {client_->Call("GET", "/healthz"), client_->Call("GET", "/api/v1/cases"),
        client_->Call("GET", "/auth/session"),
        client_->Call("GET", "/no/such/path")}) {
    EXPECT_EQ(r.Header("content-security-policy"),
              std::string(kContentSecurityPolicy));
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
    EXPECT_EQ(r.Header("referrer-policy"), "no-referrer");
  }
}

TEST_P(SessionDbTest, DevLoginRefusesRequestsThroughAProxy) {
  const std::string body =
      R"({"tenant":"demo","service":"demo_skole","role":"worker"})";
  for (const Headers& h : {Headers{{"X-Forwarded-For", "203.0.113.9"}},
                           Headers{{"Forwarded", "for=203.0.113.9"}},
                           Headers{{"Host", "stafett.kommune.example"}}}) {
    Reply r = client_->Call("POST", "/auth/dev/login", h, body);
    ExpectProblem(r, 404);
    EXPECT_TRUE(r.Header("set-cookie").empty());
  }
  EXPECT_EQ(client_
                ->Call("GET", "/auth/dev/options",
                       {{"Host", "stafett.kommune.example"}})
                .status,
            404);
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionDbTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

// A loopback server started without dev sign-in (no development secret):
// the routes answer exactly like unknown paths.
class NoDevLoginDbTest : public DemoApiTest {
 protected:
  void SetUp() override {
    web_options_.dev_login = DevLoginAllowed("127.0.0.1", false);
    DemoApiTest::SetUp();
  }
};

TEST_P(NoDevLoginDbTest, DevLoginIsNotFound) {
  ASSERT_FALSE(web_options_.dev_login);
  Reply login = client_->Call(
      "POST", "/auth/dev/login", {},
      R"({"tenant":"demo","service":"demo_skole","role":"worker"})");
  ExpectProblem(login, 404);
  EXPECT_TRUE(login.Header("set-cookie").empty());
  ExpectProblem(client_->Call("GET", "/auth/dev/options"), 404);
  // Bearer tokens work as before.
  EXPECT_EQ(client_->Get("/api/v1/cases", School()).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, NoDevLoginDbTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

// A server listening on all interfaces (not loopback) with a secret: still
// no dev sign-in, and the cookie would be the __Host- one.
class PublicListenerDbTest : public DemoApiTest {
 protected:
  void SetUp() override {
    listen_host_ = "0.0.0.0";
    web_options_.loopback = IsLoopbackHost(listen_host_);
    web_options_.dev_login = DevLoginAllowed(listen_host_, true);
    DemoApiTest::SetUp();
  }
};

TEST_P(PublicListenerDbTest, DevLoginIsNotFound) {
  ASSERT_FALSE(web_options_.dev_login);
  EXPECT_EQ(SessionCookieName(web_options_), "__Host-stafett_session");
  Reply login = client_->Call(
      "POST", "/auth/dev/login", {},
      R"({"tenant":"demo","service":"demo_skole","role":"worker"})");
  ExpectProblem(login, 404);
  EXPECT_TRUE(login.Header("set-cookie").empty());
  ExpectProblem(client_->Call("GET", "/auth/dev/options"), 404);
}

TEST_P(PublicListenerDbTest, TheSecureCookieWorksOverTheProxysOrigin) {
  // A session made some other way (OIDC, later) signs in with the __Host-
  // cookie; CSRF expects the https origin the browser saw.
  store::NewSession n;
  n.tenant = kDemo;
  n.service = kSchool;
  n.person_id = "p";
  n.source = "oidc";
  auto created = sessions_->Create(n, clock_.Now());
  const std::string cookie = "__Host-stafett_session=" + created.secret;
  const std::string host = "127.0.0.1:" + std::to_string(client_->port());
  EXPECT_EQ(client_->Call("GET", "/api/v1/cases", {{"Cookie", cookie}}).status,
            200);
  // The plain name is not accepted here.
  EXPECT_EQ(client_
                ->Call("GET", "/api/v1/cases",
                       {{"Cookie", "stafett_session=" + created.secret}})
                .status,
            401);
  Reply http_origin =
      client_->Call("POST", "/api/v1/cases",
                    {{"Cookie", cookie},
                     {"Origin", "http://" + host},
                     {"X-CSRF-Token", created.session.csrf_token}},
                    kConcern);
  EXPECT_EQ(http_origin.status, 403);
  Reply https_origin =
      client_->Call("POST", "/api/v1/cases",
                    {{"Cookie", cookie},
                     {"Origin", "https://" + host},
                     {"X-CSRF-Token", created.session.csrf_token}},
                    kConcern);
  EXPECT_EQ(https_origin.status, 201) << https_origin.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, PublicListenerDbTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::http::testing
