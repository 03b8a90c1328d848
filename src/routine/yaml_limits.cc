#include "routine/yaml_limits.h"

namespace stafett::routine {
namespace {

struct Budget {
  std::size_t nodes = kMaxYamlNodes;
  std::size_t bytes = kMaxYamlScalarBytes;
};

// Recursion depth is bounded by yaml-cpp's parser, which refuses documents
// nested deeper than a few thousand levels.
bool Fits(const YAML::Node& n, Budget& left) {
  if (left.nodes == 0) return false;
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
        if (!Fits(item, left)) return false;
      }
      return true;
    case YAML::NodeType::Map:
      for (const auto& kv : n) {
        if (!Fits(kv.first, left) || !Fits(kv.second, left)) return false;
      }
      return true;
    default:
      return true;
  }
}

}  // namespace

bool WithinYamlLimits(const YAML::Node& root) {
  Budget left;
  return Fits(root, left);
}

std::string YamlTooLargeMessage() {
  return "filen blir for stor når ankre og aliaser (&navn og *navn) er "
         "skrevet ut: mer enn " +
         std::to_string(kMaxYamlNodes / 1000) + " 000 verdier eller " +
         std::to_string(kMaxYamlScalarBytes >> 20) +
         " MB tekst. Skriv innholdet ut uten aliaser, eller del filen.";
}

}  // namespace stafett::routine
