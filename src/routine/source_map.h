// Where each part of a routine was written in its file, so that rules run on
// the loaded model (routine/validate.h) can still point an administrator at
// the offending key or value.
//
// Parts are named by a path that mirrors the file: keys joined by '.', list
// items by "[i]" (0-based), e.g. "initial", "steps[2].deadline",
// "steps[2].outcomes[0].to", "services[1].channels.webhook.url". The reader
// (routine/reader.h) records every key it reads; a model vector holds one
// element per list item of the file, so indexes agree.
//
// Thread-safety: a plain value; not synchronised.
#ifndef STAFETT_ROUTINE_SOURCE_MAP_H_
#define STAFETT_ROUTINE_SOURCE_MAP_H_

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "routine/model.h"

namespace stafett::routine {

// Path helpers: Child("steps[2]", "to") == "steps[2].to",
// Item("steps", 2) == "steps[2]".
std::string Child(std::string_view path, std::string_view key);
std::string Item(std::string_view path, std::size_t index);

class SourceMap {
 public:
  // The position of the value at `path` (for an empty value: of its key).
  void SetValue(const std::string& path, SourcePos pos) { values_[path] = pos; }
  // The position of the key that introduced `path`.
  void SetKey(const std::string& path, SourcePos pos) { keys_[path] = pos; }

  // Whether the file has `path` at all (key written, even with no value).
  bool Has(std::string_view path) const;
  // The value's position; for a path the file lacks, the position of the
  // nearest ancestor that it has (so "missing key" points at its map).
  SourcePos Value(std::string_view path) const;
  // The key's position, falling back like Value().
  SourcePos Key(std::string_view path) const;

  // A value already reported as malformed. Rules that depend on it stay
  // quiet, so one typo gives one diagnostic rather than a cascade.
  void MarkBroken(const std::string& path) { broken_.insert(path); }
  bool Broken(std::string_view path) const;

 private:
  std::map<std::string, SourcePos, std::less<>> values_;
  std::map<std::string, SourcePos, std::less<>> keys_;
  std::set<std::string, std::less<>> broken_;
};

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_SOURCE_MAP_H_
