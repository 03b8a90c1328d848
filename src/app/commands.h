// The `stafett` subcommands. Each lives in its own cmd_*.cc and takes the
// arguments after its name (args[0] is the first argument, not the name).
// Each returns the process exit code and writes to stdout/stderr only.
//
// Exit codes: 0 success, 1 the command found problems (invalid routine, PII
// found), 2 usage error, 3 runtime failure (database, network).
#ifndef STAFETT_APP_COMMANDS_H_
#define STAFETT_APP_COMMANDS_H_

#include <string>
#include <vector>

namespace stafett::app {

using Args = std::vector<std::string>;

int RunServe(
    const Args& args);  // stafett serve [--listen ..] [--db ..] [--routines ..]
int RunRoutine(const Args& args);  // stafett routine check FILE... | render
                                   // FILE --format dot|mermaid|json
                                   // | simulate FILE ...
// `stafett routine simulate`, called by RunRoutine (cmd_routine_simulate.cc).
int SimulateRoutine(const Args& args);
// `stafett routine publish` and `migrate` (cmd_routine_publish.cc,
// cmd_routine_migrate.cc), called by RunRoutine.
int PublishRoutineFile(const Args& args);
int MigrateRoutineCasesCommand(const Args& args);
int RunPii(const Args& args);  // stafett pii scan  (text on stdin)
int RunToken(
    const Args& args);  // stafett token --tenant T --service S --role R
int RunMigrate(const Args& args);  // stafett migrate [--db ..]
int RunAudit(
    const Args& args);  // stafett audit verify|checkpoint|purge [--db ..]

}  // namespace stafett::app

#endif  // STAFETT_APP_COMMANDS_H_
