// The notifier end to end, on SQLite and PostgreSQL, against real
// receivers on 127.0.0.1: a webhook endpoint that fails and stalls at
// first, and an SMTP server (aiosmtpd) that refuses the first messages.
// No timed assertions: waits are bounded (a hang fails) and the checks are
// about completeness, signatures and order.
#include <chrono>
#include <filesystem>
#include <set>

#include <gtest/gtest.h>

#include "core/ids.h"
#include "engine/engine.h"
#include "notify/metrics.h"
#include "notify/test_receivers.h"
#include "notify/workers.h"
#include "routine/loader.h"
#include "store/cases/case_store.h"
#include "store/cases/journal_hash.h"
#include "store/sql/test_db.h"
#include "store/work/outbox_store.h"

namespace stafett::notify {
namespace {

using namespace std::chrono_literals;
using testing::SmtpSink;
using testing::WaitUntil;
using testing::WebhookReceiver;

constexpr char kSecret[] = "hemmelig-nøkkel-for-teamet";
constexpr auto kGenerous = 90s;  // bounds every wait; never reached when green

// A routine whose first step belongs to "team" (webhook + two addresses,
// leader by e-mail), so every opened case notifies the team.
std::string RoutineYaml(const std::string& hook_url,
                        const std::string& deadline, const std::string& lead,
                        const std::string& grace) {
  return R"(routine: varsel
version: 1
tenant: varsel
title: Varslingstest
reference_prefix: VRS
abuse_step: melding
settings:
  approaching_lead: )" +
         lead + R"(
  escalation_grace: )" +
         grace + R"(
services:
  - id: skole
    name: Testskolen
    kind: school
    channels:
      email: [skole@test.example]
  - id: team
    name: Ressursteamet / Resursajoavku Unjárga
    kind: other
    channels:
      email: [team@test.example, team2@test.example]
      webhook:
        url: )" +
         hook_url + R"(
        secret_env: STAFETT_TEST_SECRET_TEAM
    leader:
      email: [leder@test.example]
  - id: tom
    name: Tjeneste uten kanaler
    kind: other
steps:
  - id: vurdering
    kind: concern
    level: 0
    title: Vurdering i teamet
    responsible: team
    deadline: )" +
         deadline + R"(
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
}

class NotifierTest : public store::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = OpenMigrated(8);
    ASSERT_NE(db_, nullptr);
    cases_ = std::make_unique<store::CaseStore>(*db_, clock_);
    outbox_ = std::make_unique<store::OutboxStore>(*db_);
    deadlines_ = std::make_unique<store::DeadlineStore>(*db_);
  }

  void LoadRoutine(const std::string& yaml) {
    auto loaded = routine::LoadRoutineText(yaml, "varsel.yaml");
    ASSERT_TRUE(loaded.ok())
        << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].ToString());
    routine_ = loaded.routine;
    directory_.Add(routine_);
    cases_->SaveRoutineVersion(*routine_);
  }

  engine::Snapshot Open() {
    auto r = cases_->CreateCase(
        "varsel", "VRS", 2026,
        [&](const std::string& id,
            const std::string& ref) -> Result<engine::Decision> {
          engine::NewCase n;
          n.case_id = id;
          n.reference = ref;
          n.age_band = "6-12";
          n.text = "Eleven virker sliten og trist.";
          return engine::OpenCase(
              *routine_, n,
              engine::Actor{"varsel", "skole", engine::Role::kWorker},
              clock_.Now());
        });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->snapshot : engine::Snapshot{};
  }

  NotifierOptions Options(const std::string& id) {
    NotifierOptions o;
    o.worker_id = id;
    o.poll_interval = 100ms;
    o.lease = 5s;
    o.batch = 5;
    o.retry.base_delay = 50ms;
    o.retry.max_delay = 400ms;
    o.retry.max_attempts = 10;
    o.public_url = "https://stafett.test";
    return o;
  }

  static SecretLookup Secrets() {
    return [](const std::string& name) -> std::optional<std::string> {
      if (name == "STAFETT_TEST_SECRET_TEAM") return std::string(kSecret);
      return std::nullopt;
    };
  }

  bool AllSettled() {
    auto s = outbox_->Stats();
    return s.outbox_by_status["pending"] == 0;
  }

  std::vector<store::OutboxMessage> AllRows(
      const std::vector<engine::Snapshot>& cs) {
    std::vector<store::OutboxMessage> out;
    for (const auto& c : cs) {
      for (auto& m : outbox_->ForCase(c.case_id)) out.push_back(std::move(m));
    }
    return out;
  }

  SystemClock clock_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::CaseStore> cases_;
  std::unique_ptr<store::OutboxStore> outbox_;
  std::unique_ptr<store::DeadlineStore> deadlines_;
  StaticDirectory directory_;
  std::shared_ptr<const routine::Routine> routine_;
};

