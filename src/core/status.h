// Status and Result<T>: how domain outcomes travel in Stafett.
//
// A Status is either ok or carries a Code, a human message (Norwegian bokmål
// where it reaches a person) and optionally the name of the input field it is
// about. Domain outcomes (invalid input, not allowed, not found, stale
// version, PII found) are Status values; infrastructure failures (database,
// network) are exceptions that the edge (http, app) catches.
//
// Code -> HTTP status is mapped in exactly one place: http/problem.h.
//
// Thread-safety: plain values; safe to copy between threads.
#ifndef STAFETT_CORE_STATUS_H_
#define STAFETT_CORE_STATUS_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace stafett {

enum class Code {
  kOk = 0,
  kInvalidArgument,   // malformed or missing input (422)
  kBadRequest,        // unparseable request, e.g. broken JSON (400)
  kPiiFound,          // free text holds an identifier; nothing stored (422)
  kNotFound,          // no such resource in the caller's tenant (404)
  kNotAllowed,        // the routine or lifecycle forbids it now (409)
  kStaleVersion,      // If-Match does not match the current version (412)
  kVersionRequired,   // If-Match missing on a write (428)
  kUnauthenticated,   // missing or bad token (401)
  kPermissionDenied,  // valid token, wrong role or scope (403)
  kPayloadTooLarge,   // request body over the bound (413)
  kUnsupportedMedia,  // wrong content type (415)
  kUnavailable,       // try again later, e.g. pool exhausted (503)
  kInternal,          // a bug; never expected (500)
};

// Stable machine name of a code, e.g. "not_allowed". Used in problem+json.
const char* CodeName(Code code);

class Status {
 public:
  Status() = default;  // ok
  Status(Code code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return Status(); }
  static Status Invalid(std::string msg, std::string field = {}) {
    return Status(Code::kInvalidArgument, std::move(msg), std::move(field));
  }
  static Status NotFound(std::string msg) {
    return Status(Code::kNotFound, std::move(msg));
  }
  static Status NotAllowed(std::string msg) {
    return Status(Code::kNotAllowed, std::move(msg));
  }
  static Status Pii(std::string msg, std::string field) {
    return Status(Code::kPiiFound, std::move(msg), std::move(field));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }
  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::string field_;
};

// Either a value or a non-ok Status.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  // The error; Status::Ok() when a value is held.
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace stafett

#define STAFETT_RETURN_IF_ERROR(expr) \
  do {                                \
    ::stafett::Status s_ = (expr);    \
    if (!s_.ok()) return s_;          \
  } while (0)

#endif  // STAFETT_CORE_STATUS_H_
