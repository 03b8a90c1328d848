// HttpService at the edge, with stub endpoints and no database: what the
// server itself guarantees whatever the endpoint does. Real sockets on
// 127.0.0.1:0.
#include "http/server.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "http/test_client.h"
#include "store/database.h"

namespace stafett::http {
namespace {

using testing::Client;
using testing::Reply;

class StubEndpoint final : public Endpoint {
 public:
  using Fn = std::function<Response(Request&)>;
  explicit StubEndpoint(Fn fn) : fn_(std::move(fn)) {}
  Response Handle(Request& req, std::string* route) const override {
    *route = "/stub";
    return fn_(req);
  }

 private:
  Fn fn_;
};

class ServerTest : public ::testing::Test {
 protected:
  void Start(StubEndpoint::Fn fn) {
    endpoint_ = std::make_unique<StubEndpoint>(std::move(fn));
    ServerOptions options;
    options.port = 0;
    options.max_threads = 4;
    service_ = std::make_unique<HttpService>(options, *endpoint_, log_);
    service_->Start();
    client_ = std::make_unique<Client>(service_->port());
  }
  void TearDown() override {
    if (service_) service_->Stop();
  }

  std::ostringstream log_stream_;
  Log log_{&log_stream_};
  std::unique_ptr<StubEndpoint> endpoint_;
  std::unique_ptr<HttpService> service_;
  std::unique_ptr<Client> client_;
};

Response Ok(Request&) { return Response::Json(200, "{\"ok\":true}"); }

TEST_F(ServerTest, AnswersAndEchoesARequestId) {
  Start(Ok);
  Reply r = client_->Call("GET", "/x", {{"X-Request-Id", "abc-123"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "{\"ok\":true}");
  EXPECT_EQ(r.Header("x-request-id"), "abc-123");
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  // An id that is not plain is replaced by one of ours.
  Reply other = client_->Call("GET", "/x", {{"X-Request-Id", "a b\"c"}});
  EXPECT_EQ(other.Header("x-request-id").size(), 32u);
}

TEST_F(ServerTest, AnyExceptionIsA500ProblemNeverADroppedConnection) {
  Start([](Request& req) -> Response {
    if (req.path == "/std") throw std::runtime_error("database went away");
    if (req.path == "/int") throw 42;
    throw store::PoolTimeout("no session");
  });
  for (const char* path : {"/std", "/int"}) {
    Reply r = client_->Get(path, "");
    EXPECT_EQ(r.status, 500) << path << r.error;
    EXPECT_EQ(r.Header("content-type"), "application/problem+json");
    EXPECT_EQ(r.Str("code"), "internal");
    EXPECT_FALSE(r.Str("request_id").empty());
    // The internal message stays in the log.
    EXPECT_EQ(r.body.find("database went away"), std::string::npos);
  }
  Reply busy = client_->Get("/pool", "");
  EXPECT_EQ(busy.status, 503);
  EXPECT_EQ(busy.Header("retry-after"), "1");
  service_->Stop();
  EXPECT_NE(log_stream_.str().find("database went away"), std::string::npos);
}

TEST_F(ServerTest, OversizedBodyIs413AndNeverReachesTheEndpoint) {
  std::atomic<int> calls{0};
  Start([&](Request& req) {
    ++calls;
    return Ok(req);
  });
  Reply r = client_->Call("POST", "/x", {}, std::string(65 * 1024, 'a'));
  EXPECT_EQ(r.status, 413) << r.error;
  EXPECT_EQ(r.Str("code"), "payload_too_large");
  Reply exact = client_->Call("POST", "/x", {}, std::string(64 * 1024, 'a'));
  EXPECT_EQ(exact.status, 200) << exact.error;
  EXPECT_EQ(calls.load(), 1);
}

// Hostile-input review: Poco reads a header field into at most 8 KiB and
// answered a longer one with a bare 400 (no body, no problem+json). A
// 100 KB Authorization header is a failed authentication.
TEST_F(ServerTest, HugeAuthorizationHeaderIs401ProblemJson) {
  bool reached = false;
  Start([&](Request&) {
    reached = true;
    return Response::Json(200, "{}");
  });
  Reply r = client_->Call(
      "GET", "/x",
      {{"Authorization", "Bearer " + std::string(100 * 1024, 'A')}});
  EXPECT_EQ(r.status, 401) << r.error;
  EXPECT_EQ(r.Header("content-type"), "application/problem+json");
  EXPECT_EQ(r.Str("code"), "unauthenticated") << r.body;
  EXPECT_EQ(r.Header("www-authenticate").rfind("Bearer", 0), 0u);
  EXPECT_FALSE(reached);
  // The server is still there for the next client.
  EXPECT_EQ(client_->Call("GET", "/x").status, 200);
}

// Any other unreadable request head is 400 problem+json, not a bare 400.
TEST_F(ServerTest, UnreadableRequestHeadIs400ProblemJson) {
  Start(Ok);
  Reply r = client_->Raw("GET /x HTTP/1.1\r\nHost: a\r\n" +
                         std::string(300, 'N') + ": v\r\n\r\n");
  EXPECT_EQ(r.status, 400) << r.error;
  EXPECT_EQ(r.Header("content-type"), "application/problem+json");
  EXPECT_EQ(r.Str("code"), "bad_request") << r.body;
}

TEST_F(ServerTest, BodyAndHeadersReachTheEndpoint) {
  Start([](Request& req) {
    return Response::Json(
        200, req.method + " " + req.path + " " + req.Header("x-thing") + " " +
                 req.Query("q").value_or("-") + " " + req.body);
  });
  Reply r = client_->Call("POST", "/p/a?q=%C3%A6", {{"X-Thing", "v"}}, "{}");
  EXPECT_EQ(r.body, "POST /p/a v æ {}");
}

// Stop() lets a request that is already being handled finish and be
// answered. The endpoint blocks until the test lets it go; the test lets it
// go only once Stop() has closed the listening socket (a new connection is
// refused), so the answer provably arrives after shutdown began.
TEST_F(ServerTest, StopFinishesRequestsInFlight) {
  std::mutex mu;
  std::condition_variable cv;
  bool entered = false, release = false;
  Start([&](Request& req) {
    if (req.path != "/slow") return Ok(req);
    std::unique_lock lock(mu);
    entered = true;
    cv.notify_all();
    cv.wait(lock, [&] { return release; });
    return Ok(req);
  });
  Reply in_flight;
  std::thread client([&] { in_flight = client_->Get("/slow", ""); });
  {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return entered; });
  }
  std::thread stopper([&] { service_->Stop(); });
  // Wait (without a deadline) until the server no longer accepts.
  while (client_->Get("/other", "").status != 0) std::this_thread::yield();
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  client.join();
  stopper.join();
  EXPECT_EQ(in_flight.status, 200) << in_flight.error;
  EXPECT_EQ(in_flight.body, "{\"ok\":true}");
}

}  // namespace
}  // namespace stafett::http
