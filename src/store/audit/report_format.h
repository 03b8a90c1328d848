// A protected report as JSON or CSV: the compliance report (GET
// /api/v1/reports/compliance) and the kommuneanalyse export (GET
// /api/v1/reports/kommuneanalyse). Pure: the figures come in already
// protected (report_math.h Protect), so nothing here can publish a
// suppressed value.
//
// JSON (compliance):
//   {"report":"compliance","tenant":"nesseby",
//    "period":{"from":"2026-01","to":"2026-06"},
//    "generated_at":"2026-07-01T08:00:00Z","group_by":["service","month"],
//    "protection":{"min_count":5,"rounding":"cells_to_multiple_of_min_count",
//                  "suppressed_cells":0},
//    "groups":[{"key":{"service":"skole","month":"2026-01"},
//               "figures":{"visits":20,"decided":null,...},
//               "on_time_percent":75,
//               "time_in_step_hours":{"median":30,"p90":200},
//               "suppressed":["decided"]}, ...],
//    "total":{"figures":{...},"on_time_percent":...,
//             "time_in_step_hours":{...},"suppressed":[...]}}
// Every count is a sum of rounded cells (store/audit/disclosure.h), a multiple
// of min_count. A count the audit withholds (by design, never) is null and
// named in "suppressed"; a derived value that cannot be published is null.
// Numeric dimensions are numbers; the untagged Sjumilssteget group has
// "sjumilssteget":null.
//
// CSV (RFC 4180, UTF-8, CRLF line ends): a header row, then one row per
// group and a last row for the total. Columns: row ("group" | "total"),
// the dimensions, the figures, on_time_percent, median_hours, p90_hours,
// suppressed (names joined with ';'). A suppressed or unpublishable value
// is an empty field. Text that a spreadsheet would run as a formula (a
// leading =, +, - or @) is prefixed with an apostrophe.
//
// The kommuneanalyse is the same table grouped by year and Sjumilssteget
// step, with the step's name beside its number ("step_name" in JSON, a
// column in CSV) and "report":"kommuneanalyse".
//
// Thread-safety: pure functions.
#ifndef STAFETT_STORE_AUDIT_REPORT_FORMAT_H_
#define STAFETT_STORE_AUDIT_REPORT_FORMAT_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "store/audit/report_math.h"

namespace stafett::store {

enum class ReportKind { kCompliance, kKommuneanalyse };

struct PublishedReport {
  ReportKind kind = ReportKind::kCompliance;
  std::string tenant;
  ReportPeriod period;
  std::vector<ReportDim> group_by;
  TimePoint generated_at;
  int min_count = kDefaultMinCount;
  ProtectedTable table;
};

std::string ReportJson(const PublishedReport& r);
std::string ReportCsv(const PublishedReport& r);

// The Sjumilssteget step's name in bokmål ("Medbestemmelse", ...); steps
// 1..7, "" otherwise.
std::string SjumilsstegetName(int step);

// One CSV field, quoted when needed (RFC 4180) and defused against formula
// injection.
std::string CsvField(std::string_view text);

}  // namespace stafett::store

#endif  // STAFETT_STORE_AUDIT_REPORT_FORMAT_H_
