#include "core/pii_guard.h"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/national_id.h"
#include "core/test_national_ids.h"

namespace stafett {
namespace {

// Every number below is synthetic (Test Norge, month + 80) or born after
// today; see national_id_test.cc.
constexpr char kTnr[] = "17858510023";      // Test Norge, 17.05.1985
constexpr char kFnr2037[] = "15033750061";  // fødselsnummer, 15.03.2037
constexpr char kDnr2036[] = "71073660062";  // D-nummer, 31.07.2036
constexpr char kNbsp[] = "\xC2\xA0";
constexpr char kTnrDescription[] = "syntetisk fødselsnummer (Test Norge)";

struct Expected {
  PiiKind kind;
  std::string match;  // the matched text
  std::string description;
};

struct ScanCase {
  std::string text;
  std::vector<Expected> expected;
};

void ExpectFindings(const ScanCase& c) {
  auto findings = ScanPii(c.text);
  ASSERT_EQ(findings.size(), c.expected.size()) << "text: " << c.text;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const auto& f = findings[i];
    const auto& e = c.expected[i];
    EXPECT_EQ(f.kind, e.kind) << c.text;
    ASSERT_LE(f.offset + f.length, c.text.size()) << c.text;
    EXPECT_EQ(c.text.substr(f.offset, f.length), e.match) << c.text;
    if (!e.description.empty()) {
      EXPECT_EQ(f.description, e.description) << c.text;
    }
  }
}

constexpr PiiKind kId = PiiKind::kNationalId;
constexpr PiiKind kPhone = PiiKind::kPhone;
constexpr PiiKind kEmail = PiiKind::kEmail;

TEST(PiiGuardTest, FindsNationalIdsInWrittenForms) {
  const std::string nbsp_form = std::string("178585") + kNbsp + "10023";
  const ScanCase cases[] = {
      {kTnr, {{kId, kTnr, kTnrDescription}}},
      {"Nr: 178585 10023.", {{kId, "178585 10023", kTnrDescription}}},
      {"(178585-10023)", {{kId, "178585-10023", ""}}},
      {"født 17.85.85 10023 i Vadsø", {{kId, "17.85.85 10023", ""}}},
      {"1785 85 100 23", {{kId, "1785 85 100 23", ""}}},
      {"nr " + nbsp_form + " ok", {{kId, nbsp_form, ""}}},
      {"ID17858510023x", {{kId, kTnr, ""}}},  // letters next to it are fine
      {std::string("fnr ") + kFnr2037, {{kId, kFnr2037, "fødselsnummer"}}},
      {std::string("dnr ") + kDnr2036, {{kId, kDnr2036, "D-nummer"}}},
      {std::string(kTnr) + ", " + kDnr2036,
       {{kId, kTnr, ""}, {kId, kDnr2036, ""}}},
      // Beside another number, joined by a space: still found.
      {std::string("sak 42 ") + kTnr, {{kId, kTnr, ""}}},
  };
  for (const auto& c : cases) ExpectFindings(c);
}

TEST(PiiGuardTest, IgnoresElevenDigitsThatAreNotNationalIds) {
  const ScanCase cases[] = {
      {"17858510024", {}},                     // K2 wrong
      {"178585 10024", {}},                    // K2 wrong, grouped
      {"117858510023", {}},                    // part of a longer digit run
      {"178585100231", {}},                    // likewise
      {"1 17858510023 2", {{kId, kTnr, ""}}},  // separate groups are fine
      {"12345678901", {}},
      {"kontonr 1503 12 34567", {}},  // a bank account number
  };
  for (const auto& c : cases) ExpectFindings(c);
}

TEST(PiiGuardTest, FindsPhoneNumbers) {
  const std::string nbsp_form =
      std::string("912") + kNbsp + "34" + kNbsp + "567";
  const ScanCase cases[] = {
      {"91234567", {{kPhone, "91234567", "telefonnummer"}}},
      {"ring 912 34 567 i dag", {{kPhone, "912 34 567", ""}}},
      {"91 23 45 67", {{kPhone, "91 23 45 67", ""}}},
      {"Tlf. +47 912 34 567.", {{kPhone, "+47 912 34 567", ""}}},
      {"+4791234567", {{kPhone, "+4791234567", ""}}},
      {"0047 91234567", {{kPhone, "0047 91234567", ""}}},
      {"004791234567", {{kPhone, "004791234567", ""}}},
      {"+47 91 23 45 67", {{kPhone, "+47 91 23 45 67", ""}}},
      {"+47 22334455", {{kPhone, "+47 22334455", ""}}},
      {"+47912 34 567", {{kPhone, "+47912 34 567", ""}}},
      {"+47 2024 2025", {{kPhone, "+47 2024 2025", ""}}},  // prefix decides
      {"9123 4567", {{kPhone, "9123 4567", ""}}},
      {"4123 4567", {{kPhone, "4123 4567", ""}}},
      {"sentralbord 22 33 44 55", {{kPhone, "22 33 44 55", ""}}},
      {"tlf " + nbsp_form, {{kPhone, nbsp_form, ""}}},
      {"mor: 91234567, far: 41234567",
       {{kPhone, "91234567", ""}, {kPhone, "41234567", ""}}},
      {"tlf91234567", {{kPhone, "91234567", ""}}},
      {"91234567 2 ganger", {{kPhone, "91234567", ""}}},
      // An id and a phone side by side: the id is not also a phone.
      {std::string(kTnr) + " 91234567",
       {{kId, kTnr, ""}, {kPhone, "91234567", ""}}},
  };
  for (const auto& c : cases) ExpectFindings(c);
}

// Numbers that turn up in case notes and must not block a save.
TEST(PiiGuardTest, IgnoresNumbersThatAreNotPhones) {
  const char* texts[] = {
      "Møte 17.05.2026 kl. 14:30",
      "Møte 27.05.2026 kl 14.30-15.30",
      "fra 2024 til 2026",
      "skoleårene 2024 2025",
      "sak NES-2026-0042",
      "aldersgruppe 6-12 år",
      "12345678",       // starts with 1
      "01234567",       // starts with 0
      "912345678",      // 9 digits
      "9123456789",     // 10 digits
      "20260517",       // compact date YYYYMMDD
      "27052026",       // compact date DDMMYYYY
      "12 500 000 kr",  // amount
      "4 500 000 kr",
      "25 000 000",
      "1 234 567",
      "0,23456789",  // decimal
      "3.91234567",
      "12 34 56 78 90",  // a series, not one number
      "912 34 567 89",   // runs on
      "91 23 45 67 89",
      "postnummer 9730 Karasjok",
      "+47",
      "+4712345678",
      "+47 1234 5678",
      "2024 2025",
      "orgnr 974 760 673",
      "",
  };
  for (const char* t : texts) {
    EXPECT_TRUE(ScanPii(t).empty())
        << t << " -> " << PiiKindName(ScanPii(t)[0].kind);
  }
}

TEST(PiiGuardTest, FindsEmailAddresses) {
  const ScanCase cases[] = {
      {"ola.nordmann@example.no",
       {{kEmail, "ola.nordmann@example.no", "e-postadresse"}}},
      {"Skriv til kari@nav.no.", {{kEmail, "kari@nav.no", ""}}},
      {"<per+bti@skole.kommune.no>",
       {{kEmail, "per+bti@skole.kommune.no", ""}}},
      {"áilu.čđŋšŧž@sámediggi.no", {{kEmail, "áilu.čđŋšŧž@sámediggi.no", ""}}},
      {"e-post: Đánjal@ŋuorra.ŧest", {{kEmail, "Đánjal@ŋuorra.ŧest", ""}}},
      {"blåbær@ørsta.kommune.no", {{kEmail, "blåbær@ørsta.kommune.no", ""}}},
      // Digits inside an address belong to the address.
      {"91234567@sms.no", {{kEmail, "91234567@sms.no", ""}}},
      {"a@b.no og c@d.no", {{kEmail, "a@b.no", ""}, {kEmail, "c@d.no", ""}}},
      // Two @ in one run: one finding; the second local part cannot reach
      // back into the first address.
      {"kari@nav.no@ppt.no", {{kEmail, "kari@nav.no", ""}}},
  };
  for (const auto& c : cases) ExpectFindings(c);
}

// Found by tests/fuzz/fuzz_pii_guard (seed corpus/pii_guard/overlap-*):
// the second address's local part ran back over the first address.
TEST(PiiGuardTest, FindingsNeverOverlap) {
  for (std::string_view text :
       {std::string_view("til kari.nnessea@bby.kommuordmann@nesseby.komm.no"),
        std::string_view("a@b.cc@d.ee@f.gg"),
        std::string_view("x@y.no@@z.no")}) {
    std::size_t end = 0;
    for (const PiiFinding& f : ScanPii(text)) {
      EXPECT_GE(f.offset, end) << text;
      end = f.offset + f.length;
    }
  }
}

TEST(PiiGuardTest, IgnoresThingsThatAreNotEmailAddresses) {
  const char* texts[] = {
      "@kari",
      "kari@",
      "a@b",
      "kari@nav",
      "møte kl. 14@rom 2.3",
      "x@y.c0m",
      "kari@.no",
      "kari@nav..no",
      "@",
      "@@",
      "pris 3 @ 20 kr",
  };
  for (const char* t : texts) {
    EXPECT_TRUE(ScanPii(t).empty()) << t;
  }
}

TEST(PiiGuardTest, FindingsAreOrderedByOffset) {
  std::string text = std::string("kari@nav.no, tlf 912 34 567, nr ") + kTnr;
  auto f = ScanPii(text);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].kind, kEmail);
  EXPECT_EQ(f[1].kind, kPhone);
  EXPECT_EQ(f[2].kind, kId);
  EXPECT_EQ(f[2].offset, text.size() - 11);
}

