#include "routine/source_map.h"

namespace stafett::routine {

namespace {

// "a.b[2].c" -> "a.b[2]" -> "a.b" -> "a" -> "".
std::string_view Parent(std::string_view path) {
  std::size_t cut = path.find_last_of(".[");
  return cut == std::string_view::npos ? std::string_view()
                                       : path.substr(0, cut);
}

SourcePos Lookup(const std::map<std::string, SourcePos, std::less<>>& m,
                 const std::map<std::string, SourcePos, std::less<>>& fallback,
                 std::string_view path) {
  if (auto it = m.find(path); it != m.end()) return it->second;
  for (std::string_view p = Parent(path); !p.empty(); p = Parent(p)) {
    if (auto it = fallback.find(p); it != fallback.end()) return it->second;
  }
  if (auto it = fallback.find(""); it != fallback.end()) return it->second;
  return SourcePos{1, 1};
}

}  // namespace

std::string Child(std::string_view path, std::string_view key) {
  std::string out(path);
  if (!out.empty()) out += '.';
  out += key;
  return out;
}

std::string Item(std::string_view path, std::size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

bool SourceMap::Has(std::string_view path) const {
  return keys_.count(path) > 0 || values_.count(path) > 0;
}

SourcePos SourceMap::Value(std::string_view path) const {
  return Lookup(values_, values_, path);
}

SourcePos SourceMap::Key(std::string_view path) const {
  if (auto it = keys_.find(path); it != keys_.end()) return it->second;
  return Lookup(values_, values_, path);
}

bool SourceMap::Broken(std::string_view path) const {
  // A broken ancestor (say the whole step) silences its parts as well.
  for (std::string_view p = path; !p.empty(); p = Parent(p)) {
    if (broken_.count(p)) return true;
  }
  return false;
}

}  // namespace stafett::routine
