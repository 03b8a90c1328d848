// Texts in the four languages: fallbacks to bokmål, and service names given
// per language in the routine file (Sami letters intact).
#include "http/lang_json.h"

#include <gtest/gtest.h>

#include "routine/loader.h"

namespace stafett::http {
namespace {

constexpr char kRoutine[] =
    "routine: r\n"
    "version: 1\n"
    "tenant: t\n"
    "title: {nb: Rutine, se: Rutiidna}\n"
    "reference_prefix: TT\n"
    "abuse_step: meld\n"
    "services:\n"
    "  - {id: skole, name: {nb: Skole, nn: Skule, se: Skuvla čáđa, en: "
    "School}, kind: school}\n"
    "  - {id: ppt, name: PPT, kind: ppt}\n"
    "steps:\n"
    "  - {id: start, kind: concern, level: 0, title: S, responsible: "
    "reporter, deadline: P1D, outcomes: [{name: a, to: slutt}]}\n"
    "  - {id: meld, kind: action, level: 3, title: M, responsible: reporter, "
    "deadline: PT8H, outcomes: [{name: a, to: slutt}]}\n"
    "  - {id: slutt, kind: closed, level: 0, title: E}\n";

TEST(LangJsonTest, ServiceNamesPerLanguageWithBokmalFallback) {
  auto loaded = routine::LoadRoutineText(kRoutine, "r.yaml");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.front().ToString();
  const routine::Routine& r = *loaded.routine;
  EXPECT_EQ(ServiceDisplayName(r, "skole", "se"), "Skuvla čáđa");
  EXPECT_EQ(ServiceDisplayName(r, "skole", "nn"), "Skule");
  EXPECT_EQ(ServiceDisplayName(r, "skole", "en"), "School");
  EXPECT_EQ(ServiceDisplayName(r, "ppt", "se"), "PPT");  // one text for all
  EXPECT_EQ(ServiceDisplayName(r, "ukjent", "nb"), "ukjent");

  JsonWriter w;
  w.BeginArray();
  for (const auto& s : r.services) WriteServiceName(w, s);
  WriteLang(w, r.title);
  w.EndArray();
  EXPECT_EQ(w.Take(),
            R"([{"nb":"Skole","nn":"Skule","se":"Skuvla čáđa","en":"School"},)"
            R"({"nb":"PPT","nn":"PPT","se":"PPT","en":"PPT"},)"
            R"({"nb":"Rutine","nn":"Rutine","se":"Rutiidna","en":"Rutine"}])");
}

}  // namespace
}  // namespace stafett::http
