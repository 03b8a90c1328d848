// PLACEHOLDER: replaced by the real subcommand.
#include <iostream>

#include "app/commands.h"

namespace stafett::app {

int RunServe(const Args&) {
  std::cerr << "stafett serve: not built yet\n";
  return 3;
}

}  // namespace stafett::app