TEST(PiiGuardTest, KindNames) {
  EXPECT_STREQ(PiiKindName(kId), "national_id");
  EXPECT_STREQ(PiiKindName(kPhone), "phone");
  EXPECT_STREQ(PiiKindName(kEmail), "email");
}

TEST(PiiGuardTest, CheckFreeTextOkOnCleanText) {
  EXPECT_TRUE(
      CheckFreeText("Eleven trives i klassen. Møte 17.05.2026.", "note").ok());
  EXPECT_TRUE(CheckFreeText("", "note").ok());
}

TEST(PiiGuardTest, CheckFreeTextNamesKindsNeverValues) {
  Status s = CheckFreeText(
      std::string("fnr ") + kFnr2037 + ", mor 912 34 567, far 41234567",
      "observation");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Code::kPiiFound);
  EXPECT_EQ(s.field(), "observation");
  EXPECT_NE(s.message().find("fødselsnummer og telefonnummer"),
            std::string::npos)
      << s.message();
  EXPECT_EQ(s.message().find(kFnr2037), std::string::npos);
  EXPECT_EQ(s.message().find("912"), std::string::npos);
  EXPECT_EQ(s.message().find("4123"), std::string::npos);

  Status e = CheckFreeText("kari@nav.no", "note");
  EXPECT_EQ(e.code(), Code::kPiiFound);
  EXPECT_NE(e.message().find("e-postadresse"), std::string::npos);
  EXPECT_EQ(e.message().find("kari"), std::string::npos);
}

