// stafett routine simulate FILE [--cases N] [--months M] [--seed S]
//     [--start YYYY-MM] [--profile PROFILE.yaml] [--format json|csv]
//     [--threads T]
//
// What a routine will ask of each service, before it is published
// (engine/simulate.h). Deterministic for a seed and a start month.
#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "app/commands.h"
#include "engine/simulate.h"
#include "routine/loader.h"
#include "routine/sim_profile.h"

namespace stafett::app {
namespace {

constexpr const char* kUsage =
    "bruk: stafett routine simulate FIL [--cases N] [--months M] [--seed S]\n"
    "         [--start ÅÅÅÅ-MM] [--profile PROFIL.yaml] [--format json|csv]\n"
    "         [--threads T]\n";

int Usage(const std::string& problem) {
  std::cerr << "stafett routine simulate: " << problem << "\n" << kUsage;
  return 2;
}

template <class T>
bool Number(const std::string& text, T* out) {
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && p == text.data() + text.size();
}

}  // namespace

int SimulateRoutine(const Args& args) {
  std::string file, profile_file, format = "json", start = "2027-01";
  std::string cases = "1000", months = "12", seed = "1", threads = "1";
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string* target = nullptr;
    if (a == "--cases") target = &cases;
    if (a == "--months") target = &months;
    if (a == "--seed") target = &seed;
    if (a == "--start") target = &start;
    if (a == "--profile") target = &profile_file;
    if (a == "--format") target = &format;
    if (a == "--threads") target = &threads;
    if (target) {
      if (i + 1 >= args.size()) return Usage(a + " mangler verdi");
      *target = args[++i];
      continue;
    }
    if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      return 0;
    }
    if (a.rfind("--", 0) == 0) return Usage("ukjent valg '" + a + "'");
    if (!file.empty()) return Usage("simulate tar én fil");
    file = a;
  }
  if (file.empty()) return Usage("simulate trenger en rutinefil");
  if (format != "json" && format != "csv") {
    return Usage("ukjent format '" + format + "' (json eller csv)");
  }
  engine::SimOptions o;
  if (!Number(cases, &o.cases)) return Usage("--cases skal være et heltall");
  if (!Number(months, &o.months)) return Usage("--months skal være et heltall");
  if (!Number(seed, &o.seed)) return Usage("--seed skal være et heltall ≥ 0");
  if (!Number(threads, &o.threads))
    return Usage("--threads skal være et heltall");
  auto first = ParseDate(start + "-01");
  if (start.size() != 7 || !first.ok()) {
    return Usage("--start skal være en måned, ÅÅÅÅ-MM");
  }
  o.start = *first;

  routine::LoadResult r = routine::LoadRoutineFile(file);
  if (!r.ok()) {
    for (const auto& d : r.diagnostics) std::cerr << d.ToString() << "\n";
    return 1;
  }
  routine::SimProfile profile;
  if (!profile_file.empty()) {
    std::ifstream in(profile_file, std::ios::binary);
    if (!in) {
      std::cerr << profile_file << ":0:0: kan ikke lese filen\n";
      return 1;
    }
    std::stringstream text;
    text << in.rdbuf();
    auto p = routine::ReadSimProfile(text.str(), profile_file, *r.routine);
    if (!p.ok()) {
      for (const auto& d : p.diagnostics) std::cerr << d.ToString() << "\n";
      return 1;
    }
    profile = *p.profile;
  }
  auto result = engine::Simulate(*r.routine, profile, o);
  if (!result.ok()) {
    return Usage("--" + result.status().field() + ": " +
                 result.status().message());
  }
  std::cout << (format == "csv" ? engine::SimResultCsv(*result)
                                : engine::SimResultJson(*result) + "\n");
  return std::cout.good() ? 0 : 3;
}

}  // namespace stafett::app
