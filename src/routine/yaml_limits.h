// Bounds on a loaded YAML document, checked before a reader walks it.
//
// yaml-cpp loads an alias (*a) as one more reference to its anchor's node
// (&a), so a 64 KiB file of nested aliases loads in linear time but expands
// to billions of values once a reader walks and copies it ("billion
// laughs"): one upload would hold a worker and exhaust memory. Every reader
// of YAML (routines, simulation profiles, identity files) checks the
// expanded size first and refuses a document past the bounds with
// YamlTooLargeMessage(). A routine file of the size the API accepts, with
// no aliases, stays far below them (bti.yaml, 16 KB: about 2,000 nodes).
//
// For .cc files that already read YAML; no yaml-cpp type crosses the
// routine layer's other headers.
//
// Thread-safety: pure functions.
#ifndef STAFETT_ROUTINE_YAML_LIMITS_H_
#define STAFETT_ROUTINE_YAML_LIMITS_H_

#include <cstddef>
#include <string>

#include <yaml-cpp/yaml.h>

namespace stafett::routine {

inline constexpr std::size_t kMaxYamlNodes = 200'000;
inline constexpr std::size_t kMaxYamlScalarBytes = 16u << 20;
// Levels of nesting, the root being level 1. A routine needs about 8; an
// alias inside its own anchor (&a [*a]) makes a cycle, refused here.
inline constexpr std::size_t kMaxYamlDepth = 64;

// True when walking `root` as a tree, every alias expanded, visits at most
// kMaxYamlNodes nodes (keys and values) holding at most kMaxYamlScalarBytes
// bytes of scalars, nested at most kMaxYamlDepth levels. Stops at the first
// bound passed, so the check itself costs at most kMaxYamlNodes steps and
// recurses at most kMaxYamlDepth frames.
bool WithinYamlLimits(const YAML::Node& root);

// What to tell the author (bokmål).
std::string YamlTooLargeMessage();

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_YAML_LIMITS_H_