// --- Property tests ------------------------------------------------------

const char* const kFiller[] = {
    "Eleven ",
    "virker urolig ",
    "i friminuttet. ",
    "Møte ",
    "17.05.2026 ",
    "kl. 14:30 ",
    "sak NES-2026-0042 ",
    "(6-12 år) ",
    "Čáhcesuolu ",
    "skoleåret 2025/2026 ",
    "tiltak 3 ",
    "og ",
    "foreldre ",
    "ŋ ",
    "\n",
    "- ",
};

std::string Filler(std::mt19937_64& rng, int words) {
  std::string s;
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kFiller) - 1);
  for (int i = 0; i < words; ++i) s += kFiller[pick(rng)];
  return s;
}

// Writes 11 digits in one of the forms people use.
std::string WriteId(const std::string& d, int form) {
  switch (form % 6) {
    case 0:
      return d;
    case 1:
      return d.substr(0, 6) + " " + d.substr(6);
    case 2:
      return d.substr(0, 6) + "-" + d.substr(6);
    case 3:
      return d.substr(0, 2) + "." + d.substr(2, 2) + "." + d.substr(4, 2) +
             " " + d.substr(6);
    case 4:
      return d.substr(0, 4) + " " + d.substr(4, 2) + " " + d.substr(6, 3) +
             " " + d.substr(9);
    default:
      return d.substr(0, 6) + kNbsp + d.substr(6);
  }
}

TEST(PiiGuardTest, PropertyGeneratedIdsAreFoundInAnyForm) {
  std::mt19937_64 rng(4711);
  const NationalIdKind kinds[] = {
      NationalIdKind::kFodselsnummer,     NationalIdKind::kDNummer,
      NationalIdKind::kHNummer,           NationalIdKind::kTestNorge,
      NationalIdKind::kDNummerAndHNummer, NationalIdKind::kDNummerAndTestNorge};
  for (int i = 0; i < 2000; ++i) {
    NationalIdKind kind = kinds[i % 6];
    std::string id = RandomNationalId(rng, kind, i % 3 == 0);
    std::string written = WriteId(id, i / 6);
    std::string before = Filler(rng, i % 4);
    std::string text = before + written + " " + Filler(rng, i % 3);
    auto findings = ScanPii(text);
    ASSERT_EQ(findings.size(), 1u) << text;
    EXPECT_EQ(findings[0].kind, kId) << text;
    EXPECT_EQ(findings[0].offset, before.size()) << text;
    EXPECT_EQ(findings[0].length, written.size()) << text;
    EXPECT_EQ(findings[0].description, NationalIdKindDescription(kind));
  }
}

