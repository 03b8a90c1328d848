#include "store/audit/audit_hash.h"

#include "core/json_writer.h"
#include "core/sha256.h"
#include "store/cases/journal_hash.h"

namespace stafett::store {

std::string HeadsHash(const HeadMap& heads) {
  std::string text;
  text.reserve(heads.size() * 104);
  for (const auto& [id, h] : heads) {
    text += id;
    text += ' ';
    text += std::to_string(h.seq);
    text += ' ';
    text += h.hash;
    text += '\n';
  }
  return Sha256Hex(text);
}

std::string CanonicalCheckpoint(const Checkpoint& c) {
  JsonWriter w;
  w.BeginObject()
      .Field("v", 1)
      .Field("tenant", c.tenant)
      .Field("seq", c.seq)
      .Field("at", ToMillis(c.at))
      .Field("case_count", c.case_count)
      .Field("heads_hash", c.heads_hash)
      .EndObject();
  return w.Take();
}

std::string CheckpointHash(std::string_view prev_hash, const Checkpoint& c) {
  std::string input(prev_hash);
  input.push_back('\n');
  input += CanonicalCheckpoint(c);
  return Sha256Hex(input);
}

StoredJournalEntry Tombstone(const std::string& tenant,
                             const std::string& case_id, std::int64_t last_seq,
                             const std::string& last_hash, TimePoint at,
                             const std::string& reason) {
  StoredJournalEntry e;
  e.case_id = case_id;
  e.seq = last_seq + 1;
  e.tenant = tenant;
  e.entry.kind = kTombstoneKind;
  e.entry.step = "";
  e.entry.level = 0;
  e.entry.actor_service = "stafett";
  e.entry.actor_role = engine::Role::kAdmin;
  e.entry.at = at;
  JsonWriter w;
  w.BeginObject()
      .Field("purged_through_seq", last_seq)
      .Field("reason", reason)
      .EndObject();
  e.entry.detail_json = w.Take();
  e.prev_hash = last_hash;
  e.hash = JournalHash(last_hash, e);
  return e;
}

bool IsTombstone(const StoredJournalEntry& e) {
  return e.entry.kind == kTombstoneKind;
}

}  // namespace stafett::store
