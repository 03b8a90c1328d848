// Opaque identifiers. Case ids, outbox ids and idempotency records use
// 128-bit random ids written as 32 lower-case hex digits: they reveal nothing
// (no time, no sequence, no tenant) and need no database round trip.
//
// Thread-safety: NewId is safe from any thread (thread-local generator).
#ifndef STAFETT_CORE_IDS_H_
#define STAFETT_CORE_IDS_H_

#include <string>
#include <string_view>

namespace stafett {

std::string NewId();
// True for 32 lower-case hex digits.
bool IsWellFormedId(std::string_view id);

// True when `s` has the shape of a case reference (NES-2026-0042: upper-case
// letters, digits and '-', with at least one '-', at most 40 characters).
// Shape only: whether such a case exists is the store's question. A
// reference is unique within its tenant; two tenants may hold the same one
// (a prefix one tenant gave up may be taken by another).
bool LooksLikeReference(std::string_view s);

}  // namespace stafett

#endif  // STAFETT_CORE_IDS_H_