// Every notification arrives on every channel, signed; failures and
// timeouts are retried until they succeed; nothing is lost, and a receiver
// that deduplicates on the id sees each one once.
TEST_P(NotifierTest, EveryNotificationArrivesThroughFlakyReceivers) {
  WebhookReceiver hook({kSecret, /*fail_first=*/3, /*stall_first=*/1, 1500ms});
  SmtpSink smtp({"--fail-first", "2"});
  ASSERT_TRUE(smtp.ok());
  ASSERT_NO_FATAL_FAILURE(
      LoadRoutine(RoutineYaml(hook.Url(), "P14D", "P2D", "P3D")));
  std::vector<engine::Snapshot> opened;
  for (int i = 0; i < 8; ++i) opened.push_back(Open());

  PocoWebhookSender webhooks(WebhookOptions{500ms, ""});
  SmtpSender mail(SmtpOptions{"127.0.0.1", smtp.port(), "stafett@test.example",
                              "", "", "plain", false, "", 5000ms});
  Notifier notifier(*db_, *cases_, directory_, Secrets(), &webhooks, &mail,
                    clock_, Options("w1"), nullptr);
  notifier.Start();
  ASSERT_TRUE(WaitUntil([&] { return AllSettled(); }, kGenerous));
  notifier.Stop();

  auto rows = AllRows(opened);
  ASSERT_EQ(rows.size(), opened.size()) << "one step_assigned per case";
  std::set<std::string> ids;
  for (const auto& m : rows) {
    EXPECT_EQ(m.status, "delivered") << m.id << ": " << m.last_error;
    EXPECT_EQ(m.event, "step_assigned");
    EXPECT_EQ(m.service, "team");
    EXPECT_EQ(
        std::set<std::string>(m.channels_done.begin(), m.channels_done.end()),
        (std::set<std::string>{"email", "webhook"}));
    ids.insert(m.id);
  }
  // Webhook: each id accepted, every request signed correctly.
  EXPECT_EQ(hook.Accepted(), ids);
  EXPECT_EQ(hook.BadRequests(), 0);
  // The stalled request is processed after its sender gave up and retried:
  // the receiver sees that id twice and keeps it once.
  EXPECT_TRUE(WaitUntil([&] { return hook.Duplicates() >= 1; }, kGenerous));
  EXPECT_EQ(hook.Accepted(), ids);
  for (const auto& h : hook.Hits()) {
    EXPECT_NE(h.body.find("\"reference\":\"VRS-2026-"), std::string::npos);
    EXPECT_EQ(h.body.find("sliten"), std::string::npos)
        << "nothing about the child";
  }
  // E-mail: one message per notification to both addresses, bokmål.
  std::set<std::string> mailed;
  for (const auto& m : smtp.Messages()) {
    mailed.insert(m.stafett_id);
    EXPECT_EQ(m.rcpt_tos, (std::vector<std::string>{"team@test.example",
                                                    "team2@test.example"}));
    EXPECT_EQ(m.subject.rfind("[Stafett] Ny oppgave: VRS-2026-", 0), 0u)
        << m.subject;
    EXPECT_NE(m.body.find("Ressursteamet / Resursajoavku Unjárga er ansvarlig "
                          "for steget «Vurdering i teamet»"),
              std::string::npos)
        << m.body;
    EXPECT_EQ(m.body.find("sliten"), std::string::npos);
  }
  EXPECT_EQ(mailed, ids);

  // The counters saw the failures, across channels.
  auto stats = outbox_->Stats();
  EXPECT_GE(stats.counters["stafett_notification_delivery_failures_total"]
                          ["channel=\"webhook\""],
            4);
  EXPECT_GE(stats.counters["stafett_notification_delivery_failures_total"]
                          ["channel=\"email\""],
            2);
  EXPECT_EQ(stats.counters["stafett_notifications_delivered_total"][""],
            static_cast<std::int64_t>(ids.size()));
}

