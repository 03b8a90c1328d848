// The encoding check a routine file passes before YAML sees it
// (routine/utf8_check.h).
#include "routine/utf8_check.h"

#include <string>

namespace stafett::routine {

namespace {

std::string HexByte(unsigned char b) {
  static const char kHex[] = "0123456789ABCDEF";
  return std::string("0x") + kHex[b >> 4] + kHex[b & 15];
}

// The length of the valid UTF-8 sequence at s[i], or 0. Strict (RFC 3629):
// no overlong forms, nothing above U+10FFFF, no surrogates.
std::size_t Utf8SequenceAt(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
  };
  const unsigned char c = b(0);
  const auto cont = [&](std::size_t k) { return (b(k) & 0xC0) == 0x80; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
    return b(1) >= lo && b(1) <= hi && cont(2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
    return b(1) >= lo && b(1) <= hi && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

}  // namespace

bool CheckUtf8(std::string_view text, DiagnosticList* diags) {
  const auto starts = [&](std::string_view p) {
    return text.substr(0, p.size()) == p;
  };
  if (starts("\xFF\xFE") || starts("\xFE\xFF") ||
      (text.size() >= 2 && (text[0] == '\0' || text[1] == '\0'))) {
    diags->Add(SourcePos{1, 1},
               "filen er lagret som UTF-16; lagre den som UTF-8 (uten "
               "byte-rekkefølgemerke)");
    return false;
  }
  int line = 1, column = 1, found = 0;
  for (std::size_t i = 0; i < text.size() && found < 20;) {
    const std::size_t n = Utf8SequenceAt(text, i);
    const auto c = static_cast<unsigned char>(text[i]);
    if (n == 0) {
      ++found;
      const auto next =
          i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
      std::string why;
      if (c == 0xED && next >= 0xA0 && next <= 0xBF) {
        why =
            "et surrogat (U+D800–U+DFFF) kodet som UTF-8 (CESU-8/WTF-8) er "
            "ikke gyldig UTF-8; skriv tegnet som ett tegn, ikke som et "
            "surrogatpar";
      } else {
        why = "byten " + HexByte(c) +
              " er ikke gyldig UTF-8 (er filen lagret som Latin-1 eller "
              "Windows-1252?); lagre den som UTF-8";
      }
      diags->Add(SourcePos{line, column}, why);
      // Skip the broken sequence (its lead byte and up to three
      // continuation bytes), so one bad character is one diagnostic.
      ++i;
      for (int k = 0; k < 3 && i < text.size() &&
                      (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
           ++k) {
        ++i;
      }
      ++column;
      continue;
    }
    if (c == '\0') {
      ++found;
      diags->Add(SourcePos{line, column},
                 "filen inneholder et NUL-tegn (0x00); det hører ikke "
                 "hjemme i en tekstfil");
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += n;
  }
  return found == 0;
}

}  // namespace stafett::routine
