// Notices in the recipient's language (channels `language`), with day
// deadlines as dates and the step's deadline in words, and notices to
// teams.
#include <set>

#include <gtest/gtest.h>

#include "notify/message.h"

namespace stafett::notify {
namespace {

store::OutboxMessage Row(const std::string& event, const std::string& service,
                         const std::string& audience, const std::string& due_at,
                         const std::string& deadline_kind = "step") {
  store::OutboxMessage m;
  m.id = "0123456789abcdef0123456789abcdef";
  m.tenant = "nesseby";
  m.case_id = "fedcba9876543210fedcba9876543210";
  m.service = service;
  m.audience = audience;
  m.event = event;
  m.payload_json = R"({"event":")" + event +
                   R"(","reference":"NES-2026-0042","step":"observasjon",)"
                   R"("level":0,"service":")" +
                   service + R"(","due_at":")" + due_at +
                   R"(","deadline_kind":")" + deadline_kind + R"("})";
  return m;
}

routine::Routine Nesseby(const std::string& lang, DeadlineSpec deadline) {
  routine::Routine r;
  r.tenant = "nesseby";
  routine::Step s;
  s.id = "observasjon";
  s.title.by_lang = {{"nb", "Observasjon"},
                     {"nn", "Observasjon"},
                     {"se", "Áican"},
                     {"en", "Observation"}};
  s.deadline = deadline;
  r.steps.push_back(s);
  routine::Service svc;
  svc.id = "skole";
  svc.names.by_lang = {{"nb", "Nesseby skole"},
                       {"nn", "Nesseby skule"},
                       {"se", "Unjárgga skuvla"},
                       {"en", "Nesseby school"}};
  svc.name = svc.names.Get("nb");
  svc.channels.emails = {"skole@k.example"};
  svc.channels.language = lang;
  svc.leader.emails = {"rektor@k.example"};
  r.services.push_back(svc);
  routine::Team team;
  team.id = "bti";
  team.names.by_lang = {{"nb", "BTI-koordinator"},
                        {"se", "BTI-koordináhtor"},
                        {"en", "BTI coordinator"}};
  team.channels.emails = {"bti@k.example"};
  team.channels.language = lang;
  r.teams.push_back(team);
  return r;
}

// 14 days from 3 May 2026 10:00 Oslo.
constexpr char kDue[] = "2026-05-17T08:00:00Z";

TEST(MessageWordsTest, DayDeadlinesAreDatesWithWordsInEveryLanguage) {
  const struct {
    std::string lang;
    DeadlineSpec spec;
    const char* subject;
    const char* lead;
    const char* deadline_line;
    const char* service;
  } rows[] = {
      {"nb", DeadlineSpec::Calendar(IsoDuration{0, 0, 0, 14}),
       "[Stafett] Fristen er oversittet: NES-2026-0042",
       "Fristen for steget «Observasjon» i sak NES-2026-0042 er oversittet.",
       "Frist: 17.05.2026 (14 dager)\n", "Nesseby skole er ansvarlig."},
      {"nn", DeadlineSpec::Calendar(IsoDuration{0, 0, 0, 14}),
       "[Stafett] Fristen er oversitten: NES-2026-0042",
       "Fristen for steget «Observasjon» i sak NES-2026-0042 er oversitten.",
       "Frist: 17.05.2026 (14 dagar)\n", "Nesseby skule er ansvarleg."},
      {"se", DeadlineSpec::Calendar(IsoDuration{0, 0, 0, 14}),
       "[Stafett] Áigemearri manai: NES-2026-0042",
       "Áigemearri manai: lávkki «Áican», ášši NES-2026-0042.",
       "Áigemearri: 17.05.2026 (14 beaivvi)\n",
       "Unjárgga skuvla lea ovddasvástideaddji."},
      {"en", DeadlineSpec::Calendar(IsoDuration{0, 0, 0, 14}),
       "[Stafett] Deadline missed: NES-2026-0042",
       "The deadline for the step “Observation” in case NES-2026-0042 has "
       "been missed.",
       "Deadline: 17.05.2026 (14 days)\n", "Nesseby school is responsible."},
      {"nb", DeadlineSpec::WorkingDays(10), "[Stafett] Fristen er oversittet",
       "Fristen for steget", "Frist: 17.05.2026 (10 virkedager)\n",
       "Nesseby skole"},
      {"nn", DeadlineSpec::WorkingDays(10), "[Stafett] Fristen er oversitten",
       "Fristen for steget", "Frist: 17.05.2026 (10 vyrkedagar)\n",
       "Nesseby skule"},
      {"se", DeadlineSpec::WorkingDays(10), "[Stafett] Áigemearri manai",
       "Áigemearri manai", "Áigemearri: 17.05.2026 (10 bargobeaivvi)\n",
       "Unjárgga skuvla"},
      {"en", DeadlineSpec::WorkingDays(10), "[Stafett] Deadline missed",
       "The deadline for", "Deadline: 17.05.2026 (10 working days)\n",
       "Nesseby school"},
      // A deadline in hours keeps its time of day.
      {"nb", DeadlineSpec::Calendar(IsoDuration{0, 0, 0, 0, 8}),
       "[Stafett] Fristen er oversittet", "Fristen for steget",
       "Frist: 17.05.2026 kl. 10:00 (8 timer) (norsk tid)\n", "Nesseby skole"},
      {"se", DeadlineSpec::Calendar(IsoDuration{0, 0, 0, 0, 8}),
       "[Stafett] Áigemearri manai", "Áigemearri manai",
       "Áigemearri: 17.05.2026 dii. 10:00 (8 diimmu) (Norgga áigi)\n",
       "Unjárgga skuvla"},
      {"en", DeadlineSpec::Calendar(IsoDuration{0, 0, 0, 0, 8}),
       "[Stafett] Deadline missed", "The deadline for",
       "Deadline: 17.05.2026 10:00 (8 hours) (Norwegian time)\n",
       "Nesseby school"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.lang + " " + row.spec.ToString());
    auto r = Nesseby(row.lang, row.spec);
    auto c = ContentOf(Row("deadline_missed", "skole", "service", kDue),
                       "https://s.example", &r);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->lang, row.lang);
    Email e = EmailFor(*c);
    EXPECT_EQ(e.subject.rfind(row.subject, 0), 0u) << e.subject;
    EXPECT_NE(e.body.find(row.lead), std::string::npos) << e.body;
    EXPECT_NE(e.body.find(row.deadline_line), std::string::npos) << e.body;
    EXPECT_NE(e.body.find(row.service), std::string::npos) << e.body;
    EXPECT_EQ(e.body.find("P14D"), std::string::npos);
    EXPECT_EQ(e.body.find("PT8H"), std::string::npos);
  }
}

