// PLACEHOLDER: replaced by the real subcommand.
#include <iostream>

#include "app/commands.h"

namespace stafett::app {

int RunRoutine(const Args&) {
  std::cerr << "stafett routine: not built yet\n";
  return 3;
}

}  // namespace stafett::app
