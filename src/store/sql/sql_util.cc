#include "store/sql/sql_util.h"

#include <cstdint>
#include <stdexcept>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "core/utf8.h"

namespace stafett::store {

namespace {

bool IsBlank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string Trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

namespace {

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_';
}

std::string Lower(std::string s) {
  for (auto& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

}  // namespace

std::vector<std::string> SplitSqlStatements(std::string_view sql) {
  std::vector<std::string> out;
  std::string cur;
  // SQLite trigger bodies (CREATE TRIGGER ... BEGIN stmt; ... END): the
  // words of the statement so far, to keep the body's ';' inside.
  std::string word;
  std::vector<std::string> words;
  bool in_body = false;
  auto end_word = [&] {
    if (word.empty()) return;
    words.push_back(Lower(word));
    word.clear();
    const bool trigger = words.size() >= 2 && words[0] == "create" &&
                         (words[1] == "trigger" ||
                          (words.size() >= 3 &&
                           (words[1] == "temp" || words[1] == "temporary") &&
                           words[2] == "trigger"));
    if (trigger && words.back() == "begin") in_body = true;
    if (in_body && words.back() == "end") in_body = false;
  };
  std::size_t i = 0;
  const std::size_t n = sql.size();
  while (i < n) {
    char c = sql[i];
    if (IsWordChar(c)) {
      word.push_back(c);
      cur.push_back(c);
      ++i;
      continue;
    }
    end_word();
    if (c == ';' && in_body) {
      cur.push_back(c);
      ++i;
      continue;
    }
    if (c == ';') {
      words.clear();
    }
    if (c == '\'' || c == '"') {
      // A quoted literal or identifier; a doubled quote is an escaped one.
      std::size_t j = i + 1;
      while (j < n) {
        if (sql[j] == c) {
          if (j + 1 < n && sql[j + 1] == c) {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      std::size_t end = j < n ? j + 1 : n;
      cur.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      while (i < n && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      auto close = sql.find("*/", i + 2);
      i = close == std::string_view::npos ? n : close + 2;
      cur.push_back(' ');
    } else if (c == ';') {
      if (!IsBlank(cur)) out.push_back(Trim(cur));
      cur.clear();
      ++i;
    } else {
      cur.push_back(c);
      ++i;
    }
  }
  if (!IsBlank(cur)) out.push_back(Trim(cur));
  return out;
}

bool IsUniqueViolation(const std::exception& e) {
  if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    return pg->sqlstate() == "23505";
  }
  if (auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    // SOCI 4.0.3 reports the primary result code (19, SQLITE_CONSTRAINT)
    // and category "unknown"; a foreign-key or check failure has the same
    // code, so the message tells them apart.
    const int rc = lite->result();
    if (rc == 1555 || rc == 2067) return true;
    if ((rc & 0xff) != 19) return false;
    const std::string msg = lite->what();
    return msg.find("UNIQUE constraint failed") != std::string::npos;
  }
  return false;
}

std::string EncodeList(const std::vector<std::string>& items) {
  static const char kHex[] = "0123456789abcdef";
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out.push_back(',');
    out.push_back('"');
    for (char ch : items[i]) {
      const auto c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') {
        out.push_back('\\');
        out.push_back(ch);
      } else if (c < 0x20) {
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
      } else {
        out.push_back(ch);
      }
    }
    out.push_back('"');
  }
  out.push_back(']');
  return out;
}

namespace {

[[noreturn]] void CorruptList(std::string_view text) {
  throw std::runtime_error(
      "store: list column is not a JSON array of strings"
      " (" +
      std::to_string(text.size()) + " bytes)");
}

// A small JSON reader for exactly one shape: [ "..." (, "...")* ].
class ListReader {
 public:
  explicit ListReader(std::string_view t) : t_(t) {}

  std::vector<std::string> Read() {
    std::vector<std::string> out;
    Skip();
    Expect('[');
    Skip();
    if (Peek() == ']') {
      ++i_;
    } else {
      while (true) {
        Skip();
        out.push_back(String());
        Skip();
        const char c = Next();
        if (c == ']') break;
        if (c != ',') CorruptList(t_);
      }
    }
    Skip();
    if (i_ != t_.size()) CorruptList(t_);
    return out;
  }

 private:
  char Peek() const { return i_ < t_.size() ? t_[i_] : '\0'; }
  char Next() {
    if (i_ >= t_.size()) CorruptList(t_);
    return t_[i_++];
  }
  void Expect(char c) {
    if (Next() != c) CorruptList(t_);
  }
  void Skip() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\n' ||
                              t_[i_] == '\r' || t_[i_] == '\t')) {
      ++i_;
    }
  }
  std::uint32_t Hex4() {
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = Next();
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<std::uint32_t>(c - 'A' + 10);
      else
        CorruptList(t_);
    }
    return v;
  }
  std::string String() {
    Expect('"');
    std::string s;
    while (true) {
      const char c = Next();
      if (c == '"') return s;
      if (c != '\\') {
        s.push_back(c);
        continue;
      }
      switch (const char e = Next()) {
        case '"':
        case '\\':
        case '/':
          s.push_back(e);
          break;
        case 'b':
          s.push_back('\b');
          break;
        case 'f':
          s.push_back('\f');
          break;
        case 'n':
          s.push_back('\n');
          break;
        case 'r':
          s.push_back('\r');
          break;
        case 't':
          s.push_back('\t');
          break;
        case 'u': {
          std::uint32_t cp = Hex4();
          if (cp >= 0xd800 && cp < 0xdc00) {
            Expect('\\');
            Expect('u');
            const std::uint32_t lo = Hex4();
            if (lo < 0xdc00 || lo >= 0xe000) CorruptList(t_);
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          } else if (cp >= 0xdc00 && cp < 0xe000) {
            CorruptList(t_);
          }
          AppendUtf8(cp, &s);
          break;
        }
        default:
          CorruptList(t_);
      }
    }
  }

  std::string_view t_;
  std::size_t i_ = 0;
};

}  // namespace

std::vector<std::string> DecodeList(std::string_view text) {
  if (text.empty()) return {};
  return ListReader(text).Read();
}

}  // namespace stafett::store
