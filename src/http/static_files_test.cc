// The web app's static files over real sockets (http/static_files.h): types,
// ETag and 304, gzip, the vendor allow-list, and every way out of the tree
// (.., %2e%2e, symlinks, directories, dotfiles) answered 404.
#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <Poco/InflatingStream.h>
#include <gtest/gtest.h>

#include "http/api.h"
#include "http/server.h"
#include "http/test_client.h"

namespace stafett::http {
namespace {

namespace fs = std::filesystem;
using testing::Client;
using testing::Reply;

void Write(const fs::path& p, const std::string& content) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

std::string Gunzip(const std::string& z) {
  std::istringstream in(z);
  Poco::InflatingInputStream inflate(in, Poco::InflatingStreamBuf::STREAM_GZIP);
  std::ostringstream out;
  out << inflate.rdbuf();
  return out.str();
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("stafett-static-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    root_ = dir_ / "web";
    Write(root_ / "index.html", "<!doctype html><title>Stafett</title>");
    // Big enough to be compressed; Sami letters must survive.
    std::string js = "export const hei = 'Bures boahtin: á č đ ŋ š ŧ ž';\n";
    for (int i = 0; i < 200; ++i) js += "// linje " + std::to_string(i) + "\n";
    app_js_ = js;
    Write(root_ / "app" / "main.js", js);
    Write(root_ / "styles" / "app.css", "body { margin: 0 }");
    Write(root_ / "i18n" / "se.json", R"({"hei":"Bures"})");
    Write(root_ / "img" / "logo.svg",
          "<svg xmlns='http://www.w3.org/2000/svg'/>");
    Write(root_ / "img" / "logo.png", std::string("\x89PNG\r\n\x1a\n", 8));
    Write(root_ / "fonts" / "x.woff2", "wOF2");
    Write(root_ / ".env", "SECRET=1");
    Write(root_ / "notes.yaml", "a: 1");
    Write(dir_ / "secret.txt", "outside the tree");
    fs::create_symlink(dir_ / "secret.txt", root_ / "leak.txt");
    fs::create_directory_symlink(dir_, root_ / "up");
    modules_ = dir_ / "node_modules";
    Write(modules_ / "preact" / "dist" / "preact.module.js", "export {}");
    Write(modules_ / "@digdir" / "designsystemet-css" / "dist" / "index.css",
          "a{}");
    Write(modules_ / "koa" / "index.js", "module.exports = 1");
    Write(modules_ / "@digdir" / "designsystemet-types" / "index.js", "x");

    ApiDeps deps;
    deps.clock = &clock_;
    deps.verifier = &verifier_;
    deps.log = &log_;
    deps.web.web_root = root_.string();
    deps.web.node_modules = modules_.string();
    api_ = std::make_unique<Api>(deps);
    ServerOptions options;
    options.port = 0;
    options.max_threads = 4;
    server_ = std::make_unique<HttpService>(options, *api_, log_);
    server_->Start();
    client_ = std::make_unique<Client>(server_->port());
  }

  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }

  Reply Get(const std::string& path, testing::Headers h = {}) {
    return client_->Call("GET", path, h);
  }
  // The path bytes exactly as given (no client-side normalisation).
  Reply RawGet(const std::string& path) {
    return client_->Raw("GET " + path +
                        " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: "
                        "close\r\n\r\n");
  }

  fs::path dir_, root_, modules_;
  std::string app_js_;
  ManualClock clock_{FromMillis(1'780'000'000'000)};
  TokenVerifier verifier_{"static-test-secret-static-test-secret-01"};
  Log log_{nullptr};
  std::unique_ptr<Api> api_;
  std::unique_ptr<HttpService> server_;
  std::unique_ptr<Client> client_;
};

TEST_F(StaticFilesTest, RootIsIndexHtmlUnderTheStrictPolicy) {
  Reply r = Get("/");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, "<!doctype html><title>Stafett</title>");
  EXPECT_EQ(r.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.Header("content-security-policy"),
            std::string(kContentSecurityPolicy));
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.Header("referrer-policy"), "no-referrer");
  EXPECT_EQ(r.Header("cache-control"), "no-cache");
  EXPECT_FALSE(r.Header("etag").empty());
  // No token needed for the app itself.
  EXPECT_EQ(Get("/index.html").body, r.body);
}

TEST_F(StaticFilesTest, ContentTypesFollowTheExtension) {
  const std::vector<std::pair<std::string, std::string>> table = {
      {"/app/main.js", "text/javascript; charset=utf-8"},
      {"/styles/app.css", "text/css; charset=utf-8"},
      {"/i18n/se.json", "application/json"},
      {"/img/logo.svg", "image/svg+xml"},
      {"/img/logo.png", "image/png"},
      {"/fonts/x.woff2", "font/woff2"},
  };
  for (const auto& [path, type] : table) {
    Reply r = Get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.Header("content-type"), type) << path;
  }
  EXPECT_EQ(Get("/app/main.js").body, app_js_);  // Sami letters intact
}

