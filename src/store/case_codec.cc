#include "store/case_codec.h"

#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace stafett::store {

namespace {

[[noreturn]] void Corrupt(std::string_view what, std::string_view value) {
  throw std::runtime_error("store: unknown " + std::string(what) + " '" +
                           std::string(value) + "' in database");
}

}  // namespace

const char* StatusText(engine::CaseStatus s) {
  return s == engine::CaseStatus::kClosed ? "closed" : "open";
}

const char* SharingText(engine::Sharing s) {
  switch (s) {
    case engine::Sharing::kAnonymous:
      return "anonymous";
    case engine::Sharing::kConsented:
      return "consented";
    case engine::Sharing::kWithdrawn:
      return "withdrawn";
  }
  return "anonymous";
}

const char* BatonText(engine::BatonState s) {
  switch (s) {
    case engine::BatonState::kNone:
      return "none";
    case engine::BatonState::kHeld:
      return "held";
    case engine::BatonState::kOffered:
      return "offered";
  }
  return "none";
}

const char* RoleText(engine::Role r) {
  switch (r) {
    case engine::Role::kWorker:
      return "worker";
    case engine::Role::kCoordinator:
      return "coordinator";
    case engine::Role::kUnitLeader:
      return "unit_leader";
    case engine::Role::kAuditor:
      return "auditor";
    case engine::Role::kAdmin:
      return "admin";
  }
  return "worker";
}

engine::CaseStatus ParseStatusText(std::string_view s) {
  if (s == "open") return engine::CaseStatus::kOpen;
  if (s == "closed") return engine::CaseStatus::kClosed;
  Corrupt("case status", s);
}

engine::Sharing ParseSharingText(std::string_view s) {
  if (s == "anonymous") return engine::Sharing::kAnonymous;
  if (s == "consented") return engine::Sharing::kConsented;
  if (s == "withdrawn") return engine::Sharing::kWithdrawn;
  Corrupt("sharing", s);
}

engine::BatonState ParseBatonText(std::string_view s) {
  if (s == "none") return engine::BatonState::kNone;
  if (s == "held") return engine::BatonState::kHeld;
  if (s == "offered") return engine::BatonState::kOffered;
  Corrupt("baton state", s);
}

engine::Role ParseRoleText(std::string_view s) {
  if (s == "worker") return engine::Role::kWorker;
  if (s == "coordinator") return engine::Role::kCoordinator;
  if (s == "unit_leader") return engine::Role::kUnitLeader;
  if (s == "auditor") return engine::Role::kAuditor;
  if (s == "admin") return engine::Role::kAdmin;
  Corrupt("role", s);
}

bool IsDeadlineKind(std::string_view kind) {
  return kind == "step" || kind == "consent" || kind == "baton" ||
         kind == "report";
}

std::string FormatReference(std::string_view prefix, int year,
                            std::int64_t number) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%04lld",
                static_cast<long long>(number));
  return std::string(prefix) + "-" + std::to_string(year) + "-" + digits;
}

std::string EncodeCursor(std::int64_t due_key, std::string_view case_id) {
  return std::to_string(due_key) + "." + std::string(case_id);
}

std::optional<std::pair<std::int64_t, std::string>> DecodeCursor(
    std::string_view cursor) {
  auto dot = cursor.find('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  std::int64_t due = 0;
  auto digits = cursor.substr(0, dot);
  auto [ptr, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), due);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) {
    return std::nullopt;
  }
  std::string id(cursor.substr(dot + 1));
  if (id.empty() || id.size() > 64) return std::nullopt;
  for (char c : id) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
              (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
    if (!ok) return std::nullopt;
  }
  return std::make_pair(due, std::move(id));
}

}  // namespace stafett::store
