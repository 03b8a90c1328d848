#include "core/status.h"

#include <string>

#include <gtest/gtest.h>

namespace stafett {
namespace {

TEST(StatusTest, OkAndErrors) {
  EXPECT_TRUE(Status().ok());
  EXPECT_EQ(Status::Ok().ToString(), "ok");
  Status s = Status::Invalid("mangler frist", "deadline");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.field(), "deadline");
  EXPECT_EQ(s.ToString(), "invalid_argument [deadline]: mangler frist");
  EXPECT_EQ(Status::NotFound("finnes ikke").ToString(),
            "not_found: finnes ikke");
  EXPECT_EQ(Status::Pii("x", "note").code(), Code::kPiiFound);
}

TEST(StatusTest, CodeNames) {
  const struct {
    Code code;
    const char* name;
  } cases[] = {
      {Code::kOk, "ok"},
      {Code::kInvalidArgument, "invalid_argument"},
      {Code::kBadRequest, "bad_request"},
      {Code::kPiiFound, "pii_found"},
      {Code::kNotFound, "not_found"},
      {Code::kNotAllowed, "not_allowed"},
      {Code::kStaleVersion, "stale_version"},
      {Code::kVersionRequired, "version_required"},
      {Code::kUnauthenticated, "unauthenticated"},
      {Code::kPermissionDenied, "permission_denied"},
      {Code::kPayloadTooLarge, "payload_too_large"},
      {Code::kUnsupportedMedia, "unsupported_media_type"},
      {Code::kUnavailable, "unavailable"},
      {Code::kInternal, "internal"},
  };
  for (const auto& c : cases) EXPECT_STREQ(CodeName(c.code), c.name);
}

Status FailsWhen(bool fail) {
  STAFETT_RETURN_IF_ERROR(fail ? Status::NotAllowed("nei") : Status::Ok());
  return Status::Invalid("nådde slutten");
}

TEST(StatusTest, ReturnIfError) {
  EXPECT_EQ(FailsWhen(true).code(), Code::kNotAllowed);
  EXPECT_EQ(FailsWhen(false).code(), Code::kInvalidArgument);
}

TEST(StatusTest, Result) {
  Result<std::string> ok = std::string("verdi");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "verdi");
  EXPECT_EQ(ok->size(), 5u);
  EXPECT_TRUE(ok.status().ok());
  Result<std::string> bad = Status::NotFound("borte");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kNotFound);
  std::string moved = std::move(ok).value();
  EXPECT_EQ(moved, "verdi");
}

}  // namespace
}  // namespace stafett