TEST(MessageWordsTest, EndOfDayDeadlinesShowTheirOwnDay) {
  // A consent valid until 16 May ends at 17 May 00:00 Oslo.
  auto r = Nesseby("nb", DeadlineSpec{});
  auto c = ContentOf(Row("consent_expiring", "skole", "service",
                         "2026-05-16T22:00:00Z", "consent"),
                     "https://s.example", &r);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->day_deadline);
  EXPECT_NE(EmailFor(*c).body.find("Frist: 16.05.2026\n"), std::string::npos)
      << EmailFor(*c).body;
  // A baton offer runs in working days: a date.
  c = ContentOf(Row("baton_offered", "skole", "service", kDue, "baton"),
                "https://s.example", &r);
  ASSERT_TRUE(c.ok());
  EXPECT_NE(EmailFor(*c).body.find("Frist: 17.05.2026\n"), std::string::npos);
}

TEST(MessageWordsTest, FormatDeadline) {
  const TimePoint ten = *ParseTimestamp("2026-05-17T08:00:00Z");
  const TimePoint midnight = *ParseTimestamp("2026-05-16T22:00:00Z");
  const struct {
    TimePoint t;
    bool day;
    const char* lang;
    const char* text;
  } rows[] = {
      {ten, true, "nb", "17.05.2026"},
      {ten, false, "nb", "17.05.2026 kl. 10:00"},
      {ten, false, "nn", "17.05.2026 kl. 10:00"},
      {ten, false, "se", "17.05.2026 dii. 10:00"},
      {ten, false, "en", "17.05.2026 10:00"},
      {midnight, true, "nb", "16.05.2026"},
      {midnight, false, "nb", "17.05.2026 kl. 00:00"},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(FormatDeadline(row.t, row.day, row.lang), row.text);
  }
}

TEST(MessageWordsTest, EscalationToATeamAndToTheLeader) {
  const struct {
    std::string lang;
    std::string service, audience;
    const char* webhook_audience;
    const char* says;
  } rows[] = {
      {"nb", "bti", "service", "team",
       "Du får dette varselet som BTI-koordinator."},
      {"se", "bti", "service", "team", "Vuostáiváldi: BTI-koordináhtor."},
      {"en", "bti", "service", "team",
       "You receive this notice as BTI coordinator."},
      {"nn", "bti", "service", "team",
       "Du får dette varselet som BTI-koordinator."},  // nn falls back to nb
      {"nb", "skole", "leader", "leader",
       "Du får dette varselet som leder for Nesseby skole."},
      {"en", "skole", "leader", "leader",
       "You receive this notice as the leader of Nesseby school."},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.lang + " " + row.service);
    auto r = Nesseby("", DeadlineSpec::WorkingDays(10));
    // The leader's and the team's own language.
    r.services[0].leader.language = row.lang;
    r.teams[0].channels.language = row.lang;
    auto c =
        ContentOf(Row("deadline_escalated", row.service, row.audience, kDue),
                  "https://s.example", &r);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->audience, row.webhook_audience);
    EXPECT_NE(
        WebhookBody(*c, FromMillis(0))
            .find(std::string(R"("audience":")") + row.webhook_audience + "\""),
        std::string::npos);
    EXPECT_NE(EmailFor(*c).body.find(row.says), std::string::npos)
        << EmailFor(*c).body;
  }
}

TEST(MessageWordsTest, EveryEventHasItsOwnSubjectInEveryLanguage) {
  for (const char* lang : {"nb", "nn", "se", "en"}) {
    auto r = Nesseby(lang, DeadlineSpec::WorkingDays(10));
    std::set<std::string> subjects;
    for (const char* ev :
         {"step_assigned", "baton_offered", "baton_accepted", "baton_declined",
          "access_revoked", "deadline_approaching", "deadline_missed",
          "deadline_escalated", "baton_not_accepted", "consent_expiring",
          "child_welfare_unconfirmed", "something_new"}) {
      auto c = ContentOf(Row(ev, "skole", "service", kDue), "http://h", &r);
      ASSERT_TRUE(c.ok());
      Email e = EmailFor(*c);
      EXPECT_TRUE(subjects.insert(e.subject).second) << lang << " " << ev;
      EXPECT_NE(e.body.find("NES-2026-0042"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace stafett::notify
