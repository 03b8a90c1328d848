// How the store writes the engine's enums and small values into text
// columns, and reads them back. The names match the engine's *Name
// functions (engine/case.h) and are what the SQL CHECK constraints and
// reports see; the store keeps its own copy so a column's spelling can never
// change silently with the engine.
//
// Thread-safety: pure functions.
#ifndef STAFETT_STORE_CASES_CASE_CODEC_H_
#define STAFETT_STORE_CASES_CASE_CODEC_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/case.h"

namespace stafett::store {

const char* StatusText(engine::CaseStatus s);  // "open", "closed"
const char* SharingText(engine::Sharing s);    // "anonymous", ...
const char* BatonText(engine::BatonState s);   // "none", "held", "offered"
const char* RoleText(engine::Role r);          // "worker", "unit_leader", ...

// Each throws std::runtime_error for a value no Stafett version wrote
// (a corrupted row is an infrastructure failure, not a domain outcome).
engine::CaseStatus ParseStatusText(std::string_view s);
engine::Sharing ParseSharingText(std::string_view s);
engine::BatonState ParseBatonText(std::string_view s);
engine::Role ParseRoleText(std::string_view s);

// The deadline kinds a Decision may set or clear.
bool IsDeadlineKind(std::string_view kind);  // step, consent, baton, report

// Case references: "NES-2026-0042" (at least four digits).
std::string FormatReference(std::string_view prefix, int year,
                            std::int64_t number);

// Sorting key of a case in the worklist: its deadline, or kNoDeadline.
inline constexpr std::int64_t kNoDeadline = INT64_MAX;

// Worklist cursors: "<due key>.<case id>", opaque to clients.
std::string EncodeCursor(std::int64_t due_key, std::string_view case_id);
// nullopt for anything EncodeCursor could not have produced.
std::optional<std::pair<std::int64_t, std::string>> DecodeCursor(
    std::string_view cursor);

}  // namespace stafett::store

#endif  // STAFETT_STORE_CASES_CASE_CODEC_H_
