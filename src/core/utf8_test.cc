#include "core/utf8.h"

#include <gtest/gtest.h>

namespace stafett {
namespace {

// Each length's first and last code point, and the Sami letters the
// catalogues must keep intact.
TEST(AppendUtf8Test, EncodesEveryLengthAndSamiLetters) {
  struct Case {
    std::uint32_t cp;
    std::string bytes;
  };
  const Case cases[] = {
      {0x00, std::string("\0", 1)},
      {0x7f, "\x7f"},
      {0x80, "\xc2\x80"},
      {0x7ff, "\xdf\xbf"},
      {0x800, "\xe0\xa0\x80"},
      {0xffff, "\xef\xbf\xbf"},
      {0x10000, "\xf0\x90\x80\x80"},
      {0x10ffff, "\xf4\x8f\xbf\xbf"},
      {0xe1, "á"},
      {0x10d, "č"},
      {0x111, "đ"},
      {0x14b, "ŋ"},
      {0x161, "š"},
      {0x167, "ŧ"},
      {0x17e, "ž"},
  };
  for (const auto& c : cases) {
    std::string out = "x";
    AppendUtf8(c.cp, &out);
    EXPECT_EQ(out, "x" + c.bytes) << std::hex << c.cp;
  }
}

}  // namespace
}  // namespace stafett
