#include "core/deadline_words.h"

#include <cstdint>
#include <string>
#include <vector>

namespace stafett {

namespace {

// One unit: singular and plural (after a numeral) per language.
struct Unit {
  const char* one[4];
  const char* many[4];
};

constexpr Unit kYear = {{"år", "år", "jahki", "year"},
                        {"år", "år", "jagi", "years"}};
constexpr Unit kMonth = {{"måned", "månad", "mánnu", "month"},
                         {"måneder", "månader", "mánu", "months"}};
constexpr Unit kWeek = {{"uke", "veke", "vahkku", "week"},
                        {"uker", "veker", "vahku", "weeks"}};
constexpr Unit kDay = {{"dag", "dag", "beaivi", "day"},
                       {"dager", "dagar", "beaivvi", "days"}};
constexpr Unit kHour = {{"time", "time", "diibmu", "hour"},
                        {"timer", "timar", "diimmu", "hours"}};
constexpr Unit kMinute = {{"minutt", "minutt", "minuhtta", "minute"},
                          {"minutter", "minutt", "minuhta", "minutes"}};
constexpr Unit kSecond = {{"sekund", "sekund", "sekunda", "second"},
                          {"sekunder", "sekund", "sekundda", "seconds"}};
constexpr Unit kWorkingDay = {
    {"virkedag", "vyrkedag", "bargobeaivi", "working day"},
    {"virkedager", "vyrkedagar", "bargobeaivvi", "working days"}};

constexpr const char* kAnd[4] = {"og", "og", "ja", "and"};

std::string Part(std::int64_t n, const Unit& u, int lang) {
  return std::to_string(n) + " " + (n == 1 ? u.one[lang] : u.many[lang]);
}

std::string Join(const std::vector<std::string>& parts, int lang) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) {
      out += i + 1 == parts.size() ? std::string(" ") + kAnd[lang] + " " : ", ";
    }
    out += parts[i];
  }
  return out;
}

}  // namespace

std::array<std::string, 4> DeadlineWordsAll(const DeadlineSpec& spec) {
  std::array<std::string, 4> out;
  for (int lang = 0; lang < 4; ++lang) {
    std::vector<std::string> parts;
    switch (spec.kind) {
      case DeadlineSpec::Kind::kNone:
        break;
      case DeadlineSpec::Kind::kWorkingDays:
        parts.push_back(Part(spec.working_days, kWorkingDay, lang));
        break;
      case DeadlineSpec::Kind::kCalendar: {
        const IsoDuration& d = spec.duration;
        if (d.years) parts.push_back(Part(d.years, kYear, lang));
        if (d.months) parts.push_back(Part(d.months, kMonth, lang));
        if (d.weeks) parts.push_back(Part(d.weeks, kWeek, lang));
        if (d.days) parts.push_back(Part(d.days, kDay, lang));
        if (d.hours) parts.push_back(Part(d.hours, kHour, lang));
        if (d.minutes) parts.push_back(Part(d.minutes, kMinute, lang));
        if (d.seconds) parts.push_back(Part(d.seconds, kSecond, lang));
        break;
      }
    }
    out[lang] = Join(parts, lang);
  }
  return out;
}

std::string DeadlineWords(const DeadlineSpec& spec, std::string_view lang) {
  return DeadlineWordsAll(spec)[WordsLanguageIndex(lang)];
}

int WordsLanguageIndex(std::string_view lang) {
  for (int i = 0; i < 4; ++i) {
    if (lang == kWordsLanguages[i]) return i;
  }
  return 0;
}

}  // namespace stafett
