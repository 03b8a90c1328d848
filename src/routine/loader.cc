#include "routine/loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/sha256.h"
#include "routine/reader.h"
#include "routine/source_map.h"
#include "routine/validate.h"

namespace stafett::routine {

namespace {

// One file on its way in: the set rules need its positions after the
// file's own rules have run.
struct Loading {
  std::shared_ptr<Routine> routine = std::make_shared<Routine>();
  SourceMap where;
  DiagnosticList diags;

  explicit Loading(const std::string& name) : diags(name) {}

  LoadResult Finish() {
    LoadResult out;
    out.diagnostics = diags.Take();
    out.warnings = diags.TakeWarnings();  // fmtcore (issue 12)
    if (out.diagnostics.empty()) out.routine = std::move(routine);
    return out;
  }
};

void LoadInto(std::string_view text, const std::string& name, Loading* l) {
  l->routine->source_name = name;
  l->routine->source_text = std::string(text);
  l->routine->hash = Sha256Hex(text);
  if (ReadRoutine(text, l->routine.get(), &l->where, &l->diags)) {
    ValidateRoutine(*l->routine, l->where, &l->diags);
  }
}

void LoadFileInto(const std::string& path, Loading* l) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    l->diags.Add(SourcePos{0, 0}, "er en katalog, ikke en rutinefil");
    return;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  if (in) bytes << in.rdbuf();
  if (!in || in.bad()) {
    l->diags.Add(SourcePos{0, 0}, "kan ikke lese filen");
    return;
  }
  LoadInto(bytes.str(), path, l);
}

}  // namespace

LoadResult LoadRoutineText(std::string_view text, const std::string& name) {
  Loading l(name);
  LoadInto(text, name, &l);
  return l.Finish();
}

LoadResult LoadRoutineFile(const std::string& path) {
  Loading l(path);
  LoadFileInto(path, &l);
  return l.Finish();
}

std::vector<LoadResult> LoadRoutineFiles(
    const std::vector<std::string>& paths) {
  std::vector<std::unique_ptr<Loading>> loading;
  std::vector<RoutineSource> valid;
  for (const auto& path : paths) {
    loading.push_back(std::make_unique<Loading>(path));
    Loading& l = *loading.back();
    LoadFileInto(path, &l);
    if (l.diags.empty())
      valid.push_back(RoutineSource{l.routine.get(), &l.where, &l.diags});
  }
  ValidateRoutineSet(valid);
  std::vector<LoadResult> out;
  for (auto& l : loading) out.push_back(l->Finish());
  return out;
}

std::vector<LoadResult> LoadRoutineDir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::string> paths;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    const fs::path& p = it->path();
    if ((p.extension() == ".yaml" || p.extension() == ".yml") &&
        it->is_regular_file()) {
      paths.push_back(p.string());
    }
  }
  if (ec) {
    LoadResult bad;
    bad.diagnostics.push_back(
        Diagnostic{dir, 0, 0, "kan ikke lese katalogen: " + ec.message()});
    return {bad};
  }
  std::sort(paths.begin(), paths.end());
  return LoadRoutineFiles(paths);
}

}  // namespace stafett::routine
