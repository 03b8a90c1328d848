#include "store/audit/report_format.h"

#include <charconv>

#include "core/json_writer.h"

namespace stafett::store {

namespace {

// Sjumilssteget's seven steps (domain.md §4.2). Step 7 is not confirmed
// from a source; it is named by its number only.
constexpr const char* kStepNames[] = {
    "",
    "Medbestemmelse",
    "God omsorg",
    "Særskilt vern og støtte",
    "Vern mot overgrep",
    "Fullverdig liv",
    "God helse",
    "Steg 7",
};

std::int64_t Number(const std::string& s) {
  std::int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

void OptInt(JsonWriter& w, std::string_view key,
            const std::optional<std::int64_t>& v) {
  w.Key(key);
  if (v) {
    w.Int(*v);
  } else {
    w.Null();
  }
}

void WritePublished(JsonWriter& w, const PublishedGroup& g) {
  w.Key("figures").BeginObject();
  for (int f = 0; f < kFigureCount; ++f)
    OptInt(w, FigureName(f), g.counts[f].value);
  w.EndObject();
  OptInt(w, "on_time_percent", g.on_time_percent);
  w.Key("time_in_step_hours").BeginObject();
  OptInt(w, "median", g.median_hours);
  OptInt(w, "p90", g.p90_hours);
  w.EndObject();
  w.Key("suppressed").BeginArray();
  for (const auto& name : g.SuppressedNames()) w.String(name);
  w.EndArray();
}

const char* KindName(ReportKind k) {
  return k == ReportKind::kCompliance ? "compliance" : "kommuneanalyse";
}

int TagIndex(const std::vector<ReportDim>& dims) {
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] == ReportDim::kSjumilssteget) return static_cast<int>(i);
  }
  return -1;
}

std::string OptText(const std::optional<std::int64_t>& v) {
  return v ? std::to_string(*v) : std::string();
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ';';
    out += n;
  }
  return out;
}

void CsvRow(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += CsvField(fields[i]);
  }
  out += "\r\n";
}

std::vector<std::string> CsvValues(const PublishedGroup& g) {
  std::vector<std::string> v;
  for (int f = 0; f < kFigureCount; ++f)
    v.push_back(OptText(g.counts[f].value));
  v.push_back(OptText(g.on_time_percent));
  v.push_back(OptText(g.median_hours));
  v.push_back(OptText(g.p90_hours));
  v.push_back(JoinNames(g.SuppressedNames()));
  return v;
}

}  // namespace

std::string SjumilsstegetName(int step) {
  if (step < 1 || step > 7) return "";
  return kStepNames[step];
}

std::string CsvField(std::string_view text) {
  std::string s(text);
  if (!s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) {
    s.insert(s.begin(), '\'');
  }
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  q += '"';
  return q;
}

std::string ReportJson(const PublishedReport& r) {
  const int tag = TagIndex(r.group_by);
  JsonWriter w;
  w.BeginObject().Field("report", KindName(r.kind)).Field("tenant", r.tenant);
  w.Key("period")
      .BeginObject()
      .Field("from", FormatYearMonth(r.period.first))
      .Field("to", FormatYearMonth(r.period.last))
      .EndObject();
  w.Field("generated_at", FormatUtc(r.generated_at));
  w.Key("group_by").BeginArray();
  for (ReportDim d : r.group_by) w.String(ReportDimName(d));
  w.EndArray();
  w.Key("protection")
      .BeginObject()
      .Field("min_count", r.min_count)
      .Field("rounding", "cells_to_multiple_of_min_count")
      .Field("suppressed_cells", r.table.suppressed_cells)
      .EndObject();
  w.Key("groups").BeginArray();
  for (const auto& g : r.table.groups) {
    w.BeginObject();
    w.Key("key").BeginObject();
    for (std::size_t i = 0; i < r.group_by.size(); ++i) {
      const std::string& v = g.key[i];
      w.Key(ReportDimName(r.group_by[i]));
      if (IsNumericDim(r.group_by[i])) {
        if (v.empty()) {
          w.Null();
        } else {
          w.Int(Number(v));
        }
      } else {
        w.String(v);
      }
    }
    w.EndObject();
    if (tag >= 0 && r.kind == ReportKind::kKommuneanalyse) {
      const std::string& v = g.key[static_cast<std::size_t>(tag)];
      w.Field("step_name",
              v.empty() ? std::string("Uten steg")
                        : SjumilsstegetName(static_cast<int>(Number(v))));
    }
    WritePublished(w, g.published);
    w.EndObject();
  }
  w.EndArray();
  w.Key("total").BeginObject();
  WritePublished(w, r.table.total);
  w.EndObject();
  w.EndObject();
  return w.Take();
}

std::string ReportCsv(const PublishedReport& r) {
  const int tag = TagIndex(r.group_by);
  const bool names = tag >= 0 && r.kind == ReportKind::kKommuneanalyse;
  std::string out;
  std::vector<std::string> header{"row"};
  for (ReportDim d : r.group_by) header.emplace_back(ReportDimName(d));
  if (names) header.emplace_back("step_name");
  for (int f = 0; f < kFigureCount; ++f) header.emplace_back(FigureName(f));
  for (const char* h :
       {"on_time_percent", "median_hours", "p90_hours", "suppressed"}) {
    header.emplace_back(h);
  }
  CsvRow(out, header);
  for (const auto& g : r.table.groups) {
    std::vector<std::string> row{"group"};
    row.insert(row.end(), g.key.begin(), g.key.end());
    if (names) {
      const std::string& v = g.key[static_cast<std::size_t>(tag)];
      row.push_back(v.empty() ? std::string("Uten steg")
                              : SjumilsstegetName(static_cast<int>(Number(v))));
    }
    auto values = CsvValues(g.published);
    row.insert(row.end(), values.begin(), values.end());
    CsvRow(out, row);
  }
  std::vector<std::string> total{"total"};
  total.resize(1 + r.group_by.size() + (names ? 1 : 0));
  auto values = CsvValues(r.table.total);
  total.insert(total.end(), values.begin(), values.end());
  CsvRow(out, total);
  return out;
}

}  // namespace stafett::store
