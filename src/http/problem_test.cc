#include "http/problem.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

namespace stafett::http {
namespace {

Poco::JSON::Object::Ptr Parse(const std::string& s) {
  Poco::JSON::Parser p;
  return p.parse(s).extract<Poco::JSON::Object::Ptr>();
}

TEST(ProblemTest, CodeToStatusTable) {
  EXPECT_EQ(HttpStatusFor(Code::kOk), 200);
  EXPECT_EQ(HttpStatusFor(Code::kInvalidArgument), 422);
  EXPECT_EQ(HttpStatusFor(Code::kBadRequest), 400);
  EXPECT_EQ(HttpStatusFor(Code::kPiiFound), 422);
  EXPECT_EQ(HttpStatusFor(Code::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(Code::kNotAllowed), 409);
  EXPECT_EQ(HttpStatusFor(Code::kStaleVersion), 412);
  EXPECT_EQ(HttpStatusFor(Code::kVersionRequired), 428);
  EXPECT_EQ(HttpStatusFor(Code::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(Code::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(Code::kPayloadTooLarge), 413);
  EXPECT_EQ(HttpStatusFor(Code::kUnsupportedMedia), 415);
  EXPECT_EQ(HttpStatusFor(Code::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(Code::kInternal), 500);
}

TEST(ProblemTest, EveryCodeHasTitleAndType) {
  for (int c = static_cast<int>(Code::kOk);
       c <= static_cast<int>(Code::kInternal); ++c) {
    Code code = static_cast<Code>(c);
    EXPECT_STRNE(ProblemTitle(code), "") << CodeName(code);
    EXPECT_EQ(ProblemType(code),
              std::string("urn:stafett:problem:") + CodeName(code));
  }
}

TEST(ProblemTest, BodyHasRfc9457MembersAndField) {
  auto o = Parse(ProblemJson(
      Status::Pii("Teksten inneholder et fødselsnummer.", "text"), "rid-1"));
  EXPECT_EQ(o->getValue<std::string>("type"), "urn:stafett:problem:pii_found");
  EXPECT_EQ(o->getValue<int>("status"), 422);
  EXPECT_EQ(o->getValue<std::string>("code"), "pii_found");
  EXPECT_EQ(o->getValue<std::string>("field"), "text");
  EXPECT_EQ(o->getValue<std::string>("detail"),
            "Teksten inneholder et fødselsnummer.");
  EXPECT_EQ(o->getValue<std::string>("request_id"), "rid-1");
  EXPECT_FALSE(o->getValue<std::string>("title").empty());
}

// Issue 11, defect 2: a 500 carried "category contains ','". A kInternal
// message is for the log (the server writes it there), never the body.
TEST(ProblemTest, AnInternalErrorNeverShowsItsMessage) {
  const std::string body = ProblemJson(
      Status(Code::kInternal, "category contains ','", "categories"), "rid");
  auto o = Parse(body);
  EXPECT_EQ(o->getValue<int>("status"), 500);
  EXPECT_EQ(o->getValue<std::string>("detail"), std::string(kInternalDetail));
  EXPECT_EQ(body.find("contains"), std::string::npos) << body;
}

TEST(ProblemTest, FieldAndRequestIdOmittedWhenEmpty) {
  auto o = Parse(ProblemJson(Status::NotFound("Finnes ikke."), ""));
  EXPECT_FALSE(o->has("field"));
  EXPECT_FALSE(o->has("request_id"));
  EXPECT_EQ(o->getValue<int>("status"), 404);
}

TEST(ProblemTest, OkStatusIsAnsweredAsInternal) {
  auto o = Parse(ProblemJson(Status::Ok(), ""));
  EXPECT_EQ(o->getValue<int>("status"), 500);
}

TEST(ProblemTest, MethodNotAllowedNamesAllow) {
  auto o = Parse(MethodNotAllowedJson("DELETE", "GET, POST", "r"));
  EXPECT_EQ(o->getValue<int>("status"), 405);
  EXPECT_EQ(o->getValue<std::string>("allow"), "GET, POST");
  EXPECT_EQ(o->getValue<std::string>("code"), "method_not_allowed");
}

}  // namespace
}  // namespace stafett::http
