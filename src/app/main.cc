// stafett: one binary, many subcommands (see app/commands.h).
#include <cstring>
#include <exception>
#include <iostream>
#include <string>

#include "app/commands.h"

namespace {

struct Subcommand {
  const char* name;
  int (*run)(const stafett::app::Args&);
  const char* help;
};

const Subcommand kSubcommands[] = {
    {"serve", stafett::app::RunServe, "run the HTTP service"},
    {"routine", stafett::app::RunRoutine,
     "check FILE... | render FILE --format dot|mermaid|json"},
    {"pii", stafett::app::RunPii, "scan: find identifiers in text on stdin"},
    {"token", stafett::app::RunToken,
     "--tenant T --service S --role R: a development token"},
    {"migrate", stafett::app::RunMigrate, "apply database migrations"},
    {"audit", stafett::app::RunAudit,
     "verify | checkpoint | purge: the journal's hash chain"},
};

void Usage(std::ostream& out) {
  out << "usage: stafett <command> [args]\n\ncommands:\n";
  for (const auto& s : kSubcommands) {
    out << "  " << s.name << std::string(10 - std::strlen(s.name), ' ')
        << s.help << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    Usage(std::cerr);
    return 2;
  }
  std::string name = argv[1];
  if (name == "-h" || name == "--help" || name == "help") {
    Usage(std::cout);
    return 0;
  }
  stafett::app::Args args(argv + 2, argv + argc);
  for (const auto& s : kSubcommands) {
    if (name == s.name) {
      try {
        return s.run(args);
      } catch (const std::exception& e) {
        std::cerr << "stafett " << name << ": " << e.what() << "\n";
        return 3;
      }
    }
  }
  std::cerr << "stafett: unknown command '" << name << "'\n";
  Usage(std::cerr);
  return 2;
}
