// The simulator's result as JSON and CSV (engine/simulate.h). Days are
// rounded to one decimal: the model is not finer than that.
#include <cmath>
#include <cstdio>
#include <string>

#include "core/json_writer.h"
#include "engine/simulate.h"

namespace stafett::engine {
namespace {

double Round1(double d) { return std::round(d * 10) / 10; }

std::string Num(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", Round1(d));
  return buf;
}

void IntArray(JsonWriter& j, std::string_view key, const std::vector<int>& v) {
  j.Key(key).BeginArray();
  for (int x : v) j.Int(x);
  j.EndArray();
}

}  // namespace

std::string SimResultJson(const SimResult& r) {
  JsonWriter j;
  j.BeginObject();
  j.Field("cases", r.cases).Field("closed", r.closed).Field("open", r.open);
  j.Field("consent_refused", r.consent_refused).Field("refusals", r.refusals);
  j.Key("months").BeginArray();
  for (const auto& m : r.months) j.String(m);
  j.EndArray();
  j.Key("load").BeginArray();
  for (const auto& l : r.load) {
    j.BeginObject().Field("service", l.service);
    IntArray(j, "steps_entered", l.steps_entered);
    IntArray(j, "batons_held", l.batons_held);
    IntArray(j, "meetings", l.meetings);
    j.EndObject();
  }
  j.EndArray();
  j.Key("steps").BeginArray();
  for (const auto& s : r.steps) {
    j.BeginObject()
        .Field("step", s.step)
        .Field("level", s.level)
        .Field("visits", s.visits)
        .Field("finished", s.finished)
        .Field("missed", s.missed);
    j.Key("missed_share")
        .Double(s.visits ? std::round(1000.0 * s.missed / s.visits) / 1000
                         : 0.0);
    j.Key("mean_days").Double(Round1(s.mean_days));
    j.Key("p90_days").Double(Round1(s.p90_days));
    j.Key("case_days").Double(Round1(s.case_days));
    j.EndObject();
  }
  j.EndArray();
  j.Key("time_to_close").BeginObject();
  j.Key("median_days").Double(Round1(r.close_median_days));
  j.Key("p90_days").Double(Round1(r.close_p90_days));
  j.EndObject();
  j.Key("bottlenecks").BeginArray();
  for (const auto& b : r.bottlenecks) j.String(b);
  j.EndArray();
  j.EndObject();
  return j.Take();
}

std::string SimResultCsv(const SimResult& r) {
  // Ids are [a-z0-9_] (routine/validate.h), so no field needs quoting.
  std::string out = "section,service,step,month,value\n";
  auto row = [&](std::string_view section, std::string_view service,
                 std::string_view step, std::string_view month,
                 const std::string& value) {
    out.append(section).append(",").append(service).append(",").append(step);
    out.append(",").append(month).append(",").append(value).append("\n");
  };
  row("cases", "", "", "", std::to_string(r.cases));
  row("closed", "", "", "", std::to_string(r.closed));
  row("open", "", "", "", std::to_string(r.open));
  for (const auto& l : r.load) {
    for (std::size_t m = 0; m < r.months.size(); ++m) {
      row("load_steps_entered", l.service, "", r.months[m],
          std::to_string(l.steps_entered[m]));
      row("load_batons_held", l.service, "", r.months[m],
          std::to_string(l.batons_held[m]));
      row("load_meetings", l.service, "", r.months[m],
          std::to_string(l.meetings[m]));
    }
  }
  for (const auto& s : r.steps) {
    row("step_visits", "", s.step, "", std::to_string(s.visits));
    row("step_missed", "", s.step, "", std::to_string(s.missed));
    row("step_mean_days", "", s.step, "", Num(s.mean_days));
    row("step_p90_days", "", s.step, "", Num(s.p90_days));
  }
  row("close_median_days", "", "", "", Num(r.close_median_days));
  row("close_p90_days", "", "", "", Num(r.close_p90_days));
  for (std::size_t i = 0; i < r.bottlenecks.size(); ++i) {
    row("bottleneck", "", r.bottlenecks[i], "", std::to_string(i + 1));
  }
  return out;
}

}  // namespace stafett::engine
