#include "http/wire.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <optional>

namespace stafett::http::wire {
namespace {

Refusal Bad(std::string msg) { return Refusal{400, std::move(msg)}; }

bool IsTchar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
      (c >= '0' && c <= '9')) {
    return true;
  }
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsTchar(c)) return false;
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// Calls fn(element) for each element of a comma-separated list value.
template <typename Fn>
void ForEachElement(std::string_view value, Fn fn) {
  while (true) {
    size_t comma = value.find(',');
    fn(Trim(value.substr(0, comma)));
    if (comma == std::string_view::npos) return;
    value.remove_prefix(comma + 1);
  }
}

// 1*DIGIT that fits in 63 bits; nothing else ("1e3", "+5", "0x10", "").
// 18 digits always fit; longer is refused, as no body we accept is near
// 10^18 bytes.
bool ParseLength(std::string_view s, std::uint64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::size_t LeadingBlankLines(std::string_view buf) {
  std::size_t i = 0;
  while (i < buf.size() && (buf[i] == '\r' || buf[i] == '\n')) ++i;
  return i;
}

std::size_t HeadEnd(std::string_view buf, std::size_t scanned) {
  // An end that began in the scanned part is "\n" or "\n\r" at its tail.
  const std::size_t from = scanned >= 2 ? scanned - 2 : 0;
  for (std::size_t i = from; i < buf.size(); ++i) {
    if (buf[i] != '\n') continue;
    if (i + 1 < buf.size() && buf[i + 1] == '\n') return i + 2;
    if (i + 2 < buf.size() && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
      return i + 3;
    }
  }
  return std::string_view::npos;
}

namespace {

std::optional<Refusal> Parse(std::string_view text, const Limits& limits,
                             Head* out) {
  if (text.size() > limits.max_head_bytes) {
    return Refusal{431, "Forespørselens hode er for stort (høyst " +
                            std::to_string(limits.max_head_bytes / 1024) +
                            " KiB)."};
  }
  // Split into lines; a line ends in LF, optionally preceded by CR.
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t lf = text.find('\n');
    std::string_view line = text.substr(0, lf);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (lf == std::string_view::npos) break;
    text.remove_prefix(lf + 1);
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  if (lines.empty()) return Bad("Forespørselen mangler forespørselslinje.");

  Head h;
  // Request line: exactly three parts separated by single spaces.
  std::string_view rl = lines[0];
  size_t sp1 = rl.find(' ');
  size_t sp2 = sp1 == std::string_view::npos ? sp1 : rl.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos ||
      rl.find(' ', sp2 + 1) != std::string_view::npos) {
    return Bad("Forespørselslinjen må ha formen «METODE /adresse HTTP/1.1».");
  }
  std::string_view method = rl.substr(0, sp1);
  std::string_view target = rl.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view version = rl.substr(sp2 + 1);
  if (!IsToken(method) || method.size() > 32) {
    return Bad("Metoden i forespørselslinjen er ugyldig.");
  }
  if (target.empty() || target.size() > kMaxTargetBytes) {
    return Bad("Adressen er tom eller for lang (høyst 8 KiB).");
  }
  for (char c : target) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return Bad("Adressen har ugyldige tegn.");
  }
  if (version == "HTTP/1.1") {
    h.minor = 1;
  } else if (version == "HTTP/1.0") {
    h.minor = 0;
  } else {
    return Bad("Bare HTTP/1.0 og HTTP/1.1 støttes.");
  }
  h.method = std::string(method);
  h.target = std::string(target);

  if (lines.size() - 1 > limits.max_headers) {
    return Refusal{431, "For mange felt i forespørselens hode (høyst " +
                            std::to_string(limits.max_headers) + ")."};
  }
  bool have_length = false, chunked = false, have_te = false;
  bool conn_close = false, conn_keep_alive = false;
  for (size_t i = 1; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (line.empty() || line.front() == ' ' || line.front() == '\t') {
      // obs-fold (§5.2) or an empty line inside the head.
      return Bad(
          "Feltet i hodet er brettet over flere linjer; send det på "
          "én linje.");
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || !IsToken(line.substr(0, colon))) {
      return Bad("Et felt i hodet har ugyldig navn.");
    }
    std::string_view name = line.substr(0, colon);
    std::string_view value = Trim(line.substr(colon + 1));
    for (char c : value) {
      auto u = static_cast<unsigned char>(c);
      if ((u < 0x20 && c != '\t') || u == 0x7f) {
        return Bad("Feltet «" + std::string(name) +
                   "» har kontrolltegn i verdien.");
      }
    }
    const std::string lname = Lower(name);
    if (lname == "content-length") {
      bool ok = true;
      ForEachElement(value, [&](std::string_view e) {
        std::uint64_t n = 0;
        if (!ParseLength(e, &n) || (have_length && n != h.content_length)) {
          ok = false;
          return;
        }
        have_length = true;
        h.content_length = n;
      });
      if (!ok) {
        return Bad(
            "Content-Length må være ett heltall (antall byte), "
            "oppgitt én gang.");
      }
    } else if (lname == "transfer-encoding") {
      // Repeated, the field is one list ("gzip" then "chunked" is "gzip,
      // chunked"): only a single "chunked" is accepted.
      chunked = !have_te && Lower(value) == "chunked";
      have_te = true;
    } else if (lname == "connection") {
      ForEachElement(value, [&](std::string_view e) {
        const std::string t = Lower(e);
        if (t == "close") conn_close = true;
        if (t == "keep-alive") conn_keep_alive = true;
      });
    } else if (lname == "expect") {
      if (Lower(value) == "100-continue") h.expect_continue = true;
    }
    h.headers.emplace_back(std::string(name), std::string(value));
  }
  if (have_te) {
    if (!chunked || h.minor == 0) {
      return Bad("Transfer-Encoding støttes bare som «chunked» (HTTP/1.1).");
    }
    if (have_length) {
      return Bad(
          "Send enten Content-Length eller Transfer-Encoding, ikke "
          "begge.");
    }
    h.framing = Framing::kChunked;
  } else if (have_length) {
    h.framing = Framing::kLength;
  }
  h.keep_alive = h.minor == 1 ? !conn_close : conn_keep_alive && !conn_close;
  *out = std::move(h);
  return std::nullopt;
}

}  // namespace