TEST(PiiGuardTest, PropertyElevenDigitsFailingTheChecksumAreNoIds) {
  std::mt19937_64 rng(1234);
  std::uniform_int_distribution<int> digit(0, 9);
  int tried = 0;
  while (tried < 3000) {
    std::string d;
    for (int k = 0; k < 11; ++k) d.push_back(char('0' + digit(rng)));
    if (IsValidNationalId(d)) continue;
    ++tried;
    std::string text = "nr " + WriteId(d, tried) + " slutt";
    for (const auto& f : ScanPii(text)) {
      EXPECT_NE(f.kind, kId) << text;
    }
  }
}

TEST(PiiGuardTest, PropertyPhonesAreFoundInAnyForm) {
  std::mt19937_64 rng(99);
  std::uniform_int_distribution<int> digit(0, 9);
  for (int i = 0; i < 2000; ++i) {
    std::string d(1, i % 2 ? '9' : '4');
    for (int k = 0; k < 7; ++k) d.push_back(char('0' + digit(rng)));
    std::string body;
    switch (i % 5) {
      case 0:
        body = d;
        break;
      case 1:
        body = d.substr(0, 3) + " " + d.substr(3, 2) + " " + d.substr(5);
        break;
      case 2:
        body = d.substr(0, 2) + " " + d.substr(2, 2) + " " + d.substr(4, 2) +
               " " + d.substr(6);
        break;
      case 3:
        body = d.substr(0, 4) + " " + d.substr(4);
        break;
      default:
        body = d.substr(0, 3) + kNbsp + d.substr(3, 2) + kNbsp + d.substr(5);
    }
    const char* prefixes[] = {"", "+47 ", "+47", "0047 "};
    std::string written = prefixes[(i / 5) % 4] + body;
    std::string before = Filler(rng, i % 4) + "tlf ";
    std::string text = before + written + ". " + Filler(rng, i % 3);
    auto findings = ScanPii(text);
    ASSERT_EQ(findings.size(), 1u) << text;
    EXPECT_EQ(findings[0].kind, kPhone) << text;
    EXPECT_EQ(text.substr(findings[0].offset, findings[0].length), written)
        << text;
  }
}

TEST(PiiGuardTest, PropertyDatesTimesAndReferencesAreClean) {
  std::mt19937_64 rng(17052026);
  std::uniform_int_distribution<int> day(1, 28), month(1, 12), year(1990, 2040);
  std::uniform_int_distribution<int> hour(0, 23), minute(0, 59), n(1, 9999);
  char buf[128];
  for (int i = 0; i < 3000; ++i) {
    std::snprintf(
        buf, sizeof buf,
        "%02d.%02d.%04d kl. %02d:%02d, sak NES-%04d-%04d, %04d%02d%02d, "
        "%02d%02d%04d, %d-%d år, %d.%d",
        day(rng), month(rng), year(rng), hour(rng), minute(rng), year(rng),
        n(rng), year(rng), month(rng), day(rng), day(rng), month(rng),
        year(rng), n(rng) % 18, n(rng) % 18, n(rng), n(rng));
    std::string text = Filler(rng, 2) + buf;
    EXPECT_TRUE(ScanPii(text).empty()) << text;
  }
}

// Any byte soup: no crash, findings inside the text, ordered, disjoint.
TEST(PiiGuardTest, PropertyArbitraryBytesGiveWellFormedFindings) {
  std::mt19937_64 rng(7);
  const std::string alphabet =
      std::string("0123456789 .-+@ab") + kNbsp + "ŋá\xE2\x80\xAF\xFF\x80";
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> len(0, 60);
  for (int i = 0; i < 5000; ++i) {
    std::string text;
    for (int k = len(rng); k > 0; --k) text.push_back(alphabet[pick(rng)]);
    auto findings = ScanPii(text);
    std::size_t end = 0;
    for (const auto& f : findings) {
      EXPECT_GE(f.offset, end) << text;
      EXPECT_GT(f.length, 0u);
      end = f.offset + f.length;
      EXPECT_LE(end, text.size());
    }
  }
}

}  // namespace
}  // namespace stafett
