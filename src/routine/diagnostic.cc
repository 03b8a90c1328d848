#include "routine/diagnostic.h"

#include <algorithm>

namespace stafett::routine {

SourcePos PositionInText(std::string_view text, long pos, int line,
                         int column) {
  if (pos < 0 || static_cast<std::size_t>(pos) > text.size()) {
    return SourcePos{line + 1, column + 1};
  }
  const std::size_t at = static_cast<std::size_t>(pos);
  std::size_t start =
      at == 0 ? std::string_view::npos : text.rfind('\n', at - 1);
  start = start == std::string_view::npos ? 0 : start + 1;
  int chars = 1;
  for (std::size_t i = start; i < at; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
  }
  return SourcePos{line + 1, chars};
}

std::string Diagnostic::ToString() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) +
         ": " + (warning ? "advarsel: " : "") + message;
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
  // A file can break one rule many thousand times (a list of aliases); the
  // person reading needs the first ones and the count, and the API's
  // answer stays small.
  if (out.size() > kMaxDiagnostics) {
    const std::size_t more = out.size() - kMaxDiagnostics;
    const Diagnostic next = out[kMaxDiagnostics];
    out.resize(kMaxDiagnostics);
    out.push_back(Diagnostic{
        file_, next.line, next.column,
        "og " + std::to_string(more) +
            " feil til herfra; rett de første og sjekk filen igjen"});
  }
  return out;
}

void DiagnosticList::AddWarning(SourcePos pos, std::string message) {
  warnings_.push_back(
      Diagnostic{file_, pos.line, pos.column, std::move(message), true});
}

std::vector<Diagnostic> DiagnosticList::TakeWarnings() {
  std::stable_sort(warnings_.begin(), warnings_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     if (a.line != b.line) return a.line < b.line;
                     return a.column < b.column;
                   });
  std::vector<Diagnostic> out = std::move(warnings_);
  warnings_.clear();
  return out;
}

}  // namespace stafett::routine
