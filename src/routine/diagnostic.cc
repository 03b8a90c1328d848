#include "routine/diagnostic.h"

#include <algorithm>

namespace stafett::routine {

std::string Diagnostic::ToString() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) +
         ": " + message;
}

void DiagnosticList::Add(SourcePos pos, std::string message) {
  items_.push_back(Diagnostic{file_, pos.line, pos.column, std::move(message)});
}

std::vector<Diagnostic> DiagnosticList::Take() {
  // Rules run one after another, so an administrator would otherwise read
  // the file top to bottom several times.
  std::stable_sort(items_.begin(), items_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     if (a.line != b.line) return a.line < b.line;
                     return a.column < b.column;
                   });
  std::vector<Diagnostic> out = std::move(items_);
  items_.clear();
  return out;
}

}  // namespace stafett::routine
