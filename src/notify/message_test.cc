#include "notify/message.h"

#include <gtest/gtest.h>

#include "core/sha256.h"

namespace stafett::notify {
namespace {

store::OutboxMessage Row(const std::string& event, const std::string& payload) {
  store::OutboxMessage m;
  m.id = "0123456789abcdef0123456789abcdef";
  m.tenant = "nesseby";
  m.case_id = "fedcba9876543210fedcba9876543210";
  m.service = "skole";
  m.audience = "service";
  m.event = event;
  m.payload_json = payload;
  return m;
}

const char kPayload[] =
    R"({"event":"deadline_missed","tenant":"nesseby","case_id":"fedcba9876543210fedcba9876543210",)"
    R"("reference":"NES-2026-0042","step":"observasjon","level":1,"service":"skole",)"
    R"("due_at":"2026-05-17T08:00:00Z","deadline_kind":"step"})";

routine::Routine TestRoutine() {
  routine::Routine r;
  r.tenant = "nesseby";
  routine::Step s;
  s.id = "observasjon";
  s.title.by_lang["nb"] = "Tverrfaglig observasjon";
  r.steps.push_back(s);
  routine::Service svc;
  svc.id = "skole";
  svc.name = "Nesseby skole / Unjárgga skuvla";
  r.services.push_back(svc);
  return r;
}

TEST(MessageTest, WebhookBodyCarriesOnlyTheAllowedFacts) {
  auto r = TestRoutine();
  auto c = ContentOf(Row("deadline_missed", kPayload),
                     "https://stafett.example/", &r);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(
      WebhookBody(*c, *ParseTimestamp("2026-05-17T08:00:01.250Z")),
      R"({"id":"0123456789abcdef0123456789abcdef","event":"deadline_missed",)"
      R"("tenant":"nesseby","service":"skole","audience":"service",)"
      R"("case":{"reference":"NES-2026-0042","link":"https://stafett.example/api/v1/cases/fedcba9876543210fedcba9876543210"},)"
      R"("step":"observasjon","deadline":"2026-05-17T08:00:00Z",)"
      R"("deadline_kind":"step","timestamp":"2026-05-17T08:00:01.250Z"})");
}

TEST(MessageTest, EngineNoticeWithoutDeadline) {
  auto c = ContentOf(
      Row("step_assigned",
          R"({"event":"step_assigned","reference":"NES-2026-0001","step":"x","due_at":null})"),
      "http://h", nullptr);
  ASSERT_TRUE(c.ok());
  const std::string body = WebhookBody(*c, FromMillis(0));
  EXPECT_NE(body.find(R"("deadline":null)"), std::string::npos);
  EXPECT_EQ(body.find("deadline_kind"), std::string::npos);
}

TEST(MessageTest, BadPayloadIsAnError) {
  EXPECT_FALSE(ContentOf(Row("x", "not json"), "http://h", nullptr).ok());
  EXPECT_FALSE(ContentOf(Row("x", "[1,2]"), "http://h", nullptr).ok());
}

TEST(MessageTest, SignatureIsHmacSha256OfTheBodyWithTheSecret) {
  // RFC 4231 test case 2.
  EXPECT_EQ(SignatureHeader("Jefe", "what do ya want for nothing?"),
            "sha256="
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(MessageTest, EmailIsBokmaalWithReferenceStepDeadlineAndLink) {
  auto r = TestRoutine();
  auto c = ContentOf(Row("deadline_missed", kPayload), "https://s.example", &r);
  ASSERT_TRUE(c.ok());
  Email e = EmailFor(*c);
  EXPECT_EQ(e.subject, "[Stafett] Fristen er oversittet: NES-2026-0042");
  EXPECT_NE(e.body.find("Fristen for steget «Tverrfaglig observasjon» i sak "
                        "NES-2026-0042 er oversittet."),
            std::string::npos)
      << e.body;
  EXPECT_NE(e.body.find("Nesseby skole / Unjárgga skuvla er ansvarlig"),
            std::string::npos)
      << "Sami letters intact";
  EXPECT_NE(e.body.find("Frist: 17.05.2026 kl. 10:00 (norsk tid)"),
            std::string::npos);
  EXPECT_NE(e.body.find("Åpne saken: https://s.example/api/v1/cases/"
                        "fedcba9876543210fedcba9876543210"),
            std::string::npos);
  EXPECT_EQ(e.body.find("level"), std::string::npos);
}

TEST(MessageTest, EveryEventHasItsOwnSubject) {
  for (const char* ev :
       {"step_assigned", "baton_offered", "baton_accepted", "baton_declined",
        "access_revoked", "deadline_approaching", "deadline_missed",
        "deadline_escalated", "baton_not_accepted", "consent_expiring",
        "child_welfare_unconfirmed",
        "measure_assigned"}) {  // fmtcore (issue 12)
    auto c = ContentOf(Row(ev, kPayload), "http://h", nullptr);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(EmailFor(*c).subject.find("Varsel:"), std::string::npos) << ev;
  }
  auto c = ContentOf(Row("something_new", kPayload), "http://h", nullptr);
  EXPECT_EQ(EmailFor(*c).subject, "[Stafett] Varsel: NES-2026-0042");
}

TEST(MessageTest, OsloTimeFormat) {
  EXPECT_EQ(FormatOsloTime(*ParseTimestamp("2026-01-05T07:05:00Z")),
            "05.01.2026 kl. 08:05");
  EXPECT_EQ(FormatOsloTime(*ParseTimestamp("2026-07-05T22:30:00Z")),
            "06.07.2026 kl. 00:30");
}

}  // namespace
}  // namespace stafett::notify
