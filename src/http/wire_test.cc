// The request-head rules of http/wire.h, table-driven, and the chunked
// decoder fed every way a body can be split across reads.
#include "http/wire.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace stafett::http::wire {
namespace {

// The head, or the refusal's status (0 when accepted) in *status.
Head Parse(const std::string& headers,
           const std::string& line = "POST /x HTTP/1.1", int* status = nullptr,
           const Limits& limits = {}) {
  Head h;
  Refusal r;
  const bool ok = ParseHead(line + "\r\n" + headers + "\r\n", limits, &h, &r);
  if (status) *status = ok ? 0 : r.status;
  if (!ok) {
    EXPECT_FALSE(r.detail.empty());
  }
  return h;
}

TEST(WireTest, ContentLengthMustBeDigitsGivenOnce) {
  struct Case {
    const char* headers;
    int status;  // 0: accepted
    std::uint64_t length;
  } cases[] = {
      {"Content-Length: 3\r\n", 0, 3},
      {"Content-Length: 0\r\n", 0, 0},
      {"content-length:   12  \r\n", 0, 12},
      {"Content-Length: 3\r\nContent-Length: 3\r\n", 0, 3},
      {"Content-Length: 3, 3\r\n", 0, 3},
      {"Content-Length: 999999999999999999\r\n", 0, 999999999999999999ull},
      {"Content-Length: 1e3\r\n", 400, 0},
      {"Content-Length: 9999999999999999999\r\n", 400, 0},
      {"Content-Length: 99999999999999999999999999\r\n", 400, 0},
      {"Content-Length: -1\r\n", 400, 0},
      {"Content-Length: +1\r\n", 400, 0},
      {"Content-Length: 0x10\r\n", 400, 0},
      {"Content-Length: \r\n", 400, 0},
      {"Content-Length: 3 3\r\n", 400, 0},
      {"Content-Length: 3\r\nContent-Length: 4\r\n", 400, 0},
      {"Content-Length: 3, 4\r\n", 400, 0},
      {"Content-Length: 3,\r\n", 400, 0},
      {"Content-Length: 3\r\nTransfer-Encoding: chunked\r\n", 400, 0},
      {"Transfer-Encoding: gzip\r\n", 400, 0},
      {"Transfer-Encoding: gzip, chunked\r\n", 400, 0},
      // Repeated, the field is one list (found in review: the last won).
      {"Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", 400, 0},
      {"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", 400, 0},
  };
  for (const auto& c : cases) {
    int status = -1;
    Head h = Parse(c.headers, "POST /x HTTP/1.1", &status);
    EXPECT_EQ(status, c.status) << c.headers;
    if (c.status == 0) {
      EXPECT_EQ(h.framing, Framing::kLength) << c.headers;
      EXPECT_EQ(h.content_length, c.length) << c.headers;
    }
  }
}

TEST(WireTest, RequestLineAndHeaderSyntax) {
  struct Case {
    const char* line;
    std::string headers;
    bool ok;
  } cases[] = {
      {"GET / HTTP/1.1", "Host: a\r\n", true},
      {"GET /a?b=c HTTP/1.0", "", true},
      {"GET / HTTP/2.0", "", false},
      {"GET / HTTP/1.1 extra", "", false},
      {"GET  / HTTP/1.1", "", false},
      {"GET /a b HTTP/1.1", "", false},
      {"G\x01T / HTTP/1.1", "", false},
      {"GET /\x7f HTTP/1.1", "", false},
      {"GET / HTTP/1.1", "Bad Name: x\r\n", false},
      {"GET / HTTP/1.1", "NoColon\r\n", false},
      {"GET / HTTP/1.1", ": empty-name\r\n", false},
      {"GET / HTTP/1.1", "X: a\r\n folded\r\n", false},
      {"GET / HTTP/1.1", std::string("X: a\0b\r\n", 8), false},
      {"GET / HTTP/1.1", "X: tab\there\r\n", true},
      {"GET / HTTP/1.0", "Transfer-Encoding: chunked\r\n", false},
  };
  for (const auto& c : cases) {
    int status = -1;
    Parse(c.headers, c.line, &status);
    EXPECT_EQ(status, c.ok ? 0 : 400) << c.line << " | " << c.headers;
  }
}

TEST(WireTest, KeepAliveFollowsVersionAndConnection) {
  EXPECT_TRUE(Parse("", "GET / HTTP/1.1").keep_alive);
  EXPECT_FALSE(Parse("Connection: close\r\n", "GET / HTTP/1.1").keep_alive);
  EXPECT_FALSE(Parse("", "GET / HTTP/1.0").keep_alive);
  EXPECT_TRUE(Parse("Connection: Keep-Alive\r\n", "GET / HTTP/1.0").keep_alive);
  EXPECT_TRUE(Parse("Expect: 100-continue\r\n").expect_continue);
  EXPECT_EQ(Parse("Transfer-Encoding: Chunked\r\n").framing, Framing::kChunked);
  EXPECT_EQ(Parse("").framing, Framing::kNone);
}

TEST(WireTest, HeadLimits) {
  Limits small;
  small.max_head_bytes = 100;
  small.max_headers = 2;
  int status = 0;
  Parse("X: " + std::string(200, 'a') + "\r\n", "GET / HTTP/1.1", &status,
        small);
  EXPECT_EQ(status, 431);
  Parse("A: 1\r\nB: 2\r\nC: 3\r\n", "GET / HTTP/1.1", &status, small);
  EXPECT_EQ(status, 431);
  Parse("", "GET /" + std::string(kMaxTargetBytes, 'a') + " HTTP/1.1", &status);
  EXPECT_EQ(status, 400);
}

TEST(WireTest, HeadEndAndBlankLines) {
  EXPECT_EQ(HeadEnd("GET / HTTP/1.1\r\nA: b\r\n"), std::string::npos);
  EXPECT_EQ(HeadEnd("GET / HTTP/1.1\r\n\r\nrest"), 18u);
  EXPECT_EQ(HeadEnd("GET / HTTP/1.1\n\nrest"), 16u);
  EXPECT_EQ(LeadingBlankLines("\r\n\r\nGET"), 4u);
}

// The edge loop resumes the search where the last read left it. For every
// head and every way of cutting it into reads, the end found that way is
// the end a whole scan finds: also when the blank line itself is cut.
TEST(WireTest, HeadEndResumedAfterEveryReadFindsTheSameEnd) {
  std::mt19937 rng(11);
  const std::vector<std::string> heads = {
      "GET / HTTP/1.1\r\nA: b\r\n\r\nbody",
      "GET / HTTP/1.1\n\nbody",
      "GET / HTTP/1.1\r\nA: b\n\r\nx",
      "GET / HTTP/1.1\r\nA: b\r\nC: \r\r\n\r\n",
      "GET / HTTP/1.1\r\nA: b\r\n",  // not complete
      "\n\n",
      "\n\r\n",
      "\r\n\r\n"};
  for (const std::string& whole : heads) {
    const std::size_t expected = HeadEnd(whole);
    for (int trial = 0; trial < 200; ++trial) {
      std::string buf;
      std::size_t scanned = 0, found = std::string::npos;
      std::size_t pos = 0;
      while (pos < whole.size() && found == std::string::npos) {
        std::uniform_int_distribution<std::size_t> step(1, 4);
        const std::size_t n = std::min(step(rng), whole.size() - pos);
        buf += whole.substr(pos, n);
        pos += n;
        found = HeadEnd(buf, scanned);
        scanned = buf.size();
      }
      EXPECT_EQ(found, expected) << whole;
    }
  }
}

std::string Decode(const std::string& wire, std::size_t step,
                   ChunkedDecoder::Result* result, std::size_t* rest,
                   std::size_t max = 1000) {
  ChunkedDecoder d;
  std::string body;
  std::size_t pos = 0;
  *result = ChunkedDecoder::Result::kMore;
  while (pos < wire.size() && *result == ChunkedDecoder::Result::kMore) {
    std::size_t used = 0;
    std::string_view piece(wire.data() + pos,
                           std::min(step, wire.size() - pos));
    *result = d.Feed(piece, &used, &body, max);
    pos += used;
  }
  *rest = wire.size() - pos;
  return body;
}

TEST(WireTest, ChunkedBodyInAnySplit) {
  const std::string wire =
      "4;name=value\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n"
      "0\r\nTrailer: yes\r\n\r\nNEXT";
  for (std::size_t step : {1u, 2u, 3u, 7u, 1000u}) {
    ChunkedDecoder::Result r;
    std::size_t rest = 0;
    EXPECT_EQ(Decode(wire, step, &r, &rest), "Wikipedia in\r\n\r\nchunks.")
        << step;
    EXPECT_EQ(r, ChunkedDecoder::Result::kDone) << step;
    EXPECT_EQ(rest, 4u) << step;  // "NEXT" is the next request's
  }
}

TEST(WireTest, ChunkedRefusals) {
  struct Case {
    const char* wire;
    ChunkedDecoder::Result want;
  } cases[] = {
      {"x\r\n", ChunkedDecoder::Result::kBad},
      {"\r\n", ChunkedDecoder::Result::kBad},
      {"3\r\nabcX\r\n", ChunkedDecoder::Result::kBad},
      {"10000000000000000\r\n", ChunkedDecoder::Result::kBad},
      {"3E9\r\n", ChunkedDecoder::Result::kTooLarge},  // 1001 > 1000
      {"3\r\nabc\r\n", ChunkedDecoder::Result::kMore},
  };
  for (const auto& c : cases) {
    ChunkedDecoder::Result r;
    std::size_t rest = 0;
    Decode(c.wire, 1000, &r, &rest);
    EXPECT_EQ(r, c.want) << c.wire;
  }
}

TEST(WireTest, ResponseHasLengthAndConnection) {
  std::string r = SerializeResponse(404, {{"Content-Type", "text/plain"}},
                                    "nope", /*keep_alive=*/false);
  EXPECT_EQ(r.rfind("HTTP/1.1 404 Not Found\r\nDate: ", 0), 0u);
  EXPECT_NE(r.find("\r\nContent-Type: text/plain\r\n"), std::string::npos);
  EXPECT_NE(r.find("\r\nContent-Length: 4\r\nConnection: close\r\n\r\nnope"),
            std::string::npos);
  std::string head = SerializeResponse(200, {}, "body", true, true);
  EXPECT_NE(head.find("Content-Length: 4\r\nConnection: keep-alive\r\n\r\n"),
            std::string::npos);
  EXPECT_EQ(head.substr(head.size() - 4), "\r\n\r\n");
}

}  // namespace
}  // namespace stafett::http::wire
