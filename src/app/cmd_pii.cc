// PLACEHOLDER: replaced by the real subcommand.
#include <iostream>

#include "app/commands.h"

namespace stafett::app {

int RunPii(const Args&) {
  std::cerr << "stafett pii: not built yet\n";
  return 3;
}

}  // namespace stafett::app
