// The case log model and its JSON (pure): names instead of ids, another
// case's rows never included, nynorsk labels, the consent history read
// from the engine's detail JSON, and Oslo dates.
#include "document/case_log.h"

#include <gtest/gtest.h>

namespace stafett::document {
namespace {

routine::Routine Routine() {
  routine::Routine r;
  r.id = "bti";
  r.title.by_lang = {{"nb", "Handlingsveileder"}, {"nn", "Handlingsrettleiar"}};
  routine::Service s;
  s.id = "skole";
  s.name = "Nesseby skole / Unjárgga skuvla";
  r.services.push_back(s);
  routine::Step step;
  step.id = "undring";
  step.title.by_lang = {{"nb", "Undring"}, {"nn", "Undring (nn)"}};
  r.steps.push_back(step);
  return r;
}

store::StoredJournalEntry Entry(const std::string& case_id, int seq,
                                const std::string& kind,
                                const std::string& text,
                                const std::string& detail = "{}") {
  store::StoredJournalEntry e;
  e.case_id = case_id;
  e.seq = seq;
  e.entry.kind = kind;
  e.entry.step = "undring";
  e.entry.actor_service = "skole";
  e.entry.at = FromMillis(1780000000000 + seq * 3600000LL);
  e.entry.text = text;
  e.entry.detail_json = detail;
  return e;
}

TEST(CaseLogTest, NamesNotIdsAndOnlyThisCase) {
  engine::Snapshot s;
  s.case_id = "c1";
  s.reference = "NES-2026-0001";
  const routine::Routine r = Routine();
  std::vector<store::StoredJournalEntry> journal = {
      Entry("c1", 1, "case_opened", "Eleven virker sliten."),
      Entry("c2", 1, "note", "Annen sak"),
      Entry(
          "c1", 2, "consent_given", "",
          R"({"given_by":"guardians","services":["skole"],"valid_until":"2027-05-27"})")};
  CaseLog log =
      BuildCaseLog(s, journal, {}, &r, Lang::kNb, FromMillis(1780000000000));
  ASSERT_EQ(log.entries.size(), 2u);
  EXPECT_EQ(log.entries[0].what, "Saken ble opprettet");
  EXPECT_EQ(log.entries[0].service, "Nesseby skole / Unjárgga skuvla");
  EXPECT_EQ(log.entries[0].step, "Undring");
  ASSERT_EQ(log.consents.size(), 1u);
  EXPECT_EQ(log.consents[0].given_by, "foresatte");
  EXPECT_EQ(log.consents[0].services,
            std::vector<std::string>{"Nesseby skole / Unjárgga skuvla"});
  EXPECT_EQ(log.consents[0].valid_until, "2027-05-27");
  const std::string json = CaseLogJson(log);
  EXPECT_EQ(json.find("c1"), std::string::npos);
  EXPECT_EQ(json.find("Annen sak"), std::string::npos);
  EXPECT_NE(json.find("\"reference\":\"NES-2026-0001\""), std::string::npos);
  EXPECT_NE(json.find("Unjárgga skuvla"), std::string::npos);  // Sami intact
}

TEST(CaseLogTest, NynorskAndOsloTime) {
  engine::Snapshot s;
  s.case_id = "c1";
  s.reference = "NES-2026-0001";
  s.status = engine::CaseStatus::kClosed;
  const routine::Routine r = Routine();
  CaseLog log = BuildCaseLog(s, {Entry("c1", 1, "closed", "")}, {}, &r,
                             Lang::kNn, FromMillis(1780000000000));
  EXPECT_EQ(log.entries[0].what, "Saka vart avslutta");
  EXPECT_EQ(log.status, "Avslutta");
  EXPECT_EQ(log.routine, "Handlingsrettleiar");
  EXPECT_STREQ(WordsFor(Lang::kNn).entries, "Hendingar");
  // 2026-05-28T20:26:40Z is 22:26 in Oslo (summer time).
  EXPECT_EQ(OsloDateTime(FromMillis(1780000000000)), "28.05.2026 kl. 22:26");
  EXPECT_EQ(ParseLang("se"), std::nullopt);
}

}  // namespace
}  // namespace stafett::document
