// The journal's hash chain: how each journal line is serialised for hashing
// and chained to the one before it. `stafett audit verify` recomputes it, so
// this file is the specification; changing the serialisation invalidates
// every stored hash (add a new version "v" instead).
//
// Chain: one per case. For the entry with seq n,
//   hash(n) = Sha256Hex(prev_hash + "\n" + CanonicalJournalEntry(entry))
// where prev_hash is hash(n-1), and "" for seq 1. A chain per case means
// unrelated cases never serialise on each other when they write.
//
// Canonical serialisation, version 1: a JSON object (core/json_writer.h:
// RFC 8259 escaping, UTF-8 passed through, no whitespace) with exactly
// these keys in exactly this order:
//   {"v":1,"case_id":s,"seq":n,"tenant":s,"kind":s,"step":s,"level":n,
//    "actor_service":s,"actor_role":s,"at":n,"text":s,"detail_json":s}
// Version 2 (an entry with a person id, migration 0080) is the same object
// with "v":2 and "actor_person":s inserted right after "actor_role". An
// entry whose actor_person is "" is always serialised as version 1.
// `at` is epoch milliseconds; `actor_role` is store::RoleText;
// `detail_json` is the stored detail string as a JSON string (not
// re-parsed, so its bytes are hashed exactly as stored).
//
// Thread-safety: pure functions.
#ifndef STAFETT_STORE_CASES_JOURNAL_HASH_H_
#define STAFETT_STORE_CASES_JOURNAL_HASH_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/cases/records.h"

namespace stafett::store {

// The canonical form above. Reads case_id, seq, tenant and entry; ignores
// prev_hash and hash.
std::string CanonicalJournalEntry(const StoredJournalEntry& e);

// Sha256Hex(prev_hash + "\n" + CanonicalJournalEntry(e)).
std::string JournalHash(std::string_view prev_hash,
                        const StoredJournalEntry& e);

// Checks one case's entries in seq order: seq runs 1..n without gaps, each
// prev_hash is the previous hash ("" first) and each hash recomputes.
// Returns the index of the first entry that fails, nullopt if all pass.
std::optional<std::size_t> FirstBrokenLink(
    const std::vector<StoredJournalEntry>& entries);

}  // namespace stafett::store

#endif  // STAFETT_STORE_CASES_JOURNAL_HASH_H_
