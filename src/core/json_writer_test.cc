#include "core/json_writer.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include <gtest/gtest.h>

namespace stafett {
namespace {

TEST(JsonWriterTest, QuoteEscapes) {
  const struct {
    std::string in;
    const char* out;
  } cases[] = {
      {"", R"("")"},
      {"plain", R"("plain")"},
      {"say \"hei\"", R"("say \"hei\"")"},
      {"C:\\mappe", R"("C:\\mappe")"},
      {"a\nb\rc\td", R"("a\nb\rc\td")"},
      {"\b\f", R"("\b\f")"},
      {std::string("nul\0byte", 8), R"("nul\u0000byte")"},
      {"\x01\x1f", R"("\u0001\u001f")"},
      {"\x7f", "\"\x7f\""},  // DEL needs no escape
      {"a/b", R"("a/b")"},   // nor does the solidus
      {"áčđŋšŧž ÁČĐŊŠŦŽ æøå ÆØÅ", R"("áčđŋšŧž ÁČĐŊŠŦŽ æøå ÆØÅ")"},
      {"\xE2\x80\xA8", "\"\xE2\x80\xA8\""},  // U+2028 is valid in JSON
  };
  for (const auto& c : cases) EXPECT_EQ(JsonQuote(c.in), c.out) << c.in;
}

TEST(JsonWriterTest, NestedStructuresGetCommasRight) {
  JsonWriter w;
  w.BeginObject()
      .Field("a", 1)
      .Key("b")
      .BeginArray()
      .Int(1)
      .Int(2)
      .BeginObject()
      .Key("c")
      .Null()
      .EndObject()
      .BeginArray()
      .EndArray()
      .EndArray()
      .Key("d")
      .BeginObject()
      .EndObject()
      .Field("e", "tekst")
      .Field("f", true)
      .Field("g", std::int64_t{-7})
      .Key("h")
      .Raw(R"({"x":[1,2]})")
      .Field("i", std::string_view("sv"))
      .EndObject();
  EXPECT_EQ(
      w.str(),
      R"({"a":1,"b":[1,2,{"c":null},[]],"d":{},"e":"tekst","f":true,"g":-7,"h":{"x":[1,2]},"i":"sv"})");
}

TEST(JsonWriterTest, ArraysOfContainers) {
  JsonWriter w;
  w.BeginArray();
  w.BeginObject().Field("x", 1).EndObject();
  w.BeginObject().Field("y", 2).EndObject();
  w.BeginArray().EndArray();
  w.BeginArray().BeginArray().Int(3).EndArray().EndArray();
  w.Raw("4").Bool(false).Null().String("s");
  w.EndArray();
  EXPECT_EQ(w.Take(), R"([{"x":1},{"y":2},[],[[3]],4,false,null,"s"])");
}

TEST(JsonWriterTest, KeysAreEscaped) {
  JsonWriter w;
  w.BeginObject().Field("nøkkel \"1\"", "verdi\n").EndObject();
  EXPECT_EQ(w.str(), R"({"nøkkel \"1\"":"verdi\n"})");
}

TEST(JsonWriterTest, TopLevelScalar) {
  JsonWriter w;
  w.String("alene");
  EXPECT_EQ(w.str(), R"("alene")");
}

TEST(JsonWriterTest, Integers) {
  JsonWriter w;
  w.BeginArray()
      .Int(0)
      .Int(std::numeric_limits<std::int64_t>::max())
      .Int(std::numeric_limits<std::int64_t>::min())
      .EndArray();
  EXPECT_EQ(w.str(), "[0,9223372036854775807,-9223372036854775808]");
}

// Doubles are written in the shortest form that reads back to the same
// value, and non-finite values (not JSON) as null.
TEST(JsonWriterTest, Doubles) {
  const struct {
    double v;
    const char* out;
  } cases[] = {
      {0.0, "0"},
      {1.5, "1.5"},
      {-2.25, "-2.25"},
      {0.1, "0.1"},
      {123456789.0, "123456789"},
      {1234567.125, "1234567.125"},
      {1e21, "1e+21"},
      {1e-7, "1e-07"},
      {std::nan(""), "null"},
      {std::numeric_limits<double>::infinity(), "null"},
      {-std::numeric_limits<double>::infinity(), "null"},
  };
  for (const auto& c : cases) {
    JsonWriter w;
    w.Double(c.v);
    EXPECT_EQ(w.str(), c.out) << c.v;
  }
}

TEST(JsonWriterTest, PropertyDoublesRoundTrip) {
  double v = 0.3;
  for (int i = 0; i < 2000; ++i) {
    v = v * 1.7 + 0.013 * i;
    if (v > 1e200) v = 1e-3 / (i + 1);
    JsonWriter w;
    w.Double(v);
    EXPECT_EQ(std::stod(w.str()), v) << w.str();
  }
}

}  // namespace
}  // namespace stafett
