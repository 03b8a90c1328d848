// stafett pii scan: reports identifiers in text read from stdin, so that
// exports and imported notes can be checked before they reach Stafett.
// Prints LINE:COLUMN: KIND: description per finding (1-based; the column
// counts UTF-8 code points), never the value found.
#include <cstddef>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>

#include "app/commands.h"
#include "core/pii_guard.h"

namespace stafett::app {
namespace {

constexpr char kUsage[] =
    "usage: stafett pii scan < TEXT\n"
    "  Leser tekst fra standard inn og viser linje:kolonne for hvert\n"
    "  fødselsnummer, telefonnummer og e-postadresse, uten selve verdien.\n"
    "  Avslutter med 1 når noe er funnet, 0 når teksten er ren.\n";

bool IsContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

int RunPii(const Args& args) {
  if (args.size() == 1 && (args[0] == "-h" || args[0] == "--help")) {
    std::cout << kUsage;
    return 0;
  }
  if (args.size() != 1 || args[0] != "scan") {
    std::cerr << kUsage;
    return 2;
  }
  std::string text{std::istreambuf_iterator<char>(std::cin),
                   std::istreambuf_iterator<char>()};
  if (std::cin.bad()) {
    std::cerr << "stafett pii: kunne ikke lese standard inn\n";
    return 3;
  }
  auto findings = ScanPii(text);

  // Findings come ordered by offset, so one forward pass places them all.
  std::size_t pos = 0, line = 1, column = 1;
  for (const auto& f : findings) {
    for (; pos < f.offset; ++pos) {
      if (text[pos] == '\n') {
        ++line;
        column = 1;
      } else if (!IsContinuationByte(text[pos])) {
        ++column;
      }
    }
    std::cout << line << ':' << column << ": " << PiiKindName(f.kind) << ": "
              << f.description << '\n';
  }
  return findings.empty() ? 0 : 1;
}

}  // namespace stafett::app
