// Rules on the routine's own keys, its settings and its services
// (routine/validate.h).
#include <algorithm>
#include <map>
#include <string>

#include "routine/validate_internal.h"

namespace stafett::routine {

namespace internal {

namespace {

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsSlug(std::string_view s) {
  if (s.empty() || !IsLower(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return IsLower(c) || IsDigit(c) || c == '_' || c == '-';
  });
}

bool IsEnvName(std::string_view s) {
  if (s.empty() || IsDigit(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_';
  });
}

bool LooksLikeEmail(std::string_view s) {
  std::size_t at = s.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < s.size() &&
         s.find('@', at + 1) == std::string_view::npos &&
         s.find_first_of(" \t,;<>") == std::string_view::npos &&
         s.find('.', at) != std::string_view::npos;
}

// Rough length in days, only to compare two settings.
long ApproxDays(const IsoDuration& d) {
  return d.years * 365L + d.months * 30L + d.weeks * 7L + d.days +
         (d.hours * 3600 + d.minutes * 60 + d.seconds) / 86400;
}

}  // namespace

// Ids end up in URLs, file names and database keys: keep them plain ASCII.
bool IsSnakeId(std::string_view s) {
  if (s.empty() || !IsLower(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return IsLower(c) || IsDigit(c) || c == '_';
  });
}

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

namespace {

class HeaderRules {
 public:
  HeaderRules(const Routine& r, const SourceMap& where, DiagnosticList* diags)
      : r_(r), where_(where), diags_(diags) {}

  void Run() {
    Identity();
    Services();
  }
  // fmtnotify: the same channel rules for a team's channels.
  void ChannelsAt(const routine::Channels& c, const std::string& path) {
    Channels(c, path);
  }

 private:
  void At(const std::string& path, std::string message) {
    diags_->Add(where_.Value(path), std::move(message));
  }
  bool Ok(const std::string& path) const { return !where_.Broken(path); }

  void Identity();
  void Services();
  void Channels(const routine::Channels& c, const std::string& path);

  const Routine& r_;
  const SourceMap& where_;
  DiagnosticList* diags_;
};

void HeaderRules::Identity() {
  if (Ok("routine") && !r_.id.empty() && !IsSlug(r_.id)) {
    At("routine",
       "rutine-id " + Quote(r_.id) +
           " kan bare ha små bokstaver a-z, sifre, '-' og '_', og må starte "
           "med en bokstav");
  }
  if (Ok("version") && where_.Has("version") && r_.version < 1) {
    At("version", "version må være et heltall fra 1 og oppover, fant " +
                      std::to_string(r_.version));
  }
  if (Ok("tenant") && !r_.tenant.empty() && !IsSlug(r_.tenant)) {
    At("tenant",
       "kommune-id (tenant) " + Quote(r_.tenant) +
           " kan bare ha små bokstaver a-z, sifre, '-' og '_', og må starte "
           "med en bokstav");
  }
  const std::string& p = r_.reference_prefix;
  if (Ok("reference_prefix") && !p.empty() &&
      (p.size() < 2 || p.size() > 6 ||
       !std::all_of(p.begin(), p.end(),
                    [](char c) { return c >= 'A' && c <= 'Z'; }))) {
    At("reference_prefix",
       "reference_prefix må være 2-6 store bokstaver A-Z (f.eks. NES), fant " +
           Quote(p));
  }
  const Settings& s = r_.settings;
  if (Ok("settings.consent_reminder") && Ok("settings.consent_validity") &&
      ApproxDays(s.consent_reminder) >= ApproxDays(s.consent_validity)) {
    At(where_.Has("settings.consent_reminder") ? "settings.consent_reminder"
                                               : "settings.consent_validity",
       "consent_reminder (" + s.consent_reminder.ToString() +
           ") må være kortere enn consent_validity (" +
           s.consent_validity.ToString() + ")");
  }
}

void HeaderRules::Channels(const routine::Channels& c,
                           const std::string& path) {
  for (std::size_t i = 0; i < c.emails.size(); ++i) {
    std::string item = where_.Has(Item(Child(path, "email"), i))
                           ? Item(Child(path, "email"), i)
                           : Child(path, "email");
    if (Ok(item) && !LooksLikeEmail(c.emails[i])) {
      At(item, "ugyldig e-postadresse " + Quote(c.emails[i]));
    }
  }
  const std::string url = Child(path, "webhook.url");
  if (!c.webhook_url.empty() && Ok(url)) {
    const std::string& u = c.webhook_url;
    bool https = u.rfind("https://", 0) == 0 && u.size() > 8;
    bool local_http = u.rfind("http://localhost", 0) == 0 ||
                      u.rfind("http://127.0.0.1", 0) == 0;
    if (!https && !local_http) {
      At(url,
         "webhook-adressen " + Quote(u) +
             " må starte med https:// (http:// er bare lov mot localhost)");
    }
  }
  const std::string env = Child(path, "webhook.secret_env");
  if (!c.webhook_secret_env.empty() && Ok(env) &&
      !IsEnvName(c.webhook_secret_env)) {
    At(env,
       "secret_env skal være navnet på en miljøvariabel (A-Z, 0-9, _), ikke "
       "selve "
       "hemmeligheten; fant " +
           Quote(c.webhook_secret_env));
  }
}

void HeaderRules::Services() {
  std::map<std::string, SourcePos> seen;
  for (std::size_t i = 0; i < r_.services.size(); ++i) {
    const Service& s = r_.services[i];
    const std::string path = Item("services", i);
    const std::string id = Child(path, "id");
    if (!s.id.empty() && Ok(id)) {
      if (!IsSnakeId(s.id)) {
        At(id, "tjeneste-id " + Quote(s.id) +
                   " kan bare ha små bokstaver a-z, sifre og '_', og må starte "
                   "med en bokstav");
      } else if (s.id == "reporter" || s.id == "baton") {
        At(id, "tjeneste-id " + Quote(s.id) +
                   " er reservert (brukes i 'responsible')");
      }
      if (auto [it, fresh] = seen.emplace(s.id, where_.Value(id)); !fresh) {
        At(id, "tjeneste-id " + Quote(s.id) + " er brukt før (linje " +
                   std::to_string(it->second.line) + ")");
      }
    }
    Channels(s.channels, Child(path, "channels"));
    Channels(s.leader, Child(path, "leader"));
  }
}

}  // namespace

void CheckRoutineHeader(const Routine& r, const SourceMap& where,
                        DiagnosticList* diags) {
  HeaderRules(r, where, diags).Run();
}

// fmtnotify
void CheckChannelShape(const Channels& c, const std::string& path,
                       const SourceMap& where, DiagnosticList* diags) {
  static const Routine kNone;
  HeaderRules(kNone, where, diags).ChannelsAt(c, path);
}

}  // namespace internal

}  // namespace stafett::routine
