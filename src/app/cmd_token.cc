// PLACEHOLDER: replaced by the real subcommand.
#include <iostream>

#include "app/commands.h"

namespace stafett::app {

int RunToken(const Args&) {
  std::cerr << "stafett token: not built yet\n";
  return 3;
}

}  // namespace stafett::app
