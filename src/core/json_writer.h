// A small streaming JSON writer for the pure layers (routine rendering,
// journal details), which must not depend on Poco. It inserts commas itself
// and escapes strings per RFC 8259; UTF-8 (Sami letters included) passes
// through unchanged.
//
// Misuse (a value where a key is expected, unbalanced End) is a programming
// error and asserts in debug builds.
//
// Thread-safety: one writer per thread.
#ifndef STAFETT_CORE_JSON_WRITER_H_
#define STAFETT_CORE_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stafett {

// `s` as a quoted JSON string literal.
std::string JsonQuote(std::string_view s);

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view k);
  JsonWriter& String(std::string_view v);
  JsonWriter& Int(std::int64_t v);
  JsonWriter& Double(double v);
  JsonWriter& Bool(bool v);
  JsonWriter& Null();
  // Inserts already-serialised JSON as one value.
  JsonWriter& Raw(std::string_view json);

  // Shorthands for Key(k).<value>.
  JsonWriter& Field(std::string_view k, std::string_view v) {
    return Key(k).String(v);
  }
  JsonWriter& Field(std::string_view k, const char* v) {
    return Key(k).String(v);
  }
  JsonWriter& Field(std::string_view k, std::int64_t v) {
    return Key(k).Int(v);
  }
  JsonWriter& Field(std::string_view k, int v) { return Key(k).Int(v); }
  JsonWriter& Field(std::string_view k, bool v) { return Key(k).Bool(v); }

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void BeforeValue();
  std::string out_;
  // One entry per open container: true once it holds an element.
  std::vector<bool> has_element_;
  bool after_key_ = false;
};

}  // namespace stafett

#endif  // STAFETT_CORE_JSON_WRITER_H_
