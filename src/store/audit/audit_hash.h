// The tenant checkpoint and the purge tombstone: how they are serialised
// and hashed. `stafett audit verify` recomputes them, so this file is the
// specification (like store/cases/journal_hash.h for the per-case chains);
// changing a serialisation invalidates every stored hash.
//
// Heads. A case's head is (case_id, journal_seq, hash of that entry). The
// heads hash of a tenant at a checkpoint covers every case ever recorded,
// sorted by case_id (bytewise):
//   HeadsHash = Sha256Hex(concat of "<case_id> <seq> <head>\n")
// so a case that vanishes, or whose recorded entry changes, is noticed.
//
// Checkpoints form a chain per tenant, seq 1, 2, ...:
//   hash(k) = Sha256Hex(hash(k-1) + "\n" + CanonicalCheckpoint(k)),
//   hash(0) = ""
// CanonicalCheckpoint version 1 is a JSON object (core/json_writer.h) with
// exactly these keys in this order:
//   {"v":1,"tenant":s,"seq":n,"at":n,"case_count":n,"heads_hash":s}
//
// Tombstone. Purging a case under the retention policy deletes its journal
// and appends ONE entry in its place, with seq = last seq + 1 and
// prev_hash = the last hash, so the case's chain still ends in a hash that
// the checkpoint taken just before the purge recorded:
//   kind "purged", step "", level 0, actor_service "stafett", actor_role
//   admin, text "", detail_json {"purged_through_seq":n,"reason":s}.
//
// Thread-safety: pure functions.
#ifndef STAFETT_STORE_AUDIT_AUDIT_HASH_H_
#define STAFETT_STORE_AUDIT_AUDIT_HASH_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/time.h"
#include "store/cases/records.h"

namespace stafett::store {

inline constexpr char kTombstoneKind[] = "purged";

struct CaseHead {
  std::int64_t seq = 0;
  std::string hash;
  friend bool operator==(const CaseHead&, const CaseHead&) = default;
};

// case_id -> head; std::map keeps the bytewise order the hash needs.
using HeadMap = std::map<std::string, CaseHead>;

std::string HeadsHash(const HeadMap& heads);

struct Checkpoint {
  std::string tenant;
  std::int64_t seq = 0;
  TimePoint at;
  std::int64_t case_count = 0;
  std::string heads_hash;
  std::string prev_hash;  // "" for seq 1
  std::string hash;
};

std::string CanonicalCheckpoint(const Checkpoint& c);
// Sha256Hex(prev_hash + "\n" + CanonicalCheckpoint(c)).
std::string CheckpointHash(std::string_view prev_hash, const Checkpoint& c);

// The tombstone that replaces the journal of `case_id` whose last entry is
// (last_seq, last_hash), hashed and ready to insert.
StoredJournalEntry Tombstone(const std::string& tenant,
                             const std::string& case_id, std::int64_t last_seq,
                             const std::string& last_hash, TimePoint at,
                             const std::string& reason);
bool IsTombstone(const StoredJournalEntry& e);

}  // namespace stafett::store

#endif  // STAFETT_STORE_AUDIT_AUDIT_HASH_H_
