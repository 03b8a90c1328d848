// HTTP/1.1 on the wire (RFC 9112), as the edge reads and writes it: request
// heads in, chunked bodies in, responses out. Pure: no sockets, no clock,
// so every rule here has a table-driven test (wire_test.cc) and a fuzz
// target can call it directly.
//
// What a head must satisfy, or it is refused before any worker sees it:
//  - a request line METHOD SP TARGET SP HTTP/1.0|HTTP/1.1 (target at most
//    kMaxTargetBytes, no control characters);
//  - header lines NAME ":" OWS VALUE OWS, NAME a token, VALUE without
//    control characters other than HTAB; obsolete line folding is refused;
//  - at most Limits::max_headers lines;
//  - Content-Length: digits only, at most 18 of them (so it fits in 63
//    bits); repeated (as headers or a comma list) only with one value
//    (§6.3: differing values would let a proxy that reads another one
//    smuggle a request);
//  - Transfer-Encoding: only "chunked", only on HTTP/1.1, never together
//    with Content-Length (§6.3).
// A refusal is a status (400, or 431 for a head over the limits) with a
// bokmål detail the client can act on.
//
// Thread-safety: free functions are pure; a ChunkedDecoder is one body's
// state, used by one thread at a time.
#ifndef STAFETT_HTTP_WIRE_H_
#define STAFETT_HTTP_WIRE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stafett::http::wire {

inline constexpr std::size_t kMaxTargetBytes = 8 * 1024;

struct Limits {
  // The whole head, request line to blank line. Generous enough for a
  // bearer token of any sane size to reach authentication (which answers
  // it properly); small enough that a connection's buffer stays bounded.
  std::size_t max_head_bytes = 128 * 1024;
  std::size_t max_headers = 100;
};

enum class Framing { kNone, kLength, kChunked };

struct Head {
  std::string method;
  std::string target;
  int minor = 1;  // HTTP/1.minor
  // As sent (names keep their case), in order.
  std::vector<std::pair<std::string, std::string>> headers;
  Framing framing = Framing::kNone;
  std::uint64_t content_length = 0;  // kLength only
  bool keep_alive = true;            // from the version and Connection
  bool expect_continue = false;
};

// What the edge answers on its own, before any handler: the HTTP status
// (400, 408, 413, 431, 503) and a bokmål detail.
struct Refusal {
  int status = 400;
  std::string detail;
};

// Where the head ends in `buf`: the offset just past the blank line that
// closes it (CRLF CRLF; bare LF is tolerated), or npos while incomplete.
// `scanned`: how much of `buf` an earlier call already found no end in, so
// that a head arriving in many small reads is scanned once, not once per
// read (the scan resumes two bytes back, where an end may have begun).
std::size_t HeadEnd(std::string_view buf, std::size_t scanned = 0);

// Empty lines a client may send before a request line (§2.2), e.g. a
// stray CRLF after a body: how many leading bytes of `buf` to skip.
std::size_t LeadingBlankLines(std::string_view buf);

// Parses a head: `head` is everything up to HeadEnd (the blank line may be
// included or not). False, with *refusal set, when the head is refused.
bool ParseHead(std::string_view head, const Limits& limits, Head* out,
               Refusal* refusal);

// Decodes a chunked body (§7.1), fed as bytes arrive. Chunk extensions and
// trailer fields are read and dropped.
class ChunkedDecoder {
 public:
  enum class Result { kMore, kDone, kBad, kTooLarge };
  // Consumes bytes of `in` (*used: how many; on kDone the rest belongs to
  // the next request) and appends the data to `body`, refusing a body that
  // would grow past `max` bytes.
  Result Feed(std::string_view in, std::size_t* used, std::string* body,
              std::size_t max);

 private:
  enum class State { kSize, kExtension, kData, kDataEnd, kTrailer, kDone };
  State state_ = State::kSize;
  std::uint64_t remaining_ = 0;
  int size_digits_ = 0;
  std::size_t line_bytes_ = 0;  // extension or trailer line so far
  std::size_t trailer_bytes_ = 0;
  bool cr_ = false;  // a CR was just read (before LF)
};

// The reason phrase of a status code ("Not Found"); "" for unknown codes.
std::string_view ReasonPhrase(int status);

// A whole response: status line, Date, the given headers, Content-Length
// (always, so the client can tell where it ends), Connection, and the body
// unless `head_only` (a HEAD request: Content-Length still says the GET
// length).
std::string SerializeResponse(
    int status, const std::vector<std::pair<std::string, std::string>>& headers,
    std::string_view body, bool keep_alive, bool head_only = false);

}  // namespace stafett::http::wire

#endif  // STAFETT_HTTP_WIRE_H_
