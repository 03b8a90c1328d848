// PLACEHOLDER: replaced by the real subcommand.
#include <iostream>

#include "app/commands.h"

namespace stafett::app {

int RunAudit(const Args&) {
  std::cerr << "stafett audit: not built yet\n";
  return 3;
}

}  // namespace stafett::app
