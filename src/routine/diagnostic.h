// Diagnostics: problems found in a routine file, each with the file's line
// and column (1-based), printed as FILE:LINE:COLUMN: message. Messages are in
// Norwegian bokmål because municipal administrators read them.
//
// Thread-safety: plain values; a DiagnosticList is used by one thread.
#ifndef STAFETT_ROUTINE_DIAGNOSTIC_H_
#define STAFETT_ROUTINE_DIAGNOSTIC_H_

#include <string>
#include <string_view>
#include <vector>

#include "routine/model.h"

namespace stafett::routine {

// Where byte `pos` of `text` stands for an editor: `line` (0-based, as
// yaml-cpp counts) plus 1, and the column in characters, not bytes (Sami
// letters are two bytes in UTF-8). A `pos` outside the text falls back to
// `column` (0-based bytes) plus 1.
SourcePos PositionInText(std::string_view text, long pos, int line, int column);

struct Diagnostic {
  std::string file;
  int line = 0;  // 0 when the problem concerns the whole file
  int column = 0;
  std::string message;
  // fmtcore (issue 12): a warning does not stop the routine loading;
  // ToString then reads "FILE:LINE:COLUMN: advarsel: message".
  bool warning = false;
  // "FILE:LINE:COLUMN: message"
  std::string ToString() const;
};

// Collects the diagnostics of one file.
class DiagnosticList {
 public:
  explicit DiagnosticList(std::string file) : file_(std::move(file)) {}

  void Add(SourcePos pos, std::string message);
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::string& file() const { return file_; }
  // The diagnostics in file order (by line, then column; ties keep the order
  // they were found in), at most kMaxDiagnostics of them and then one that
  // counts the rest. Leaves the list empty.
  std::vector<Diagnostic> Take();
  static constexpr std::size_t kMaxDiagnostics = 100;

  // --- fmtcore (issue 12): warnings, kept apart from the errors above (a
  // warning never makes empty() false, so the routine still loads). ---
  void AddWarning(SourcePos pos, std::string message);
  // The warnings in file order; leaves them empty.
  std::vector<Diagnostic> TakeWarnings();

 private:
  std::string file_;
  std::vector<Diagnostic> items_;
  std::vector<Diagnostic> warnings_;
};

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_DIAGNOSTIC_H_