// A routine with deadlines of a few seconds: the reminder, the missed
// deadline and the escalation to the leader fire in that order, each
// recorded with its planned and actual time; the missed deadline is in the
// journal (hash chain intact) and the case shows as overdue.
TEST_P(NotifierTest, DeadlineStagesFireInOrderWithPlannedAndActualTimes) {
  WebhookReceiver hook({kSecret});
  SmtpSink smtp;
  ASSERT_TRUE(smtp.ok());
  ASSERT_NO_FATAL_FAILURE(
      LoadRoutine(RoutineYaml(hook.Url(), "PT4S", "PT2S", "PT2S")));
  PocoWebhookSender webhooks(WebhookOptions{2000ms, ""});
  SmtpSender mail(SmtpOptions{"127.0.0.1", smtp.port(), "stafett@test.example",
                              "", "", "plain", false, "", 5000ms});
  Notifier notifier(*db_, *cases_, directory_, Secrets(), &webhooks, &mail,
                    clock_, Options("w1"), nullptr);
  notifier.Start();
  const TimePoint opened_at = clock_.Now();
  engine::Snapshot c = Open();
  auto escalated = [&] {
    for (const auto& m : smtp.Messages()) {
      if (m.rcpt_tos == std::vector<std::string>{"leder@test.example"}) {
        return true;
      }
    }
    return false;
  };
  ASSERT_TRUE(WaitUntil(escalated, kGenerous));
  ASSERT_TRUE(WaitUntil([&] { return AllSettled(); }, kGenerous));
  notifier.Stop();

  // Planned and actual times, in order.
  auto firings = deadlines_->Firings(c.case_id);
  ASSERT_EQ(firings.size(), 3u);
  const TimePoint due = *c.due_at;
  EXPECT_EQ(firings[0].stage_name, "approaching");
  EXPECT_EQ(firings[0].planned_at, due - 2s);
  EXPECT_EQ(firings[1].stage_name, "missed");
  EXPECT_EQ(firings[1].planned_at, due);
  EXPECT_EQ(firings[2].stage_name, "escalated");
  EXPECT_EQ(firings[2].planned_at, due + 2s);
  for (std::size_t i = 0; i < firings.size(); ++i) {
    EXPECT_GE(firings[i].fired_at, firings[i].planned_at) << "never early";
    EXPECT_EQ(firings[i].worker, "w1");
    if (i > 0) {
      EXPECT_GE(firings[i].fired_at, firings[i - 1].fired_at);
    }
  }
  EXPECT_GE(due, opened_at + 4s);

  // The team got assignment, reminder and missed by webhook, in that order.
  std::vector<std::string> events;
  for (const auto& h : hook.Hits()) {
    EXPECT_TRUE(h.signature_ok);
    if (events.empty() || events.back() != h.event) events.push_back(h.event);
  }
  EXPECT_EQ(events,
            (std::vector<std::string>{"step_assigned", "deadline_approaching",
                                      "deadline_missed"}));
  // The leader got the escalation (and only that).
  int to_leader = 0;
  for (const auto& m : smtp.Messages()) {
    if (m.rcpt_tos != std::vector<std::string>{"leder@test.example"}) continue;
    ++to_leader;
    EXPECT_EQ(m.subject,
              "[Stafett] Oversittet frist til leder: " + c.reference);
    EXPECT_NE(m.body.find("Du får dette varselet som leder for Ressursteamet"),
              std::string::npos)
        << m.body;
  }
  EXPECT_EQ(to_leader, 1);

  // Journal: deadline_missed with both times, chain intact; version up.
  auto journal = cases_->Journal("varsel", c.case_id);
  int missed = 0;
  for (const auto& j : journal) {
    if (j.entry.kind != "deadline_missed") continue;
    ++missed;
    EXPECT_NE(
        j.entry.detail_json.find("\"planned_at\":\"" + FormatUtc(due) + "\""),
        std::string::npos)
        << j.entry.detail_json;
    EXPECT_NE(j.entry.detail_json.find("\"fired_at\":"), std::string::npos);
    EXPECT_EQ(j.entry.actor_service, "stafett");
  }
  EXPECT_EQ(missed, 1);
  EXPECT_EQ(store::FirstBrokenLink(journal), std::nullopt);

  // Overdue in the worklist.
  store::WorklistFilter f;
  f.overdue_only = true;
  f.now = clock_.Now();
  auto page = cases_->Worklist("varsel", f);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->cases.size(), 1u);
  EXPECT_EQ(page->cases[0].case_id, c.case_id);

  // Metrics: three firings, three lag observations.
  auto stats = outbox_->Stats();
  EXPECT_EQ(stats.counters["stafett_deadline_lag_seconds_count"][""], 3);
  EXPECT_EQ(stats.counters["stafett_deadline_firings_total"]
                          ["kind=\"step\",stage=\"missed\""],
            1);
  const std::string text = RenderMetrics(stats, clock_.Now());
  EXPECT_NE(text.find("stafett_deadline_lag_seconds_count 3\n"),
            std::string::npos);
}

