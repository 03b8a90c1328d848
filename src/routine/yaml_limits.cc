#include "routine/yaml_limits.h"

namespace stafett::routine {
namespace {

struct Budget {
  std::size_t nodes = kMaxYamlNodes;
  std::size_t bytes = kMaxYamlScalarBytes;
};

// yaml-cpp bounds the nesting it parses, but not what aliases build: an
// alias inside its own anchor (&a [*a]) makes a cycle, which expands
// without end. The depth bound ends that walk (and bounds this recursion)
// long before the node bound would, which would come 200,000 frames deep.
bool Fits(const YAML::Node& n, Budget& left, std::size_t depth) {
  if (left.nodes == 0 || depth > kMaxYamlDepth) return false;
  --left.nodes;
  switch (n.Type()) {
    case YAML::NodeType::Scalar: {
      const std::size_t size = n.Scalar().size();
      if (size > left.bytes) return false;
      left.bytes -= size;
      return true;
    }
    case YAML::NodeType::Sequence:
      for (const auto& item : n) {
        if (!Fits(item, left, depth + 1)) return false;
      }
      return true;
    case YAML::NodeType::Map:
      for (const auto& kv : n) {
        if (!Fits(kv.first, left, depth + 1) ||
            !Fits(kv.second, left, depth + 1))
          return false;
      }
      return true;
    default:
      return true;
  }
}

}  // namespace

bool WithinYamlLimits(const YAML::Node& root) {
  Budget left;
  return Fits(root, left, 1);
}

std::string YamlTooLargeMessage() {
  return "filen er for stor eller for dypt nøstet når ankre og aliaser "
         "(&navn og *navn) er skrevet ut: mer enn " +
         std::to_string(kMaxYamlNodes / 1000) + " 000 verdier, " +
         std::to_string(kMaxYamlScalarBytes >> 20) + " MB tekst eller " +
         std::to_string(kMaxYamlDepth) +
         " nivåer. Et alias inne i sitt eget anker gjentar seg uten slutt. "
         "Skriv innholdet ut uten aliaser, eller del filen.";
}

}  // namespace stafett::routine
