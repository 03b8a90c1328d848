// Staged escalation end to end, on SQLite and PostgreSQL: a routine whose
// missed deadline goes to the unit leader first and then to the leader and
// a team (the BTI coordinator, e-mailed in North Sami), through the real
// deadline worker, outbox and an SMTP server on 127.0.0.1. Waits are
// bounded; nothing is timed.
#include <chrono>
#include <set>

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "notify/test_receivers.h"
#include "notify/workers.h"
#include "routine/loader.h"
#include "store/cases/case_store.h"
#include "store/sql/test_db.h"
#include "store/work/outbox_store.h"

namespace stafett::notify {
namespace {

using namespace std::chrono_literals;
using testing::SmtpSink;
using testing::WaitUntil;

constexpr auto kGenerous = 90s;

constexpr char kRoutine[] = R"(routine: trinn
version: 1
tenant: trinn
title: Eskaleringstest
reference_prefix: TRN
abuse_step: melding
settings:
  approaching_lead: PT1S
services:
  - id: barnehage
    name: {nb: Solsikken barnehage, se: Beaivečalmmi mánáidgárdi}
    kind: kindergarten
    channels:
      email: barnehage@test.example
    leader:
      email: styrer@test.example
teams:
  - id: bti
    name: {nb: BTI-koordinator, se: BTI-koordináhtor}
    channels:
      email: bti@test.example
      language: se
escalation:
  - after: PT2S
    to: leader
  - after: PT4S
    to: [leader, bti]
steps:
  - id: vurdering
    kind: concern
    level: 0
    title: {nb: Vurdering, se: Árvvoštallan}
    responsible: barnehage
    deadline: PT3S
    outcomes:
      - {name: close, to: avsluttet}
  - id: melding
    kind: action
    level: 3
    title: Melding til barnevernet
    responsible: reporter
    deadline: PT8H
    outcomes:
      - {name: done, to: avsluttet}
  - id: avsluttet
    kind: closed
    level: 0
    title: Avsluttet
)";

class EscalationTest : public store::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = OpenMigrated(8);
    ASSERT_NE(db_, nullptr);
    cases_ = std::make_unique<store::CaseStore>(*db_, clock_);
    outbox_ = std::make_unique<store::OutboxStore>(*db_);
    deadlines_ = std::make_unique<store::DeadlineStore>(*db_);
    auto loaded = routine::LoadRoutineText(kRoutine, "trinn.yaml");
    ASSERT_TRUE(loaded.ok())
        << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].ToString());
    routine_ = loaded.routine;
    directory_.Add(routine_);
    cases_->SaveRoutineVersion(*routine_);
  }

  engine::Snapshot Open() {
    auto r = cases_->CreateCase(
        "trinn", "TRN", 2026,
        [&](const std::string& id,
            const std::string& ref) -> Result<engine::Decision> {
          engine::NewCase n;
          n.case_id = id;
          n.reference = ref;
          n.age_band = "0-5";
          n.text = "Barnet er ofte stille.";
          return engine::OpenCase(
              *routine_, n,
              engine::Actor{"trinn", "barnehage", engine::Role::kWorker},
              clock_.Now());
        });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->snapshot : engine::Snapshot{};
  }

  NotifierOptions Options() {
    NotifierOptions o;
    o.worker_id = "w1";
    o.poll_interval = 100ms;
    o.lease = 5s;
    o.batch = 5;
    o.retry.base_delay = 50ms;
    o.retry.max_delay = 400ms;
    o.retry.max_attempts = 10;
    o.public_url = "https://stafett.test";
    return o;
  }

  SystemClock clock_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::CaseStore> cases_;
  std::unique_ptr<store::OutboxStore> outbox_;
  std::unique_ptr<store::DeadlineStore> deadlines_;
  StaticDirectory directory_;
  std::shared_ptr<const routine::Routine> routine_;
};

TEST_P(EscalationTest, TwoStagesReachTheLeaderAndThenTheTeam) {
  SmtpSink smtp;
  ASSERT_TRUE(smtp.ok());
  SmtpSender mail(SmtpOptions{"127.0.0.1", smtp.port(), "stafett@test.example",
                              "", "", "plain", false, "", 5000ms});
  Notifier notifier(
      *db_, *cases_, directory_,
      [](const std::string&) { return std::nullopt; }, nullptr, &mail, clock_,
      Options(), nullptr);
  notifier.Start();
  engine::Snapshot c = Open();
  auto to = [&](const std::string& address) {
    int n = 0;
    for (const auto& m : smtp.Messages()) {
      if (m.rcpt_tos == std::vector<std::string>{address}) ++n;
    }
    return n;
  };
  ASSERT_TRUE(
      WaitUntil([&] { return to("bti@test.example") >= 1; }, kGenerous));
  ASSERT_TRUE(WaitUntil(
      [&] { return outbox_->Stats().outbox_by_status["pending"] == 0; },
      kGenerous));
  notifier.Stop();

  // Every stage fired once, in order, at its planned time or after.
  auto firings = deadlines_->Firings(c.case_id);
  ASSERT_EQ(firings.size(), 4u);
  const TimePoint due = *c.due_at;
  const std::vector<std::pair<std::string, TimePoint>> planned = {
      {"approaching", due - 1s},
      {"missed", due},
      {"escalated", due + 2s},
      {"escalated_2", due + 4s}};
  for (std::size_t i = 0; i < planned.size(); ++i) {
    EXPECT_EQ(firings[i].stage, int(i) + 1);
    EXPECT_EQ(firings[i].stage_name, planned[i].first);
    EXPECT_EQ(firings[i].planned_at, planned[i].second);
    EXPECT_GE(firings[i].fired_at, firings[i].planned_at);
  }

  // Outbox: the leader twice (one row per stage), the team once, under
  // its own id; all delivered.
  std::multiset<std::string> escalations;
  for (const auto& m : outbox_->ForCase(c.case_id)) {
    EXPECT_EQ(m.status, "delivered") << m.event << ": " << m.last_error;
    if (m.event == "deadline_escalated") {
      escalations.insert(m.service + "/" + m.audience);
    }
  }
  EXPECT_EQ(escalations,
            (std::multiset<std::string>{"barnehage/leader", "barnehage/leader",
                                        "bti/service"}));
  EXPECT_EQ(to("styrer@test.example"), 2);
  EXPECT_EQ(to("bti@test.example"), 1);

  // The team reads North Sami: the step title, the team's name and the
  // frame, with Sami letters intact.
  for (const auto& m : smtp.Messages()) {
    if (m.rcpt_tos != std::vector<std::string>{"bti@test.example"}) continue;
    EXPECT_EQ(m.subject, "[Stafett] Áigemearri manai: " + c.reference);
    EXPECT_NE(m.body.find("lávkki «Árvvoštallan»"), std::string::npos)
        << m.body;
    EXPECT_NE(m.body.find("Vuostáiváldi: BTI-koordináhtor."), std::string::npos)
        << m.body;
    EXPECT_NE(m.body.find("Áigemearri: "), std::string::npos);
    EXPECT_EQ(m.body.find("stille"), std::string::npos) << "nothing about "
                                                           "the child";
  }
  for (const auto& m : smtp.Messages()) {
    if (m.rcpt_tos != std::vector<std::string>{"styrer@test.example"}) continue;
    EXPECT_NE(m.body.find("Du får dette varselet som leder for Solsikken "
                          "barnehage."),
              std::string::npos)
        << m.body;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, EscalationTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::notify