// A service whose webhook secret is not in the environment never gets an
// unsigned webhook: the message fails at once with a clear reason, is
// listed as failed, and goes through after an administrator's retry once
// the secret is there. The e-mail channel is not repeated.
TEST_P(NotifierTest, MissingSecretFailsClearlyAndAdminRetryDelivers) {
  WebhookReceiver hook({kSecret});
  SmtpSink smtp;
  ASSERT_TRUE(smtp.ok());
  ASSERT_NO_FATAL_FAILURE(
      LoadRoutine(RoutineYaml(hook.Url(), "P14D", "P2D", "P3D")));
  auto have_secret = std::make_shared<std::atomic<bool>>(false);
  SecretLookup secrets =
      [have_secret](const std::string& n) -> std::optional<std::string> {
    if (*have_secret && n == "STAFETT_TEST_SECRET_TEAM") {
      return std::string(kSecret);
    }
    return std::nullopt;
  };
  PocoWebhookSender webhooks(WebhookOptions{2000ms, ""});
  SmtpSender mail(SmtpOptions{"127.0.0.1", smtp.port(), "stafett@test.example",
                              "", "", "plain", false, "", 5000ms});
  Notifier notifier(*db_, *cases_, directory_, secrets, &webhooks, &mail,
                    clock_, Options("w1"), nullptr);
  notifier.Start();
  engine::Snapshot c = Open();
  ASSERT_TRUE(WaitUntil(
      [&] {
        auto page = outbox_->List("varsel", "failed", 10, "");
        return page.ok() && page->items.size() == 1;
      },
      kGenerous));
  auto failed = outbox_->List("varsel", "failed", 10, "")->items[0];
  EXPECT_NE(failed.last_error.find("STAFETT_TEST_SECRET_TEAM"),
            std::string::npos)
      << failed.last_error;
  EXPECT_NE(failed.last_error.find("usignerte"), std::string::npos);
  EXPECT_EQ(failed.attempts, 1) << "a permanent failure is not retried";
  EXPECT_EQ(failed.channels_done, std::vector<std::string>{"email"});
  EXPECT_TRUE(hook.Hits().empty()) << "nothing unsigned was sent";

  *have_secret = true;
  auto retried = outbox_->Retry("varsel", failed.id, clock_.Now());
  ASSERT_TRUE(retried.ok()) << retried.status().ToString();
  notifier.Wake();
  ASSERT_TRUE(WaitUntil(
      [&] { return outbox_->Get("varsel", failed.id)->status == "delivered"; },
      kGenerous));
  notifier.Stop();
  EXPECT_EQ(hook.Accepted(), std::set<std::string>{failed.id});
  EXPECT_EQ(smtp.Messages().size(), 1u) << "e-mail was not sent twice";
}

// A receiver that never recovers: the message is retried with backoff
// until the budget is spent, then marked failed with the last reason; the
// e-mail that did go through is not repeated on each retry.
TEST_P(NotifierTest, RetriesUntilTheBudgetIsSpentThenFails) {
  WebhookReceiver hook({kSecret, /*fail_first=*/1000});
  SmtpSink smtp;
  ASSERT_TRUE(smtp.ok());
  ASSERT_NO_FATAL_FAILURE(
      LoadRoutine(RoutineYaml(hook.Url(), "P14D", "P2D", "P3D")));
  PocoWebhookSender webhooks(WebhookOptions{2000ms, ""});
  SmtpSender mail(SmtpOptions{"127.0.0.1", smtp.port(), "stafett@test.example",
                              "", "", "plain", false, "", 5000ms});
  auto options = Options("w1");
  options.retry.max_attempts = 4;
  Notifier notifier(*db_, *cases_, directory_, Secrets(), &webhooks, &mail,
                    clock_, options, nullptr);
  notifier.Start();
  engine::Snapshot c = Open();
  ASSERT_TRUE(WaitUntil([&] { return AllSettled(); }, kGenerous));
  notifier.Stop();
  auto rows = outbox_->ForCase(c.case_id);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].status, "failed");
  EXPECT_EQ(rows[0].attempts, 4);
  EXPECT_EQ(rows[0].last_error, "webhook: mottakeren svarte HTTP 503");
  EXPECT_EQ(rows[0].channels_done, std::vector<std::string>{"email"});
  EXPECT_EQ(hook.Hits().size(), 4u);
  EXPECT_EQ(smtp.Messages().size(), 1u);
  auto stats = outbox_->Stats();
  EXPECT_EQ(stats.counters["stafett_notifications_failed_total"][""], 1);
  EXPECT_EQ(stats.counters["stafett_notification_delivery_failures_total"]
                          ["channel=\"webhook\""],
            4);
  auto page = outbox_->List("varsel", "failed", 10, "");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->items.size(), 1u);
}

