// stafett routine check FILE|DIR... | render FILE --format dot|mermaid|json
//                 | simulate FILE ... (cmd_routine_simulate.cc)
//                 | publish FILE ... (cmd_routine_publish.cc)
//                 | migrate ... (cmd_routine_migrate.cc)
//
// `check` is what an administrator runs before committing a routine: it
// prints every problem as FILE:LINE:COLUMN: message (bokmål) and checks the
// files as a set too (routine/validate.h). `render` draws a valid routine.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "app/commands.h"
#include "routine/loader.h"
#include "routine/render.h"

namespace stafett::app {

namespace {

constexpr const char* kUsage =
    "bruk: stafett routine check FIL|KATALOG...\n"
    "      stafett routine render FIL --format dot|mermaid|json [--lang "
    "nb|nn|en|se]\n"
    "      stafett routine simulate FIL [--cases N] [--months M] [--seed S]\n"
    "         [--start ÅÅÅÅ-MM] [--profile PROFIL.yaml] [--format json|csv]\n"
    "      stafett routine publish FIL [--db URL] [--dry-run]\n"
    "      stafett routine migrate --tenant T --routine R --to VERSJON\n"
    "         [--map GAMMELT=NYTT ...] [--dry-run] [--db URL]\n";

int Usage(const std::string& problem) {
  std::cerr << "stafett routine: " << problem << "\n" << kUsage;
  return 2;
}

// A directory stands for the routine files directly in it, as `serve`
// would load them.
std::vector<std::string> ExpandPaths(const Args& args) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& a : args) {
    std::error_code ec;
    if (!fs::is_directory(a, ec)) {
      out.push_back(a);
      continue;
    }
    std::vector<std::string> in_dir;
    for (fs::directory_iterator it(a, ec), end; !ec && it != end;
         it.increment(ec)) {
      auto ext = it->path().extension();
      if ((ext == ".yaml" || ext == ".yml") && it->is_regular_file()) {
        in_dir.push_back(it->path().string());
      }
    }
    std::sort(in_dir.begin(), in_dir.end());
    if (in_dir.empty()) in_dir.push_back(a);  // reported as unreadable
    out.insert(out.end(), in_dir.begin(), in_dir.end());
  }
  return out;
}

int Check(const Args& args) {
  if (args.empty()) return Usage("check trenger minst én fil");
  for (const auto& a : args) {
    if (a.rfind("--", 0) == 0) return Usage("ukjent valg '" + a + "'");
  }
  const std::vector<std::string> paths = ExpandPaths(args);
  std::vector<routine::LoadResult> results = routine::LoadRoutineFiles(paths);
  int problems = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    if (r.ok()) {
      std::cout << paths[i] << ": ok (" << r.routine->id << " versjon "
                << r.routine->version << ", " << r.routine->steps.size()
                << " steg, sha256 " << r.routine->hash.substr(0, 12) << ")\n";
      continue;
    }
    for (const auto& d : r.diagnostics) std::cout << d.ToString() << "\n";
    problems += static_cast<int>(r.diagnostics.size());
  }
  if (problems > 0) {
    std::cout << problems << " feil funnet\n";
    return 1;
  }
  return 0;
}

int Render(const Args& args) {
  std::string file, format, lang = "nb";
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const std::string& flag, std::string* out) {
      if (a == flag) {
        if (i + 1 >= args.size()) return false;
        *out = args[++i];
        return true;
      }
      if (a.rfind(flag + "=", 0) == 0) {
        *out = a.substr(flag.size() + 1);
        return true;
      }
      return false;
    };
    if (value("--format", &format) || value("--lang", &lang)) continue;
    if (a == "--format" || a == "--lang") return Usage(a + " mangler verdi");
    if (a.rfind("--", 0) == 0) return Usage("ukjent valg '" + a + "'");
    if (!file.empty()) return Usage("render tar én fil");
    file = a;
  }
  if (file.empty()) return Usage("render trenger en fil");
  if (format != "dot" && format != "mermaid" && format != "json") {
    return Usage(format.empty() ? "render trenger --format dot|mermaid|json"
                                : "ukjent format '" + format + "'");
  }
  if (lang != "nb" && lang != "nn" && lang != "en" && lang != "se") {
    return Usage("ukjent språk '" + lang + "'");
  }

  routine::LoadResult r = routine::LoadRoutineFile(file);
  if (!r.ok()) {
    for (const auto& d : r.diagnostics) std::cerr << d.ToString() << "\n";
    return 1;
  }
  if (format == "dot") {
    std::cout << routine::RenderDot(*r.routine, lang);
  } else if (format == "mermaid") {
    std::cout << routine::RenderMermaid(*r.routine, lang);
  } else {
    std::cout << routine::RenderJson(*r.routine, lang) << "\n";
  }
  return std::cout.good() ? 0 : 3;
}

}  // namespace

int RunRoutine(const Args& args) {
  if (args.empty()) return Usage("mangler underkommando");
  const std::string& sub = args[0];
  Args rest(args.begin() + 1, args.end());
  if (sub == "check") return Check(rest);
  if (sub == "render") return Render(rest);
  if (sub == "simulate") return SimulateRoutine(rest);
  if (sub == "publish") return PublishRoutineFile(rest);
  if (sub == "migrate") return MigrateRoutineCasesCommand(rest);
  if (sub == "-h" || sub == "--help" || sub == "help") {
    std::cout << kUsage;
    return 0;
  }
  return Usage("ukjent underkommando '" + sub + "'");
}

}  // namespace stafett::app
