// Rules on the routine's `retention` block (routine/validate.h). The
// periods decide when Stafett deletes data for good, so a slip (P5D for
// P5Y) must be caught when the file is checked, not discovered as a purge.
#include <string>

#include "routine/validate_internal.h"

namespace stafett::routine::internal {

namespace {

// Rough length in hours, only to compare periods with limits.
long long ApproxHours(const IsoDuration& d) {
  return (d.years * 365LL + d.months * 30LL + d.weeks * 7LL + d.days) * 24 +
         d.hours + (d.minutes * 60 + d.seconds) / 3600;
}

}  // namespace

void CheckRetention(const Routine& r, const SourceMap& where,
                    DiagnosticList* diags) {
  const Retention& p = r.retention;
  auto at = [&](const std::string& key, std::string message) {
    diags->Add(where.Value("retention." + key), std::move(message));
  };
  auto ok = [&](const std::string& key) {
    return where.Has("retention." + key) && !where.Broken("retention." + key);
  };
  const std::pair<const char*, const IsoDuration*> periods[] = {
      {"closed_case", &p.closed_case},
      {"closed_case_reported", &p.closed_case_reported},
      {"access_log", &p.access_log},
      {"notifications_delivered", &p.notifications_delivered},
      {"notifications_failed", &p.notifications_failed},
      {"idempotency_keys", &p.idempotency_keys}};
  for (const auto& [key, d] : periods) {
    if (ok(key) && ApproxHours(*d) < 1) {
      at(key, std::string("retention.") + key +
                  " må være minst en time (fant " + d->ToString() +
                  "); kortere ville slette nesten med en gang");
    }
  }
  if (ok("idempotency_keys") && ApproxHours(p.idempotency_keys) > 24 * 30) {
    at("idempotency_keys",
       "retention.idempotency_keys kan være høyst 30 dager (fant " +
           p.idempotency_keys.ToString() +
           "); lagrede svar skal bare vare til en klient har prøvd på nytt");
  }
  if ((ok("closed_case") || ok("closed_case_reported")) &&
      !where.Broken("retention.closed_case") &&
      !where.Broken("retention.closed_case_reported") &&
      ApproxHours(p.closed_case_reported) < ApproxHours(p.closed_case)) {
    at(where.Has("retention.closed_case_reported") ? "closed_case_reported"
                                                   : "closed_case",
       "retention.closed_case_reported (" + p.closed_case_reported.ToString() +
           ") kan ikke være kortere enn closed_case (" +
           p.closed_case.ToString() +
           "): en sak med bekymringsmelding til barnevernet skal "
           "dokumenteres minst like lenge");
  }
}

void CheckArchive(const Routine& r, const SourceMap& where,
                  DiagnosticList* diags) {
  const ArchiveTarget& a = r.retention.archive;
  const std::string base = "retention.archive";
  if (!where.Has(base) || where.Broken(base)) return;
  auto at = [&](const std::string& path, std::string message) {
    diags->Add(where.Value(path), std::move(message));
  };
  if (!a.directory.empty() && !a.webhook_url.empty()) {
    at(base, "retention.archive har både directory og webhook; velg ett arkiv");
  } else if (a.directory.empty() && a.webhook_url.empty()) {
    at(base, "retention.archive må ha directory eller webhook");
  }
  if (!a.directory.empty() && a.directory.front() != '/' &&
      !where.Broken(base + ".directory")) {
    at(base + ".directory",
       "retention.archive.directory må være en absolutt sti (starter med /), "
       "fant '" +
           a.directory + "'");
  }
  if (a.language != "nb" && a.language != "nn" &&
      !where.Broken(base + ".language")) {
    at(base + ".language",
       "retention.archive.language må være nb (bokmål) eller nn (nynorsk), "
       "fant '" +
           a.language + "'");
  }
  const std::string& u = a.webhook_url;
  const bool local = u.rfind("http://127.0.0.1", 0) == 0 ||
                     u.rfind("http://localhost", 0) == 0;
  if (!u.empty() && u.rfind("https://", 0) != 0 && !local &&
      !where.Broken(base + ".webhook.url")) {
    at(base + ".webhook.url",
       "retention.archive.webhook.url må starte med https:// "
       "(http:// er bare lov mot localhost)");
  }
}

}  // namespace stafett::routine::internal
