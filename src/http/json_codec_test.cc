#include "http/json_codec.h"

#include <gtest/gtest.h>

#include "http/problem.h"

namespace stafett::http {
namespace {

// The HTTP status a decode failure becomes.
template <typename T>
int StatusOf(const Result<T>& r) {
  return r.ok() ? 200 : HttpStatusFor(r.status().code());
}

TEST(DecodeNewCaseTest, ValidBody) {
  auto r = DecodeNewCase(
      R"({"age_band":"6-12","categories":["skole","trivsel"],"text":"Virker lei seg."})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->routine.has_value());
  EXPECT_EQ(r->age_band, "6-12");
  EXPECT_EQ(r->categories, (std::vector<std::string>{"skole", "trivsel"}));
  EXPECT_EQ(r->text, "Virker lei seg.");
}

TEST(DecodeNewCaseTest, RoutineIsOptional) {
  auto r = DecodeNewCase(
      R"({"routine":"bti","age_band":"0-5","categories":[],"text":"x"})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r->routine, "bti");
}

TEST(DecodeNewCaseTest, MalformedJsonIs400) {
  for (const char* body : {"", "{", "{\"text\":}", "not json", "{\"a\":1}x",
                           "{'a':1}", "{\"text\":\"\xff\"}"}) {
    auto r = DecodeNewCase(body);
    EXPECT_EQ(StatusOf(r), 400) << body;
    EXPECT_EQ(r.status().code(), Code::kBadRequest) << body;
  }
}

// Valid JSON whose top level is not an object is a wrong shape (422, as
// docs/api.md says), whatever the top level is; only unparsable JSON is 400.
TEST(DecodeNewCaseTest, NonObjectIs422) {
  for (const char* body : {"[1,2]", "[]", "42", "-1.5e3", "\"tekst\"", "null",
                           "true", "false", " 7 ", "[{}]"}) {
    auto r = DecodeNewCase(body);
    EXPECT_EQ(StatusOf(r), 422) << body;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << body;
    auto c = DecodeCommand(body);
    EXPECT_EQ(c.status().code(), Code::kInvalidArgument) << body;
  }
  // Not JSON at all, even inside brackets: still 400.
  for (const char* body : {"1 2", "1,2", "1],[2", "nul", "\"open", "]"}) {
    EXPECT_EQ(StatusOf(DecodeNewCase(body)), 400) << body;
  }
}

TEST(DecodeNewCaseTest, WrongTypesName422Field) {
  struct Case {
    const char* body;
    const char* field;
  } cases[] = {
      {R"({"age_band":12,"categories":[],"text":"x"})", "age_band"},
      {R"({"age_band":"6-12","categories":"skole","text":"x"})", "categories"},
      {R"({"age_band":"6-12","categories":["a",3],"text":"x"})",
       "categories[1]"},
      {R"({"age_band":"6-12","categories":[],"text":true})", "text"},
      {R"({"age_band":"6-12","categories":[],"text":"x","routine":7})",
       "routine"},
      {R"({"age_band":"6-12","categories":[]})", "text"},
      {R"({"age_band":"6-12","categories":[],"text":""})", "text"},
      {R"({"age_band":"6-12","categories":[],"text":"x","name":"Ola"})",
       "name"},
      {R"({"age_band":"6-12","categories":[],"text":"a\u0000b"})", "text"},
  };
  for (const auto& c : cases) {
    auto r = DecodeNewCase(c.body);
    ASSERT_FALSE(r.ok()) << c.body;
    EXPECT_EQ(StatusOf(r), 422) << c.body;
    EXPECT_EQ(r.status().field(), c.field) << c.body;
  }
}

TEST(DecodeNewCaseTest, StringNumbersAreNotCoerced) {
  // Poco's getValue<int> would read "12" as 12; the codec must not.
  auto r =
      DecodeCommand(R"({"type":"outcome","outcome":"x","fields":{"n":"12"}})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(std::holds_alternative<std::string>(r->fields.at("n")));
}

TEST(DecodeCommandTest, EveryType) {
  EXPECT_TRUE(DecodeCommand(R"({"type":"outcome","outcome":"drøftet"})").ok());
  auto consent = DecodeCommand(
      R"({"type":"consent","given_by":"guardians","services":["ppt"],"valid_until":"2027-01-31"})");
  ASSERT_TRUE(consent.ok()) << consent.status().ToString();
  EXPECT_EQ(consent->type, engine::CommandType::kConsent);
  EXPECT_EQ(consent->services, std::vector<std::string>{"ppt"});
  EXPECT_TRUE(DecodeCommand(R"({"type":"withdraw_consent"})").ok());
  auto offer = DecodeCommand(R"({"type":"offer_baton","to":"helsestasjon"})");
  ASSERT_TRUE(offer.ok());
  EXPECT_EQ(offer->to_service, "helsestasjon");
  EXPECT_TRUE(DecodeCommand(R"({"type":"accept_baton"})").ok());
  EXPECT_TRUE(DecodeCommand(R"({"type":"decline_baton"})").ok());
  EXPECT_TRUE(DecodeCommand(R"({"type":"note","text":"Samtale holdt."})").ok());
  EXPECT_TRUE(DecodeCommand(R"({"type":"report_child_welfare"})").ok());
  auto close = DecodeCommand(R"({"type":"close","reason":"Målet er nådd."})");
  ASSERT_TRUE(close.ok());
  EXPECT_EQ(close->reason, "Målet er nådd.");
}

TEST(DecodeCommandTest, OutcomeFieldsKeepTheirJsonTypes) {
  auto r = DecodeCommand(
      R"({"type":"outcome","outcome":"tiltak","fields":{"tekst":"a","antall":3,"ok":true,"deltakere":["ppt","skole"],"tom":null}})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(std::get<std::string>(r->fields.at("tekst")), "a");
  EXPECT_EQ(std::get<std::int64_t>(r->fields.at("antall")), 3);
  EXPECT_EQ(std::get<bool>(r->fields.at("ok")), true);
  EXPECT_EQ(std::get<std::vector<std::string>>(r->fields.at("deltakere")),
            (std::vector<std::string>{"ppt", "skole"}));
  EXPECT_EQ(r->fields.count("tom"), 0u);
}

TEST(DecodeCommandTest, InvalidInputNamesTheField) {
  struct Case {
    const char* body;
    const char* field;
  } cases[] = {
      {R"({})", "type"},
      {R"({"type":1})", "type"},
      {R"({"type":"fly"})", "type"},
      {R"({"type":"expire_consent"})", "type"},
      {R"({"type":"outcome"})", "outcome"},
      {R"({"type":"outcome","outcome":"x","fields":[]})", "fields"},
      {R"({"type":"outcome","outcome":"x","fields":{"d":1.5}})", "fields.d"},
      {R"({"type":"outcome","outcome":"x","fields":{"d":{"a":1}}})",
       "fields.d"},
      {R"({"type":"outcome","outcome":"x","fields":{"d":["a",1]}})",
       "fields.d[1]"},
      {R"({"type":"consent","given_by":"Kari Nordmann","services":["ppt"],"valid_until":"2027-01-01"})",
       "given_by"},
      {R"({"type":"consent","given_by":"guardians","services":[],"valid_until":"2027-01-01"})",
       "services"},
      {R"({"type":"consent","given_by":"guardians","services":["ppt"],"valid_until":"2027-02-30"})",
       "valid_until"},
      {R"({"type":"consent","given_by":"guardians","services":["ppt"],"valid_until":20270101})",
       "valid_until"},
      {R"({"type":"offer_baton"})", "to"},
      {R"({"type":"offer_baton","to":["a"]})", "to"},
      {R"({"type":"note"})", "text"},
      {R"({"type":"note","text":""})", "text"},
      {R"({"type":"close"})", "reason"},
      {R"({"type":"accept_baton","to":"x"})", "to"},
      {R"({"type":"withdraw_consent","services":["a"]})", "services"},
  };
  for (const auto& c : cases) {
    auto r = DecodeCommand(c.body);
    ASSERT_FALSE(r.ok()) << c.body;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << c.body;
    EXPECT_EQ(r.status().field(), c.field) << c.body;
  }
}

TEST(DecodeCommandTest, OverlongTextIs422) {
  std::string body = R"({"type":"note","text":")" +
                     std::string(kMaxTextBytes + 1, 'a') + "\"}";
  auto r = DecodeCommand(body);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "text");
}

TEST(DecodeCommandTest, DeepNestingIsRefused) {
  std::string body = R"({"type":"outcome","outcome":"x","fields":{"a":)";
  for (int i = 0; i < 100; ++i) body += "[";
  for (int i = 0; i < 100; ++i) body += "]";
  body += "}}";
  auto r = DecodeCommand(body);
  ASSERT_FALSE(r.ok());
  EXPECT_LT(HttpStatusFor(r.status().code()), 500);
}

TEST(FreeTextOfTest, ListsEveryStringWithItsField) {
  auto r = DecodeCommand(
      R"({"type":"outcome","outcome":"o","text":"t","fields":{"a":"x","b":["y","z"],"n":1}})");
  ASSERT_TRUE(r.ok());
  auto texts = FreeTextOf(*r);
  std::map<std::string, std::string> m(texts.begin(), texts.end());
  EXPECT_EQ(m.at("text"), "t");
  EXPECT_EQ(m.at("outcome"), "o");
  EXPECT_EQ(m.at("fields.a"), "x");
  EXPECT_EQ(m.at("fields.b[1]"), "z");
  EXPECT_EQ(m.count("fields.n"), 0u);
}

TEST(IfMatchTest, Forms) {
  EXPECT_EQ(ParseIfMatch("\"3\""), 3);
  EXPECT_EQ(ParseIfMatch("3"), 3);
  EXPECT_EQ(ParseIfMatch("W/\"12\""), 12);
  EXPECT_EQ(ParseIfMatch(" \"7\" "), 7);
  EXPECT_FALSE(ParseIfMatch("*").has_value());
  EXPECT_FALSE(ParseIfMatch("\"abc\"").has_value());
  EXPECT_FALSE(ParseIfMatch("\"-1\"").has_value());
  EXPECT_FALSE(ParseIfMatch("").has_value());
  EXPECT_FALSE(ParseIfMatch("\"99999999999999999999\"").has_value());
  EXPECT_EQ(VersionETag(3), "\"3\"");
}

}  // namespace
}  // namespace stafett::http
