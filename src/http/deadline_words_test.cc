// Deadlines in words in the four languages (table-driven).
#include "http/deadline_words.h"

#include <gtest/gtest.h>

namespace stafett::http {
namespace {

IsoDuration D(std::string_view text) {
  auto d = ParseIsoDuration(text);
  EXPECT_TRUE(d.ok()) << text;
  return *d;
}

TEST(DeadlineWordsTest, Table) {
  struct Row {
    DeadlineSpec spec;
    LangText words;
  };
  const std::vector<Row> table = {
      {DeadlineSpec::WorkingDays(14),
       {"14 virkedager", "14 vyrkedagar", "14 bargobeaivvi",
        "14 working days"}},
      {DeadlineSpec::WorkingDays(1),
       {"1 virkedag", "1 vyrkedag", "1 bargobeaivi", "1 working day"}},
      {DeadlineSpec::Calendar(D("P14D")),
       {"14 dager", "14 dagar", "14 beaivvi", "14 days"}},
      {DeadlineSpec::Calendar(D("P1D")),
       {"1 dag", "1 dag", "1 beaivi", "1 day"}},
      {DeadlineSpec::Calendar(D("P6W")),
       {"6 uker", "6 veker", "6 vahku", "6 weeks"}},
      {DeadlineSpec::Calendar(D("P12M")),
       {"12 måneder", "12 månader", "12 mánu", "12 months"}},
      {DeadlineSpec::Calendar(D("P1M2W")),
       {"1 måned og 2 uker", "1 månad og 2 veker", "1 mánnu ja 2 vahku",
        "1 month and 2 weeks"}},
      {DeadlineSpec::Calendar(D("P1Y1M1D")),
       {"1 år, 1 måned og 1 dag", "1 år, 1 månad og 1 dag",
        "1 jahki, 1 mánnu ja 1 beaivi", "1 year, 1 month and 1 day"}},
      {DeadlineSpec::Calendar(D("PT2H30M")),
       {"2 timer og 30 minutter", "2 timar og 30 minutt",
        "2 diimmu ja 30 minuhta", "2 hours and 30 minutes"}},
      {DeadlineSpec{}, {"", "", "", ""}},
  };
  for (const auto& row : table) {
    EXPECT_EQ(DeadlineWords(row.spec), row.words) << row.spec.ToString();
  }
}

}  // namespace
}  // namespace stafett::http
