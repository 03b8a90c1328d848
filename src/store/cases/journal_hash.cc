#include "store/cases/journal_hash.h"

#include "core/json_writer.h"
#include "core/sha256.h"
#include "store/cases/case_codec.h"

namespace stafett::store {

std::string CanonicalJournalEntry(const StoredJournalEntry& e) {
  // v2 adds the person after the role. An entry without a person keeps the
  // v1 form, so every hash written before person ids still verifies; an
  // entry whose person was blanked afterwards no longer does.
  const bool v2 = !e.entry.actor_person.empty();
  JsonWriter w;
  w.BeginObject()
      .Field("v", v2 ? 2 : 1)
      .Field("case_id", e.case_id)
      .Field("seq", static_cast<std::int64_t>(e.seq))
      .Field("tenant", e.tenant)
      .Field("kind", e.entry.kind)
      .Field("step", e.entry.step)
      .Field("level", e.entry.level)
      .Field("actor_service", e.entry.actor_service)
      .Field("actor_role", RoleText(e.entry.actor_role));
  if (v2) w.Field("actor_person", e.entry.actor_person);
  w.Field("at", ToMillis(e.entry.at))
      .Field("text", e.entry.text)
      .Field("detail_json", e.entry.detail_json)
      .EndObject();
  return w.Take();
}

std::string JournalHash(std::string_view prev_hash,
                        const StoredJournalEntry& e) {
  std::string input(prev_hash);
  input.push_back('\n');
  input += CanonicalJournalEntry(e);
  return Sha256Hex(input);
}

std::optional<std::size_t> FirstBrokenLink(
    const std::vector<StoredJournalEntry>& entries) {
  std::string prev;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    if (e.seq != static_cast<std::int64_t>(i) + 1 || e.prev_hash != prev ||
        e.hash != JournalHash(prev, e)) {
      return i;
    }
    prev = e.hash;
  }
  return std::nullopt;
}

}  // namespace stafett::store