bool ParseHead(std::string_view text, const Limits& limits, Head* out,
               Refusal* refusal) {
  std::optional<Refusal> r = Parse(text, limits, out);
  if (r) *refusal = std::move(*r);
  return !r;
}

ChunkedDecoder::Result ChunkedDecoder::Feed(std::string_view in,
                                            std::size_t* used,
                                            std::string* body,
                                            std::size_t max) {
  constexpr std::size_t kMaxLine = 1024;      // extension or trailer line
  constexpr std::size_t kMaxTrailer = 16384;  // all trailer lines
  std::size_t i = 0;
  auto done = [&](Result r) {
    *used = i;
    return r;
  };
  while (i < in.size()) {
    const char c = in[i];
    switch (state_) {
      case State::kSize: {
        int digit = -1;
        if (c >= '0' && c <= '9') digit = c - '0';
        if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
        if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
        if (digit >= 0) {
          if (++size_digits_ > 15) return done(Result::kBad);
          remaining_ = remaining_ * 16 + static_cast<std::uint64_t>(digit);
          ++i;
          break;
        }
        if (size_digits_ == 0) return done(Result::kBad);
        if (body->size() + remaining_ > max) return done(Result::kTooLarge);
        state_ = State::kExtension;
        line_bytes_ = 0;
        cr_ = false;
        break;  // re-examine c as part of the extension/line end
      }
      case State::kExtension:
        ++i;
        if (c == '\n') {
          state_ = remaining_ == 0 ? State::kTrailer : State::kData;
          line_bytes_ = 0;
        } else if (++line_bytes_ > kMaxLine) {
          return done(Result::kBad);
        }
        break;
      case State::kData: {
        const std::size_t take = static_cast<std::size_t>(
            std::min<std::uint64_t>(remaining_, in.size() - i));
        body->append(in.data() + i, take);
        i += take;
        remaining_ -= take;
        if (remaining_ == 0) {
          state_ = State::kDataEnd;
          cr_ = false;
        }
        break;
      }
      case State::kDataEnd:
        ++i;
        if (c == '\r' && !cr_) {
          cr_ = true;
        } else if (c == '\n') {
          state_ = State::kSize;
          size_digits_ = 0;
          remaining_ = 0;
        } else {
          return done(Result::kBad);
        }
        break;
      case State::kTrailer:
        ++i;
        if (++trailer_bytes_ > kMaxTrailer) return done(Result::kBad);
        if (c == '\n') {
          if (line_bytes_ == 0) {
            state_ = State::kDone;
            return done(Result::kDone);
          }
          line_bytes_ = 0;
        } else if (c != '\r') {
          ++line_bytes_;
        }
        break;
      case State::kDone:
        return done(Result::kDone);
    }
  }
  return done(state_ == State::kDone ? Result::kDone : Result::kMore);
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return "";
  }
}

std::string SerializeResponse(
    int status, const std::vector<std::pair<std::string, std::string>>& headers,
    std::string_view body, bool keep_alive, bool head_only) {
  std::string out;
  out.reserve(256 + body.size());
  out += "HTTP/1.1 ";
  out += std::to_string(status);
  out += ' ';
  out += ReasonPhrase(status);
  out += "\r\nDate: ";
  // IMF-fixdate (RFC 9110 §5.6.7), always in GMT and English.
  char date[40];
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed",
                                      "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr",
                                        "May", "Jun", "Jul", "Aug",
                                        "Sep", "Oct", "Nov", "Dec"};
  std::snprintf(date, sizeof date, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                kDays[tm.tm_wday % 7], tm.tm_mday, kMonths[tm.tm_mon % 12],
                tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  out += date;
  out += "\r\n";
  for (const auto& [name, value] : headers) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  out += "Content-Length: ";
  out += std::to_string(body.size());
  out += keep_alive ? "\r\nConnection: keep-alive\r\n\r\n"
                    : "\r\nConnection: close\r\n\r\n";
  if (!head_only) out.append(body.data(), body.size());
  return out;
}

}  // namespace stafett::http::wire
