#include "store/cases/case_codec.h"

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

// The names are the engine's (engine/names.cc); the store only adds that a
// name it cannot read back means a corrupt row.
const char* StatusText(engine::CaseStatus s) {
  return engine::CaseStatusName(s);
}
const char* SharingText(engine::Sharing s) { return engine::SharingName(s); }
const char* BatonText(engine::BatonState s) {
  return engine::BatonStateName(s);
}
const char* RoleText(engine::Role r) { return engine::RoleName(r); }

engine::CaseStatus ParseStatusText(std::string_view s) {
  if (auto v = engine::ParseCaseStatus(s)) return *v;
  Corrupt("case status", s);
}

engine::Sharing ParseSharingText(std::string_view s) {
  if (auto v = engine::ParseSharing(s)) return *v;
  Corrupt("sharing", s);
}

engine::BatonState ParseBatonText(std::string_view s) {
  if (auto v = engine::ParseBatonState(s)) return *v;
  Corrupt("baton state", s);
}

engine::Role ParseRoleText(std::string_view s) {
  if (auto v = engine::ParseRole(s)) return *v;
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
