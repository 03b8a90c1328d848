// Field validation: each type with valid and invalid values, required and
// unknown fields, and the Status field naming the input.
#include "engine/fields.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/test_routines.h"

namespace stafett::engine {
namespace {

using namespace testing;
using routine::FieldType;
using ::testing::HasSubstr;

using Strings = std::vector<std::string>;

struct FieldRow {
  std::string name;
  routine::FieldSpec spec;
  FieldValue value;
  bool ok;
};

class FieldTypeTest : public ::testing::TestWithParam<FieldRow> {};

TEST_P(FieldTypeTest, Validates) {
  const auto& row = GetParam();
  auto r = RoutineWithFields({row.spec});
  const routine::Step& step = *r.FindStep("skjema");
  auto specs = SpecsFor(step, &step.outcomes[0]);
  Status s = ValidateFields(r, specs, Fields{{row.spec.name, row.value}});
  EXPECT_EQ(s.ok(), row.ok) << s.ToString();
  if (!row.ok) {
    EXPECT_EQ(s.code(), Code::kInvalidArgument);
    EXPECT_EQ(s.field(), "fields." + row.spec.name);
    EXPECT_THAT(s.message(), HasSubstr("'" + row.spec.name + "'"));
  }
}

routine::FieldSpec Choice() {
  return Spec("tiltak", FieldType::kChoice, true, {"samtale", "kartlegging"});
}

INSTANTIATE_TEST_SUITE_P(
    EveryType, FieldTypeTest,
    ::testing::Values(
        FieldRow{"TextValid", Spec("t", FieldType::kText),
                 std::string("Trives bedre"), true},
        FieldRow{"TextSami", Spec("t", FieldType::kText),
                 std::string("Mánná lea ilus"), true},
        FieldRow{"TextEmpty", Spec("t", FieldType::kText), std::string(""),
                 false},
        FieldRow{"TextBlank", Spec("t", FieldType::kText), std::string(" \t\n"),
                 false},
        FieldRow{"TextNotString", Spec("t", FieldType::kText), std::int64_t{1},
                 false},
        FieldRow{"DateValid", Spec("d", FieldType::kDate),
                 std::string("2026-02-28"), true},
        FieldRow{"DateLeapDay", Spec("d", FieldType::kDate),
                 std::string("2028-02-29"), true},
        FieldRow{"DateImpossible", Spec("d", FieldType::kDate),
                 std::string("2026-02-29"), false},
        FieldRow{"DateNorwegianStyle", Spec("d", FieldType::kDate),
                 std::string("28.02.2026"), false},
        FieldRow{"DateWithTime", Spec("d", FieldType::kDate),
                 std::string("2026-02-28T10:00:00Z"), false},
        FieldRow{"DateNotString", Spec("d", FieldType::kDate), true, false},
        FieldRow{"DateTimeUtc", Spec("dt", FieldType::kDateTime),
                 std::string("2026-03-02T09:00:00Z"), true},
        FieldRow{"DateTimeOffset", Spec("dt", FieldType::kDateTime),
                 std::string("2026-03-02T10:00:00+01:00"), true},
        FieldRow{"DateTimeNoZone", Spec("dt", FieldType::kDateTime),
                 std::string("2026-03-02T10:00:00"), false},
        FieldRow{"DateTimeDateOnly", Spec("dt", FieldType::kDateTime),
                 std::string("2026-03-02"), false},
        FieldRow{"ServiceKnown", Spec("s", FieldType::kService), kPpt, true},
        FieldRow{"ServiceUnknown", Spec("s", FieldType::kService),
                 std::string("bup"), false},
        FieldRow{"ServiceList", Spec("s", FieldType::kService), Strings{kPpt},
                 false},
        FieldRow{"ServicesKnown", Spec("ss", FieldType::kServices),
                 Strings{kPpt, kHealth}, true},
        FieldRow{"ServicesEmpty", Spec("ss", FieldType::kServices), Strings{},
                 false},
        FieldRow{"ServicesOneUnknown", Spec("ss", FieldType::kServices),
                 Strings{kPpt, "bup"}, false},
        FieldRow{"ServicesString", Spec("ss", FieldType::kServices), kPpt,
                 false},
        FieldRow{"IntegerValid", Spec("n", FieldType::kInteger),
                 std::int64_t{-3}, true},
        FieldRow{"IntegerAsText", Spec("n", FieldType::kInteger),
                 std::string("3"), false},
        FieldRow{"IntegerBool", Spec("n", FieldType::kInteger), true, false},
        FieldRow{"BooleanValid", Spec("b", FieldType::kBoolean), false, true},
        FieldRow{"BooleanInteger", Spec("b", FieldType::kBoolean),
                 std::int64_t{1}, false},
        FieldRow{"BooleanText", Spec("b", FieldType::kBoolean),
                 std::string("true"), false},
        FieldRow{"ChoiceValid", Choice(), std::string("kartlegging"), true},
        FieldRow{"ChoiceOther", Choice(), std::string("annet"), false},
        FieldRow{"ChoiceCase", Choice(), std::string("Samtale"), false},
        FieldRow{"ChoiceList", Choice(), Strings{"samtale"}, false}),
    [](const auto& info) { return info.param.name; });

TEST(FieldsTest, RequiredMissingNamesTheField) {
  auto r = RoutineWithFields({Spec("dato", FieldType::kDate),
                              Spec("merknad", FieldType::kText, false)});
  const auto& step = *r.FindStep("skjema");
  auto specs = SpecsFor(step, &step.outcomes[0]);
  Status s = ValidateFields(r, specs, {});
  EXPECT_EQ(s.field(), "fields.dato");
  EXPECT_THAT(s.message(), HasSubstr("må fylles ut"));
  EXPECT_TRUE(
      ValidateFields(r, specs, {{"dato", std::string("2026-03-01")}}).ok());
}

TEST(FieldsTest, UnknownFieldIsReportedBeforeMissingOnes) {
  auto r = RoutineWithFields({Spec("dato", FieldType::kDate)});
  const auto& step = *r.FindStep("skjema");
  auto specs = SpecsFor(step, &step.outcomes[0]);
  Status s = ValidateFields(r, specs, {{"datoo", std::string("2026-03-01")}});
  EXPECT_EQ(s.field(), "fields.datoo");
  EXPECT_THAT(s.message(), HasSubstr("Mulige felt: dato"));
}

TEST(FieldsTest, ApplyNamesTheFieldInTheStatus) {
  auto r = RoutineWithFields({Spec("evaluation_date", FieldType::kDate)});
  Snapshot s = Opened(r);
  auto d = Apply(
      s, r, OutcomeCmd("send", {{"evaluation_date", std::string("snart")}}),
      As(kSchool), T0());
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(d.status().field(), "fields.evaluation_date");
}

// Rule (c): naming participants needs consent covering them, even at
// level 0 and even when the outcome closes the case.
TEST(FieldsTest, ServicesFieldNeedsConsentCoveringEveryService) {
  auto r = RoutineWithFields({Spec("deltakere", FieldType::kServices)});
  Snapshot s = Opened(r);
  Command c = OutcomeCmd("send", {{"deltakere", Strings{kSchool, kPpt}}});
  auto anon = Apply(s, r, c, As(kSchool), T0());
  ASSERT_FALSE(anon.ok());
  EXPECT_EQ(anon.status().code(), Code::kNotAllowed);
  EXPECT_THAT(anon.status().message(), HasSubstr("ppt, skole"));

  Snapshot partial = Must(r, s, ConsentCmd({kSchool}), kSchool);
  auto part = Apply(partial, r, c, As(kSchool), T0());
  ASSERT_FALSE(part.ok());
  EXPECT_THAT(part.status().message(), HasSubstr("omfatter ikke: ppt"));

  Snapshot full = Must(r, s, ConsentCmd({kSchool, kPpt}), kSchool);
  EXPECT_TRUE(Apply(full, r, c, As(kSchool), T0()).ok());
}

TEST(FieldsTest, OptionalServicesFieldLeftOutNeedsNoConsent) {
  auto r = RoutineWithFields({Spec("deltakere", FieldType::kServices, false)});
  EXPECT_TRUE(Apply(Opened(r), r, OutcomeCmd("send"), As(kSchool), T0()).ok());
}

TEST(FieldsTest, FieldsAreWrittenAsJson) {
  JsonWriter j;
  WriteFields(j, Fields{{"a", std::string("x\"y")},
                        {"b", std::int64_t{7}},
                        {"c", true},
                        {"d", Strings{"p", "q"}}});
  EXPECT_EQ(j.str(), R"({"a":"x\"y","b":7,"c":true,"d":["p","q"]})");
}

}  // namespace
}  // namespace stafett::engine
