// Stable machine names of the engine's enums. They are persisted (case rows,
// journal) and appear in the HTTP API, so they never change once shipped.
#include <array>
#include <utility>

#include "engine/case.h"

namespace stafett::engine {

namespace {

constexpr std::array<std::pair<Role, const char*>, 5> kRoles{{
    {Role::kWorker, "worker"},
    {Role::kCoordinator, "coordinator"},
    {Role::kUnitLeader, "unit_leader"},
    {Role::kAuditor, "auditor"},
    {Role::kAdmin, "admin"},
}};

constexpr std::array<std::pair<CommandType, const char*>, 11> kCommands{{
    {CommandType::kOutcome, "outcome"},
    {CommandType::kConsent, "consent"},
    {CommandType::kWithdrawConsent, "withdraw_consent"},
    {CommandType::kOfferBaton, "offer_baton"},
    {CommandType::kAcceptBaton, "accept_baton"},
    {CommandType::kDeclineBaton, "decline_baton"},
    {CommandType::kNote, "note"},
    {CommandType::kReportChildWelfare, "report_child_welfare"},
    {CommandType::kConfirmChildWelfareReport, "confirm_child_welfare_report"},
    {CommandType::kClose, "close"},
    {CommandType::kExpireConsent, "expire_consent"},
}};

constexpr std::array<std::pair<CaseStatus, const char*>, 2> kStatuses{{
    {CaseStatus::kOpen, "open"},
    {CaseStatus::kClosed, "closed"},
}};

constexpr std::array<std::pair<Sharing, const char*>, 3> kSharings{{
    {Sharing::kAnonymous, "anonymous"},
    {Sharing::kConsented, "consented"},
    {Sharing::kWithdrawn, "withdrawn"},
}};

constexpr std::array<std::pair<BatonState, const char*>, 3> kBatons{{
    {BatonState::kNone, "none"},
    {BatonState::kHeld, "held"},
    {BatonState::kOffered, "offered"},
}};

template <typename E, std::size_t N>
const char* NameOf(const std::array<std::pair<E, const char*>, N>& table,
                   E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return table[0].second;
}

template <typename E, std::size_t N>
std::optional<E> Parse(const std::array<std::pair<E, const char*>, N>& table,
                       std::string_view name) {
  for (const auto& [v, n] : table) {
    if (name == n) return v;
  }
  return std::nullopt;
}

}  // namespace

const char* RoleName(Role r) { return NameOf(kRoles, r); }
std::optional<Role> ParseRole(std::string_view name) {
  return Parse(kRoles, name);
}

const char* CommandTypeName(CommandType t) { return NameOf(kCommands, t); }
std::optional<CommandType> ParseCommandType(std::string_view name) {
  return Parse(kCommands, name);
}

const char* CaseStatusName(CaseStatus s) { return NameOf(kStatuses, s); }
std::optional<CaseStatus> ParseCaseStatus(std::string_view name) {
  return Parse(kStatuses, name);
}

const char* SharingName(Sharing s) { return NameOf(kSharings, s); }
std::optional<Sharing> ParseSharing(std::string_view name) {
  return Parse(kSharings, name);
}

const char* BatonStateName(BatonState s) { return NameOf(kBatons, s); }
std::optional<BatonState> ParseBatonState(std::string_view name) {
  return Parse(kBatons, name);
}

}  // namespace stafett::engine
