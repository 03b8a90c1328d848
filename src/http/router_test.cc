#include "http/router.h"

#include <gtest/gtest.h>

namespace stafett::http {
namespace {

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    list_ = router_.Add("GET", "/api/v1/cases");
    create_ = router_.Add("POST", "/api/v1/cases");
    get_ = router_.Add("GET", "/api/v1/cases/{id}");
    cmd_ = router_.Add("POST", "/api/v1/cases/{id}/commands");
  }
  Router router_;
  int list_, create_, get_, cmd_;
};

TEST_F(RouterTest, MatchesLiteralAndMethod) {
  auto m = router_.Match("GET", "/api/v1/cases");
  EXPECT_EQ(m.result, RouteMatch::Result::kFound);
  EXPECT_EQ(m.route, list_);
  EXPECT_EQ(router_.Match("POST", "/api/v1/cases").route, create_);
}

TEST_F(RouterTest, ExtractsParameters) {
  auto m = router_.Match("POST", "/api/v1/cases/abc/commands");
  ASSERT_EQ(m.result, RouteMatch::Result::kFound);
  EXPECT_EQ(m.route, cmd_);
  EXPECT_EQ(m.params.at("id"), "abc");
  EXPECT_EQ(m.pattern, "/api/v1/cases/{id}/commands");
}

TEST_F(RouterTest, UnknownPathIsNotFound) {
  EXPECT_EQ(router_.Match("GET", "/api/v2/cases").result,
            RouteMatch::Result::kNotFound);
  EXPECT_EQ(router_.Match("GET", "/api/v1/cases/").result,
            RouteMatch::Result::kNotFound);
  EXPECT_EQ(router_.Match("GET", "/api/v1/cases//commands").result,
            RouteMatch::Result::kNotFound);
  EXPECT_EQ(router_.Match("GET", "/").result, RouteMatch::Result::kNotFound);
}

TEST_F(RouterTest, WrongMethodListsAllow) {
  auto m = router_.Match("DELETE", "/api/v1/cases");
  EXPECT_EQ(m.result, RouteMatch::Result::kMethodNotAllowed);
  EXPECT_EQ(m.allow, "GET, POST");
  auto c = router_.Match("GET", "/api/v1/cases/x/commands");
  EXPECT_EQ(c.result, RouteMatch::Result::kMethodNotAllowed);
  EXPECT_EQ(c.allow, "POST");
}

TEST(SplitPathTest, Segments) {
  EXPECT_EQ(SplitPath("/a/b"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(SplitPath("/"), std::vector<std::string>{});
  EXPECT_EQ(SplitPath("/a/"), (std::vector<std::string>{"a", ""}));
}

}  // namespace
}  // namespace stafett::http