TEST_F(StaticFilesTest, ETagAnswers304) {
  Reply first = Get("/styles/app.css");
  const std::string etag = first.Header("etag");
  ASSERT_FALSE(etag.empty());
  Reply again = Get("/styles/app.css", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(Get("/styles/app.css", {{"If-None-Match", "\"other\""}}).status,
            200);
  // A changed file gets a new tag.
  Write(root_ / "styles" / "app.css", "body { margin: 1px }");
  fs::last_write_time(root_ / "styles" / "app.css",
                      fs::file_time_type::clock::now() + std::chrono::hours(1));
  Reply changed = Get("/styles/app.css", {{"If-None-Match", etag}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_EQ(changed.body, "body { margin: 1px }");
  EXPECT_NE(changed.Header("etag"), etag);
}

TEST_F(StaticFilesTest, GzipWhenTheClientAcceptsIt) {
  Reply plain = Get("/app/main.js");
  EXPECT_TRUE(plain.Header("content-encoding").empty());
  Reply z = Get("/app/main.js", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_EQ(z.status, 200);
  EXPECT_EQ(z.Header("content-encoding"), "gzip");
  EXPECT_EQ(z.Header("vary"), "Accept-Encoding");
  EXPECT_LT(z.body.size(), plain.body.size());
  EXPECT_EQ(Gunzip(z.body), app_js_);
  EXPECT_NE(z.Header("etag"), plain.Header("etag"));
  // Images are not compressed again.
  EXPECT_TRUE(Get("/img/logo.png", {{"Accept-Encoding", "gzip"}})
                  .Header("content-encoding")
                  .empty());
}

TEST_F(StaticFilesTest, NothingOutsideTheTreeIsServed) {
  const std::vector<std::string> refused = {
      "/../secret.txt",
      "/app/../../secret.txt",
      "/%2e%2e/secret.txt",
      "/%2E%2E/secret.txt",
      "/app/%2e%2e/%2e%2e/secret.txt",
      "/app/..%2f..%2fsecret.txt",
      "/..%5csecret.txt",
      "/app\\..\\..\\secret.txt",
      "/./index.html",
      "/leak.txt",       // a symlink out of the tree
      "/up/secret.txt",  // a directory symlink out of the tree
      "/app",            // a directory: no listings
      "/app/",
      "//index.html",
      "/.env",        // dotfiles
      "/notes.yaml",  // a type not served
      "/index.html%00.js",
      "/vendor/koa/index.js",  // not on the allow-list
      "/vendor/@digdir/designsystemet-types/index.js",
      "/vendor/preact/../koa/index.js",
      "/vendor/%2e%2e/koa/index.js",
      "/vendor/preact",
  };
  for (const auto& path : refused) {
    Reply r = RawGet(path);
    // 400 when the URI itself does not parse; never 200.
    EXPECT_TRUE(r.status == 404 || r.status == 400)
        << path << " " << r.status << "\n"
        << r.body;
    EXPECT_EQ(r.body.find("outside the tree"), std::string::npos) << path;
    EXPECT_EQ(r.body.find("SECRET"), std::string::npos) << path;
  }
}

TEST_F(StaticFilesTest, VendorServesOnlyTheAllowListedPackages) {
  Reply p = Get("/vendor/preact/dist/preact.module.js");
  EXPECT_EQ(p.status, 200);
  EXPECT_EQ(p.Header("content-type"), "text/javascript; charset=utf-8");
  Reply css = Get("/vendor/@digdir/designsystemet-css/dist/index.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.body, "a{}");
}

TEST_F(StaticFilesTest, OnlyGetAndTheApiIsUntouched) {
  EXPECT_EQ(client_->Call("POST", "/index.html", {}, "{}").status, 404);
  EXPECT_EQ(Get("/healthz").status, 200);
  Reply api = Get("/api/v1/cases");
  EXPECT_EQ(api.status, 401);  // still needs a token
  EXPECT_EQ(api.Header("cache-control"), "no-store");
}

TEST(StaticContentTypeTest, Table) {
  EXPECT_EQ(StaticContentType("a.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(StaticContentType("a.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(StaticContentType("a.map"), "application/json");
  EXPECT_EQ(StaticContentType("a.yaml"), "");
  EXPECT_EQ(StaticContentType(".js"), "");
  EXPECT_EQ(StaticContentType("js"), "");
}

}  // namespace
}  // namespace stafett::http
