// The family's copy over real sockets on SQLite and PostgreSQL: the PDF's
// text, extracted by poppler's pdftotext, holds every journal entry of the
// case in order (date, what, text), the reference and the export date, and
// nothing of another case; the JSON says the same without internal ids;
// the export is in the access log; the wrong service gets 404.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "document/case_log.h"
#include "http/test_demo.h"

namespace stafett::http::testing {
namespace {

// Runs pdftotext on `pdf`; the extracted text (empty on failure).
std::string PdfText(const std::string& pdf) {
  char in[] = "/tmp/stafett-export-XXXXXX";
  int fd = mkstemp(in);
  if (fd < 0) return "";
  if (write(fd, pdf.data(), pdf.size()) != static_cast<ssize_t>(pdf.size())) {
    close(fd);
    return "";
  }
  close(fd);
  const std::string out = std::string(in) + ".txt";
  const std::string cmd =
      "pdftotext -enc UTF-8 '" + std::string(in) + "' '" + out + "'";
  const int rc = std::system(cmd.c_str());
  std::ifstream f(out);
  std::stringstream ss;
  ss << f.rdbuf();
  std::remove(in);
  std::remove(out.c_str());
  return rc == 0 ? ss.str() : "";
}

// Whitespace collapsed to single spaces: pdftotext breaks lines where the
// PDF wrapped them.
std::string Flat(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool space =
        c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

class ExportRoutesDbTest : public DemoApiTest {
 protected:
  // A case with a note, a consent and a step change.
  std::string MakeCase(const std::string& note) {
    Reply created = Create();
    EXPECT_EQ(created.status, 201) << created.body;
    const std::string id = created.Str("id");
    long long v = created.Int("version");
    clock_.Advance(std::chrono::hours(2));
    v = Must(School(), id, v, R"({"type":"note","text":")" + note + R"("})");
    clock_.Advance(std::chrono::hours(1));
    v = Must(
        School(), id, v,
        R"({"type":"consent","given_by":"guardians","services":["demo_skole","helsestasjon"],"valid_until":"2027-05-27"})");
    return id;
  }

  Reply Export(const std::string& key, const std::string& query,
               const std::string& token) {
    return client_->Call("GET", "/api/v1/cases/" + key + "/export" + query,
                         {{"Authorization", "Bearer " + token},
                          {"X-Access-Reason", "Innsynskrav fra foresatte"}});
  }
};

TEST_P(ExportRoutesDbTest, PdfTextMatchesTheJournal) {
  const std::string id = MakeCase("Foreldre informert om samtalen på SFO.");
  const std::string other = MakeCase("Dette hører til en annen sak.");
  const std::string reference = store_->GetCase(kDemo, id)->reference;
  clock_.Advance(std::chrono::hours(24));

  Reply r = Export(reference, "?format=pdf&lang=nb", School());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/pdf");
  EXPECT_EQ(r.body.rfind("%PDF-", 0), 0u);
  EXPECT_NE(r.Header("content-disposition").find(reference), std::string::npos);
  const std::string text = Flat(PdfText(r.body));
  ASSERT_FALSE(text.empty()) << "pdftotext produced nothing";

  EXPECT_NE(text.find("Stafettlogg " + reference), std::string::npos) << text;
  EXPECT_NE(text.find("Eksportert: " + document::OsloDateTime(clock_.Now())),
            std::string::npos)
      << text;
  // Every journal entry, in order: its Oslo time, what happened, its text.
  std::size_t at = 0;
  auto journal = Journal(id);
  ASSERT_GE(journal.size(), 4u);
  auto routine =
      catalog_->Pinned(kDemo, store_->GetCase(kDemo, id)->routine_hash);
  document::CaseLog log = document::BuildCaseLog(
      *store_->GetCase(kDemo, id), journal, store_->StepVisits(kDemo, id),
      routine.get(), document::Lang::kNb, clock_.Now());
  ASSERT_EQ(log.entries.size(), journal.size());
  for (std::size_t i = 0; i < journal.size(); ++i) {
    const std::string head = Flat(document::OsloDateTime(journal[i].entry.at) +
                                  " " + log.entries[i].what);
    std::size_t found = text.find(head, at);
    ASSERT_NE(found, std::string::npos)
        << "entry " << journal[i].seq << " (" << journal[i].entry.kind
        << ") missing: " << head << "\n"
        << text;
    at = found + head.size();
    if (!journal[i].entry.text.empty()) {
      std::size_t t = text.find(Flat(journal[i].entry.text), at);
      ASSERT_NE(t, std::string::npos) << journal[i].entry.text;
      at = t;
    }
  }
  // Consent history with the services' names; no other case, no ids.
  EXPECT_NE(text.find("Samtykke gitt (foresatte)"), std::string::npos) << text;
  EXPECT_NE(text.find("til 2027-05-27"), std::string::npos) << text;
  EXPECT_EQ(text.find("annen sak"), std::string::npos);
  EXPECT_EQ(text.find(id), std::string::npos);
  EXPECT_EQ(text.find(other), std::string::npos);
  EXPECT_EQ(text.find("demo_skole"), std::string::npos) << "ids, not names";

  // Nynorsk.
  Reply nn = Export(id, "?format=pdf&lang=nn", School());
  ASSERT_EQ(nn.status, 200);
  const std::string nn_text = Flat(PdfText(nn.body));
  EXPECT_NE(nn_text.find("Saka vart oppretta"), std::string::npos) << nn_text;
  EXPECT_NE(nn_text.find("Hendingar"), std::string::npos);
}

TEST_P(ExportRoutesDbTest, JsonHasTheSameWithoutInternalIds) {
  const std::string id = MakeCase("Samtale med kontaktlærer.");
  const std::string reference = store_->GetCase(kDemo, id)->reference;
  Reply r = Export(id, "?format=json&lang=nb", School());
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.Json();
  ASSERT_TRUE(j);
  EXPECT_EQ(j->getValue<std::string>("reference"), reference);
  EXPECT_EQ(j->getValue<std::string>("language"), "nb");
  EXPECT_EQ(j->getValue<std::string>("exported_at"), FormatUtc(clock_.Now()));
  auto entries = j->getArray("entries");
  ASSERT_TRUE(entries);
  auto journal = Journal(id);
  ASSERT_EQ(entries->size(), journal.size());
  for (std::size_t i = 0; i < journal.size(); ++i) {
    auto e = entries->getObject(static_cast<unsigned>(i));
    EXPECT_EQ(e->getValue<std::string>("at"), FormatUtc(journal[i].entry.at));
    if (!journal[i].entry.text.empty()) {
      EXPECT_EQ(e->getValue<std::string>("text"), journal[i].entry.text);
    }
  }
  auto consents = j->getArray("consents");
  ASSERT_TRUE(consents);
  ASSERT_EQ(consents->size(), 1u);
  EXPECT_EQ(consents->getObject(0)->getValue<std::string>("given_by"),
            "foresatte");
  EXPECT_FALSE(j->getArray("steps")->size() == 0);
  EXPECT_EQ(r.body.find(id), std::string::npos) << "no case id";
  EXPECT_EQ(r.body.find("\"case_id\""), std::string::npos);
  EXPECT_EQ(r.body.find("demo_skole"), std::string::npos);
}

TEST_P(ExportRoutesDbTest, ScopedRecordedAndValidated) {
  const std::string id = MakeCase("Notat.");
  const std::string reference = store_->GetCase(kDemo, id)->reference;
  // A service that may not see the case: 404, as for any case route.
  Reply none = Export(reference, "", Token(kDemo, "ppt"));
  EXPECT_EQ(none.status, 404) << none.body;
  EXPECT_EQ(
      Export(id, "", Token(kDemo, kSchool, engine::Role::kAuditor)).status,
      403);
  EXPECT_EQ(Export("NES-2099-9999", "", School()).status, 404);
  ExpectProblem(Export(id, "?format=docx", School()), 422, "format");
  ExpectProblem(Export(id, "?lang=se", School()), 422, "lang");
  ExpectProblem(Export(id, "?id=1", School()), 422, "id");

  ASSERT_EQ(Export(reference, "?format=json", School()).status, 200);
  auto access = store_->AccessLog(kDemo, id);
  ASSERT_FALSE(access.empty());
  EXPECT_EQ(access.back().action, "export_case json nb");
  EXPECT_EQ(access.back().reason, "Innsynskrav fra foresatte");
  EXPECT_EQ(access.back().actor_service, kSchool);

  // The export is a read like any other: the person is recorded, the same
  // pseudonym as for reading the case (found in review: it was not).
  ASSERT_EQ(Export(id, "?format=json", School()).status, 200);
  ASSERT_EQ(client_
                ->Call("GET", "/api/v1/cases/" + id,
                       {{"Authorization", "Bearer " + School()},
                        {"X-Access-Reason", "Innsyn"}})
                .status,
            200);
  std::string exported, read;
  for (const auto& a : store_->AccessLog(kDemo, id)) {
    if (a.action == "read_case") read = a.actor_person;
    if (a.action == "export_case json nb" && !a.actor_person.empty()) {
      exported = a.actor_person;
    }
  }
  EXPECT_EQ(exported.size(), 32u);
  EXPECT_EQ(exported, read);
}

INSTANTIATE_TEST_SUITE_P(Backends, ExportRoutesDbTest,
                         ::testing::Values("sqlite", "postgresql"),
                         store::BackendName);

}  // namespace
}  // namespace stafett::http::testing
