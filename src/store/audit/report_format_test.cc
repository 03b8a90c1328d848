// The report's JSON and CSV, byte for byte on a small table, and CSV
// quoting.
#include "store/audit/report_format.h"

#include <gtest/gtest.h>

namespace stafett::store {
namespace {

// A protected table made by hand (the formats do not care how): one full
// group, one with a withheld count, and the total.
PublishedGroup Figures(std::optional<std::int64_t> visits, std::int64_t n,
                       bool derived) {
  PublishedGroup g;
  for (int f = 0; f < kFigureCount; ++f) g.counts[f].value = 0;
  g.counts[kVisits].value = visits;
  if (!visits) g.counts[kVisits].why = Suppression::kSecondary;
  g.counts[kDecided].value = n;
  g.counts[kLeftOnTime].value = n;
  g.counts[kCompleted].value = n;
  if (derived) {
    g.on_time_percent = 100;
    g.median_hours = 5;
    g.p90_hours = 9;
  }
  return g;
}

PublishedReport Sample(ReportKind kind, std::vector<ReportDim> dims,
                       std::vector<std::string> key) {
  PublishedReport r;
  r.kind = kind;
  r.tenant = "nesseby";
  r.period = *MakePeriod({2026, 1}, {2026, 6});
  r.group_by = dims;
  r.generated_at = *ParseTimestamp("2026-07-01T08:00:00Z");
  r.min_count = 5;
  std::vector<std::string> key2 = key;
  key2.back() = "2";
  r.table.groups = {{key, Figures(10, 10, true)},
                    {key2, Figures(std::nullopt, 0, false)}};
  r.table.total = Figures(15, 10, true);
  r.table.suppressed_cells = 1;
  return r;
}

TEST(ReportFormatTest, ComplianceJson) {
  auto r = Sample(ReportKind::kCompliance, {ReportDim::kLevel}, {"1"});
  EXPECT_EQ(
      ReportJson(r),
      R"({"report":"compliance","tenant":"nesseby","period":{"from":"2026-01","to":"2026-06"},)"
      R"("generated_at":"2026-07-01T08:00:00Z","group_by":["level"],)"
      R"("protection":{"min_count":5,"rounding":"cells_to_multiple_of_min_count","suppressed_cells":1},)"
      R"("groups":[{"key":{"level":1},"figures":{"visits":10,"decided":10,"left_on_time":10,)"
      R"("overdue_now":0,"completed":10,"level_up":0,"level_down":0,"without_baton_holder":0,)"
      R"("consents_expired":0,"child_welfare_reports":0,"child_welfare_confirmed_same_day":0},)"
      R"("on_time_percent":100,"time_in_step_hours":{"median":5,"p90":9},"suppressed":[]},)"
      R"({"key":{"level":2},"figures":{"visits":null,"decided":0,"left_on_time":0,)"
      R"("overdue_now":0,"completed":0,"level_up":0,"level_down":0,"without_baton_holder":0,)"
      R"("consents_expired":0,"child_welfare_reports":0,"child_welfare_confirmed_same_day":0},)"
      R"("on_time_percent":null,"time_in_step_hours":{"median":null,"p90":null},"suppressed":["visits"]}],)"
      R"("total":{"figures":{"visits":15,"decided":10,"left_on_time":10,)"
      R"("overdue_now":0,"completed":10,"level_up":0,"level_down":0,"without_baton_holder":0,)"
      R"("consents_expired":0,"child_welfare_reports":0,"child_welfare_confirmed_same_day":0},)"
      R"("on_time_percent":100,"time_in_step_hours":{"median":5,"p90":9},"suppressed":[]}})");
}

TEST(ReportFormatTest, ComplianceCsv) {
  auto r = Sample(ReportKind::kCompliance, {ReportDim::kLevel}, {"1"});
  EXPECT_EQ(
      ReportCsv(r),
      "row,level,visits,decided,left_on_time,overdue_now,completed,"
      "level_up,level_down,without_baton_holder,consents_expired,"
      "child_welfare_reports,child_welfare_confirmed_same_day,on_time_percent,"
      "median_hours,p90_hours,suppressed\r\n"
      "group,1,10,10,10,0,10,0,0,0,0,0,0,100,5,9,\r\n"
      "group,2,,0,0,0,0,0,0,0,0,0,0,,,,visits\r\n"
      "total,,15,10,10,0,10,0,0,0,0,0,0,100,5,9,\r\n");
}

TEST(ReportFormatTest, KommuneanalyseNamesTheSteps) {
  auto r = Sample(ReportKind::kKommuneanalyse,
                  {ReportDim::kYear, ReportDim::kSjumilssteget}, {"2026", "1"});
  const std::string json = ReportJson(r);
  EXPECT_NE(json.find(R"("report":"kommuneanalyse")"), std::string::npos);
  EXPECT_NE(
      json.find(
          R"("key":{"year":2026,"sjumilssteget":1},"step_name":"Medbestemmelse")"),
      std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("step_name":"God omsorg")"), std::string::npos);
  const std::string csv = ReportCsv(r);
  EXPECT_EQ(
      csv.substr(0, csv.find("\r\n")),
      "row,year,sjumilssteget,step_name,visits,decided,left_on_time,"
      "overdue_now,completed,level_up,level_down,without_baton_holder,"
      "consents_expired,child_welfare_reports,child_welfare_confirmed_same_day,"
      "on_time_percent,median_hours,p90_hours,suppressed");
  EXPECT_NE(csv.find("group,2026,1,Medbestemmelse,10,"), std::string::npos);
  EXPECT_NE(csv.find("\r\ntotal,,,,15,"), std::string::npos);
}

TEST(ReportFormatTest, UntaggedGroupIsNull) {
  auto r = Sample(ReportKind::kKommuneanalyse,
                  {ReportDim::kYear, ReportDim::kSjumilssteget}, {"2026", ""});
  EXPECT_NE(
      ReportJson(r).find(
          R"({"year":2026,"sjumilssteget":null},"step_name":"Uten steg")"),
      std::string::npos);
}

TEST(ReportFormatTest, CsvFieldQuotesAndDefuses) {
  struct Case {
    const char* in;
    const char* want;
  } cases[] = {
      {"skole", "skole"},
      {"", ""},
      {"a,b", "\"a,b\""},
      {"si \"hei\"", "\"si \"\"hei\"\"\""},
      {"linje\nto", "\"linje\nto\""},
      {"=SUM(A1)", "'=SUM(A1)"},
      {"+47", "'+47"},
      {"-1", "'-1"},
      {"@x", "'@x"},
      {"=a,b", "\"'=a,b\""},
      {"Unjárga", "Unjárga"},
  };
  for (const auto& c : cases) EXPECT_EQ(CsvField(c.in), c.want) << c.in;
}

TEST(ReportFormatTest, SjumilsstegetNames) {
  EXPECT_EQ(SjumilsstegetName(1), "Medbestemmelse");
  EXPECT_EQ(SjumilsstegetName(4), "Vern mot overgrep");
  EXPECT_EQ(SjumilsstegetName(0), "");
  EXPECT_EQ(SjumilsstegetName(8), "");
}

}  // namespace
}  // namespace stafett::store
