// Properties of the encoding check (routine/utf8_check.h); the messages and
// the loader's use of it are tested through the reader (reader_test.cc).
#include "routine/utf8_check.h"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace stafett::routine {
namespace {

// What a routine file may hold: ASCII, Norwegian and North Sami letters,
// typographic marks, a CJK character, an emoji (4 bytes), line breaks.
const std::vector<std::string> kChars = {"a",
                                         "Z",
                                         "7",
                                         " ",
                                         ":",
                                         "-",
                                         "\t",
                                         "\n",
                                         "\n",
                                         "æ",
                                         "ø",
                                         "å",
                                         "Å",
                                         "á",
                                         "č",
                                         "đ",
                                         "ŋ",
                                         "š",
                                         "ŧ",
                                         "ž",
                                         "Ŋ",
                                         "–",
                                         "«",
                                         "»",
                                         "€",
                                         "中",
                                         "😀",
                                         "\xEF\xBF\xBD" /* U+FFFD */,
                                         "\xF4\x8F\xBF\xBF" /* U+10FFFF */};

// Bytes that can never start a UTF-8 character: continuation bytes, the
// overlong leads C0 and C1, and F5-FF (beyond U+10FFFF).
std::vector<unsigned char> StrayBytes() {
  std::vector<unsigned char> out;
  for (int b = 0x80; b <= 0xBF; ++b)
    out.push_back(static_cast<unsigned char>(b));
  for (int b : {0xC0, 0xC1}) out.push_back(static_cast<unsigned char>(b));
  for (int b = 0xF5; b <= 0xFF; ++b)
    out.push_back(static_cast<unsigned char>(b));
  return out;
}

struct Text {
  std::vector<std::string> chars;
  std::string Join() const {
    std::string s;
    for (const auto& c : chars) s += c;
    return s;
  }
};

Text RandomText(std::mt19937& rng) {
  std::uniform_int_distribution<std::size_t> len(0, 200);
  std::uniform_int_distribution<std::size_t> pick(0, kChars.size() - 1);
  Text t;
  const std::size_t n = len(rng);
  for (std::size_t i = 0; i < n; ++i) t.chars.push_back(kChars[pick(rng)]);
  // A file that starts with a tab or newline is fine; one that starts with
  // NUL is not (it reads as UTF-16), and kChars has no NUL.
  return t;
}

TEST(Utf8CheckTest, EveryValidTextPasses) {
  std::mt19937 rng(20261130);
  for (int i = 0; i < 2000; ++i) {
    const std::string s = RandomText(rng).Join();
    DiagnosticList diags("f.yaml");
    EXPECT_TRUE(CheckUtf8(s, &diags)) << s;
    EXPECT_TRUE(diags.empty());
  }
}

TEST(Utf8CheckTest, OneStrayByteIsOneDiagnosticAtItsLineAndColumn) {
  std::mt19937 rng(424242);
  const std::vector<unsigned char> stray = StrayBytes();
  std::uniform_int_distribution<std::size_t> which(0, stray.size() - 1);
  for (int i = 0; i < 2000; ++i) {
    const Text t = RandomText(rng);
    std::uniform_int_distribution<std::size_t> at(0, t.chars.size());
    const std::size_t k = at(rng);
    // Where the stray byte lands, counted as the reader counts: characters.
    int line = 1, column = 1;
    std::string s;
    for (std::size_t j = 0; j < k; ++j) {
      s += t.chars[j];
      if (t.chars[j] == "\n") {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    const unsigned char b = stray[which(rng)];
    s.push_back(static_cast<char>(b));
    for (std::size_t j = k; j < t.chars.size(); ++j) s += t.chars[j];

    DiagnosticList diags("f.yaml");
    EXPECT_FALSE(CheckUtf8(s, &diags));
    const std::vector<Diagnostic> found = diags.Take();
    ASSERT_EQ(found.size(), 1u) << "byte " << int(b) << " at " << k;
    EXPECT_EQ(found[0].line, line);
    EXPECT_EQ(found[0].column, column);
  }
}

TEST(Utf8CheckTest, ATruncatedCharacterAtTheEndIsReported) {
  for (const std::string& c : kChars) {
    if (c.size() < 2) continue;
    for (std::size_t cut = 1; cut < c.size(); ++cut) {
      const std::string s = "id: x\n" + c.substr(0, cut);
      DiagnosticList diags("f.yaml");
      EXPECT_FALSE(CheckUtf8(s, &diags)) << c << " cut at " << cut;
      const std::vector<Diagnostic> found = diags.Take();
      ASSERT_EQ(found.size(), 1u);
      EXPECT_EQ(found[0].line, 2);
      EXPECT_EQ(found[0].column, 1);
    }
  }
}

TEST(Utf8CheckTest, ReportsAtMostTwentyProblems) {
  const std::string latin1(100, '\xE6');  // "æææ..." saved as Latin-1
  DiagnosticList diags("f.yaml");
  EXPECT_FALSE(CheckUtf8(latin1, &diags));
  EXPECT_EQ(diags.size(), 20u);
}

}  // namespace
}  // namespace stafett::routine
