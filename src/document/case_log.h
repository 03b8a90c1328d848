// The family's copy of a case's stafettlogg (GDPR art. 15, forvaltningsloven
// § 18): what Stafett holds about one case, in words a guardian can read,
// in bokmål or nynorsk. Built from the store's records and the routine the
// case runs on; rendered as JSON here and as PDF by document/pdf.h.
//
// What it contains: the reference, the date of export, the routine's
// title, the status, every step visit (step title, responsible service's
// name, dates, outcome), every journal entry (date, what happened, step,
// service, the text written) and the consent history (given, withdrawn,
// expired; by whom, for which services, until when).
// What it never contains: another case's data, the case id or any other
// internal id (service and step ids are replaced by their names; detail
// JSON is not copied), roles of individual users (there are none: Stafett
// records services, not people).
//
// Thread-safety: pure functions and values.
#ifndef STAFETT_DOCUMENT_CASE_LOG_H_
#define STAFETT_DOCUMENT_CASE_LOG_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "engine/case.h"
#include "routine/model.h"
#include "store/cases/records.h"

namespace stafett::document {

enum class Lang { kNb, kNn };
// "nb" or "nn"; nullopt for anything else.
std::optional<Lang> ParseLang(std::string_view s);
const char* LangCode(Lang l);

struct StepLine {
  std::string step;     // the step's title
  std::string service;  // the responsible service's name
  TimePoint entered_at;
  std::optional<TimePoint> left_at;
  std::string outcome;  // the outcome's label, "" while in the step
};

struct EntryLine {
  TimePoint at;
  std::string what;     // e.g. "Notat", "Samtykke gitt"
  std::string step;     // title of the step it happened in, may be ""
  std::string service;  // the service that did it
  std::string text;     // what was written, may be ""
};

struct ConsentLine {
  TimePoint at;
  std::string what;                   // given, withdrawn, expired (translated)
  std::string given_by;               // "foresatte" / "ungdommen" (translated)
  std::vector<std::string> services;  // names
  std::string valid_until;            // YYYY-MM-DD or ""
};

struct CaseLog {
  Lang lang = Lang::kNb;
  std::string reference;
  TimePoint exported_at;
  std::string routine;  // the routine's title
  std::string status;   // translated
  std::vector<StepLine> steps;
  std::vector<EntryLine> entries;
  std::vector<ConsentLine> consents;
};

// `routine` is the version the case is pinned to (null: ids are shown
// as they are). `journal` and `visits` must be this case's own.
CaseLog BuildCaseLog(const engine::Snapshot& snap,
                     const std::vector<store::StoredJournalEntry>& journal,
                     const std::vector<store::StepVisitRow>& visits,
                     const routine::Routine* routine, Lang lang, TimePoint now);

// The fixed words of the document in `lang` (headings, labels).
struct Words {
  const char* title;      // "Stafettlogg"
  const char* intro;      // why the family gets this
  const char* reference;  // "Saksreferanse"
  const char* exported;   // "Eksportert"
  const char* routine;
  const char* status;
  const char* steps;
  const char* entries;
  const char* consents;
  const char* service;
  const char* until;  // "til"
  const char* now;    // "pågår"
  const char* none;   // "ingen"
  const char* page;   // "Side"
};
const Words& WordsFor(Lang lang);

// "31.12.2026 kl. 14:05" in Oslo time.
std::string OsloDateTime(TimePoint t);
// "31.12.2026".
std::string OsloDay(TimePoint t);

// The JSON form:
//   {"reference":s,"exported_at":iso,"language":"nb","routine":s,
//    "status":s,"steps":[{"step","service","entered_at","left_at"|null,
//    "outcome"|null}],"entries":[{"at","what","step","service","text"|null}],
//    "consents":[{"at","what","given_by","services":[s],"valid_until"|null}]}
std::string CaseLogJson(const CaseLog& log);

}  // namespace stafett::document

#endif  // STAFETT_DOCUMENT_CASE_LOG_H_