// Two workers with their own connections (as two replicas would have)
// share the outbox; one stops halfway. Every message is delivered, and
// each exactly once as far as a deduplicating receiver is concerned.
TEST_P(NotifierTest, TwoWorkersShareTheOutboxWithoutLosingAny) {
  WebhookReceiver hook({kSecret, /*fail_first=*/2});
  SmtpSink smtp;
  ASSERT_TRUE(smtp.ok());
  ASSERT_NO_FATAL_FAILURE(
      LoadRoutine(RoutineYaml(hook.Url(), "P14D", "P2D", "P3D")));
  std::vector<engine::Snapshot> opened;
  for (int i = 0; i < 30; ++i) opened.push_back(Open());
  auto db2 = OpenDatabase(4);
  ASSERT_NE(db2, nullptr);
  store::CaseStore cases2(*db2, clock_);
  PocoWebhookSender webhooks(WebhookOptions{2000ms, ""});
  SmtpSender mail(SmtpOptions{"127.0.0.1", smtp.port(), "stafett@test.example",
                              "", "", "plain", false, "", 5000ms});
  auto a = std::make_unique<Notifier>(*db_, *cases_, directory_, Secrets(),
                                      &webhooks, &mail, clock_, Options("wa"),
                                      nullptr);
  Notifier b(*db2, cases2, directory_, Secrets(), &webhooks, &mail, clock_,
             Options("wb"), nullptr);
  a->Start();
  b.Start();
  ASSERT_TRUE(
      WaitUntil([&] { return hook.Accepted().size() >= 5; }, kGenerous));
  a->Stop();  // a replica going away mid-run
  a.reset();
  ASSERT_TRUE(WaitUntil([&] { return AllSettled(); }, kGenerous));
  b.Stop();

  std::set<std::string> ids;
  std::map<std::string, int> by_worker;
  for (const auto& m : AllRows(opened)) {
    EXPECT_EQ(m.status, "delivered") << m.last_error;
    ids.insert(m.id);
    by_worker[m.delivered_by]++;
  }
  EXPECT_EQ(ids.size(), opened.size());
  EXPECT_EQ(hook.Accepted(), ids);
  EXPECT_EQ(hook.BadRequests(), 0);
  std::set<std::string> mailed;
  for (const auto& m : smtp.Messages()) mailed.insert(m.stafett_id);
  EXPECT_EQ(mailed, ids);
  for (const auto& [w, n] : by_worker) {
    EXPECT_TRUE(w == "wa" || w == "wb") << w;
  }
}

// STARTTLS and authentication against aiosmtpd with a throwaway
// certificate: the session upgrades before the credentials are sent.
TEST_P(NotifierTest, SmtpWithStartTlsAndAuthentication) {
  auto dir =
      std::filesystem::temp_directory_path() / ("stafett-tls-" + NewId());
  std::filesystem::create_directories(dir);
  auto cert = testing::MakeTestCert(dir.string());
  if (cert.cert.empty()) GTEST_SKIP() << "openssl not available";
  SmtpSink smtp(
      {"--starttls", cert.cert, cert.key, "--auth", "stafett:pass-word-123"});
  ASSERT_TRUE(smtp.ok());
  WebhookReceiver hook({kSecret});
  ASSERT_NO_FATAL_FAILURE(
      LoadRoutine(RoutineYaml(hook.Url(), "P14D", "P2D", "P3D")));
  SslScope ssl;
  SmtpSender plain(SmtpOptions{"127.0.0.1", smtp.port(), "stafett@test.example",
                               "stafett", "pass-word-123", "plain", false, "",
                               5000ms});
  auto refused = plain.Send({"x@test.example"}, "s", "b", {});
  EXPECT_FALSE(refused.ok) << "the server requires STARTTLS";
  SmtpSender tls(SmtpOptions{"localhost", smtp.port(), "stafett@test.example",
                             "stafett", "pass-word-123", "plain", true,
                             cert.cert, 5000ms});
  auto sent = tls.Send({"x@test.example"}, "Hei på deg", "Brødtekst æøå", {});
  EXPECT_TRUE(sent.ok) << sent.error;
  auto msgs = smtp.Messages();
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_TRUE(msgs[0].tls);
  EXPECT_EQ(msgs[0].auth_user, "stafett");
  EXPECT_EQ(msgs[0].subject, "Hei på deg");
  EXPECT_NE(msgs[0].body.find("Brødtekst æøå"), std::string::npos);
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Backends, NotifierTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::notify
