#include "core/sha256.h"

#include <string>

#include <gtest/gtest.h>

namespace stafett {
namespace {

struct HashCase {
  std::string input;
  const char* hex;
};

// FIPS 180-4 example messages (NIST CSRC "SHA256.pdf" and the long message).
TEST(Sha256Test, NistVectors) {
  const HashCase cases[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc",
       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {std::string(1000000, 'a'),
       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Sha256Hex(c.input), c.hex) << "input size " << c.input.size();
  }
}

// Lengths around the padding boundary (55, 56, 63, 64 bytes) take the one-
// and two-block padding paths; values from Python's hashlib.
TEST(Sha256Test, PaddingBoundaries) {
  const HashCase cases[] = {
      {std::string(55, 'a'),
       "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
      {std::string(56, 'a'),
       "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
      {std::string(63, 'a'),
       "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
      {std::string(64, 'a'),
       "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Sha256Hex(c.input), c.hex) << "input size " << c.input.size();
  }
}

TEST(Sha256Test, RawDigestMatchesHex) {
  auto digest = Sha256("abc");
  EXPECT_EQ(digest[0], 0xba);
  EXPECT_EQ(digest[31], 0xad);
}

struct HmacCase {
  const char* name;
  std::string key;
  std::string data;
  const char* hex;
};

// RFC 4231 section 4, HMAC-SHA-256 results.
TEST(HmacSha256Test, Rfc4231Vectors) {
  const HmacCase cases[] = {
      {"case 1", std::string(20, '\x0b'), "Hi There",
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {"case 2", "Jefe", "what do ya want for nothing?",
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {"case 6", std::string(131, '\xaa'),
       "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
      {"case 7", std::string(131, '\xaa'),
       "This is a test using a larger than block-size key and a larger than "
       "block-size data. The key needs to be hashed before being used by the "
       "HMAC algorithm.",
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(HmacSha256Hex(c.key, c.data), c.hex) << c.name;
  }
}

// The SHA-NI path (when this CPU has it) and the portable one agree on
// every length up to three blocks past a page, over varied bytes.
TEST(Sha256Test, AcceleratedMatchesPortable) {
  if (!Sha256Accelerated()) GTEST_SKIP() << "no SHA instructions on this CPU";
  std::string data;
  for (int n = 0; n <= 4096 + 192; ++n) {
    ASSERT_EQ(Sha256(data), Sha256Portable(data)) << "length " << n;
    data.push_back(static_cast<char>((n * 131 + 7) & 0xff));
  }
}

}  // namespace
}  // namespace stafett
