// PLACEHOLDER: replaced by the real subcommand.
#include <iostream>

#include "app/commands.h"

namespace stafett::app {

int RunMigrate(const Args&) {
  std::cerr << "stafett migrate: not built yet\n";
  return 3;
}

}  // namespace stafett::app
