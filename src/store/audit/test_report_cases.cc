#include "store/audit/test_report_cases.h"

#include <stdexcept>

#include "store/cases/test_decisions.h"

namespace stafett::store::testing {

TimePoint Utc(const char* iso) {
  auto t = ParseTimestamp(iso);
  if (!t.ok()) throw std::invalid_argument(std::string("bad time ") + iso);
  return *t;
}

ReportCase::ReportCase(CaseStore& store, std::string tenant, std::string unit)
    : store_(store), tenant_(std::move(tenant)), unit_(std::move(unit)) {}

ReportCase& ReportCase::Enter(const std::string& step, int level,
                              const std::string& service, const char* at,
                              std::optional<Millis> due,
                              const std::string& kind) {
  const TimePoint now = Utc(at);
  engine::Decision d;
  engine::Snapshot& s = d.snapshot;
  s = snap_;
  s.step = step;
  s.level = level;
  s.responsible_service = service;
  s.step_entered_at = now;
  s.due_at.reset();
  if (due) s.due_at = now + *due;
  s.visit_seq = snap_.visit_seq + 1;

  engine::JournalEntry entered;
  entered.kind = "step_entered";
  entered.step = step;
  entered.level = level;
  entered.actor_service = service;
  entered.actor_role = engine::Role::kCoordinator;
  entered.at = now;
  entered.detail_json = "{\"to_level\":" + std::to_string(level) + "}";
  if (snap_.case_id.empty()) {
    const routine::Routine r = TestRoutine(tenant_);
    s.tenant = tenant_;
    s.routine_id = r.id;
    s.routine_version = r.version;
    s.routine_hash = r.hash;
    s.reporter_service = unit_;
    s.created_at = now;
    s.age_band = "6-12";
    engine::JournalEntry opened = entered;
    opened.kind = "case_opened";
    opened.detail_json = "{}";
    d.journal = {opened, entered};
  } else {
    d.journal = {entered};
    d.left = engine::StepVisitLeave{snap_.visit_seq, "next", now};
  }
  d.entered = engine::StepVisitEnter{s.visit_seq, step, kind,    level,
                                     service,     now,  s.due_at};
  Apply(std::move(d));
  return *this;
}

ReportCase& ReportCase::Event(const std::string& kind, const char* at) {
  engine::Decision d;
  d.snapshot = snap_;
  engine::JournalEntry e;
  e.kind = kind;
  e.step = snap_.step;
  e.level = snap_.level;
  e.actor_service = snap_.responsible_service;
  e.at = Utc(at);
  e.detail_json = "{}";
  d.journal = {e};
  Apply(std::move(d));
  return *this;
}

ReportCase& ReportCase::Baton(const std::string& holder) {
  engine::Decision d;
  d.snapshot = snap_;
  d.snapshot.baton_holder = holder;
  d.snapshot.baton =
      holder.empty() ? engine::BatonState::kNone : engine::BatonState::kHeld;
  Apply(std::move(d));
  return *this;
}

ReportCase& ReportCase::Close() {
  engine::Decision d;
  d.snapshot = snap_;
  d.snapshot.status = engine::CaseStatus::kClosed;
  d.snapshot.closed_reason = "done";
  d.snapshot.due_at.reset();
  Apply(std::move(d));
  return *this;
}

void ReportCase::Apply(engine::Decision d) {
  Result<CommandOutcome> out = Status::Ok();
  if (snap_.case_id.empty()) {
    const int year = static_cast<int>(OsloDate(d.snapshot.created_at).year());
    out = store_.CreateCase(
        tenant_, "NES", year,
        [&](const std::string&,
            const std::string&) -> Result<engine::Decision> { return d; });
  } else {
    out = store_.ExecuteCommand(
        tenant_, snap_.case_id, std::nullopt,
        [&](const engine::Snapshot& cur) -> Result<engine::Decision> {
          engine::Decision copy = d;
          copy.snapshot.version = cur.version + 1;
          return copy;
        });
  }
  if (!out.ok()) {
    throw std::runtime_error("ReportCase: " + out.status().ToString());
  }
  snap_ = out->snapshot;
}

}  // namespace stafett::store::testing
