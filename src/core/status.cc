#include "core/status.h"

namespace stafett {

const char* CodeName(Code code) {
  switch (code) {
    case Code::kOk:
      return "ok";
    case Code::kInvalidArgument:
      return "invalid_argument";
    case Code::kBadRequest:
      return "bad_request";
    case Code::kPiiFound:
      return "pii_found";
    case Code::kNotFound:
      return "not_found";
    case Code::kNotAllowed:
      return "not_allowed";
    case Code::kStaleVersion:
      return "stale_version";
    case Code::kVersionRequired:
      return "version_required";
    case Code::kUnauthenticated:
      return "unauthenticated";
    case Code::kPermissionDenied:
      return "permission_denied";
    case Code::kPayloadTooLarge:
      return "payload_too_large";
    case Code::kUnsupportedMedia:
      return "unsupported_media_type";
    case Code::kUnavailable:
      return "unavailable";
    case Code::kInternal:
      return "internal";
  }
  return "internal";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string s = CodeName(code_);
  if (!field_.empty()) s += " [" + field_ + "]";
  return s + ": " + message_;
}

}  // namespace stafett
