#include "routine/validate_channels.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace stafett::routine {

namespace {

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
}

// Checks the parts of an http(s) URL the shape rule does not. Returns the
// problem, or "" when the URL is fine. URLs with another scheme are the
// shape rule's business and pass here.
std::string UrlProblem(const std::string& url) {
  std::string_view rest(url);
  bool plain = false;
  if (rest.rfind("https://", 0) == 0) {
    rest.remove_prefix(8);
  } else if (url.rfind("http://localhost", 0) == 0 ||
             url.rfind("http://127.0.0.1", 0) == 0) {
    // Other http:// URLs are the shape rule's (validate.cc) to report.
    rest.remove_prefix(7);
    plain = true;
  } else {
    return "";
  }
  if (url.find('#') != std::string::npos) {
    return "webhook-adressen kan ikke ha et #fragment";
  }
  std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
  if (authority.find('@') != std::string_view::npos) {
    return "webhook-adressen kan ikke inneholde brukernavn eller passord; "
           "legg hemmeligheten i miljøvariabelen som secret_env peker på";
  }
  std::string_view host = authority;
  std::optional<std::string_view> port;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return "ugyldig IPv6-adresse i webhook-adressen";
    }
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return "ugyldig vert i webhook-adressen";
      port = after.substr(1);
    }
  } else if (std::size_t colon = authority.rfind(':');
             colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return "webhook-adressen mangler vertsnavn";
  if (port && (!IsDigits(*port) || port->size() > 5 ||
               std::stoi(std::string(*port)) < 1 ||
               std::stoi(std::string(*port)) > 65535)) {
    return "porten i webhook-adressen må være et tall fra 1 til 65535";
  }
  if (plain && host != "localhost" && host != "127.0.0.1") {
    return "http:// er bare lov mot denne maskinen (localhost eller "
           "127.0.0.1); bruk https://";
  }
  return "";
}

// The URL with any user:password@ replaced by ***@, so a diagnostic never
// repeats a secret into a terminal or a CI log.
std::string Redacted(const std::string& url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  std::size_t start = scheme + 3;
  std::size_t end = url.find_first_of("/?#", start);
  std::size_t at = url.rfind('@', end == std::string::npos ? url.size() : end);
  if (at == std::string::npos || at < start) return url;
  return url.substr(0, start) + "***" + url.substr(at);
}

bool IsOwnSecret(std::string_view env) {
  return env == "STAFETT_TOKEN_SECRET" || env == "STAFETT_METRICS_TOKEN" ||
         env == "STAFETT_SMTP_PASSWORD";
}

void Check(const Channels& c, const std::string& path, const SourceMap& where,
           DiagnosticList* diags) {
  const std::string url_path = Child(path, "webhook.url");
  if (!c.webhook_url.empty() && !where.Broken(url_path)) {
    if (std::string p = UrlProblem(c.webhook_url); !p.empty()) {
      diags->Add(where.Value(url_path),
                 p + " (" + Quote(Redacted(c.webhook_url)) + ")");
    }
  }
  const std::string env_path = Child(path, "webhook.secret_env");
  if (IsOwnSecret(c.webhook_secret_env) && !where.Broken(env_path)) {
    diags->Add(where.Value(env_path),
               "secret_env " + Quote(c.webhook_secret_env) +
                   " er en av Stafetts egne nøkler; gi webhooken sin egen "
                   "hemmelighet");
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < c.emails.size(); ++i) {
    std::string lower = c.emails[i];
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char ch) {
      return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
    });
    if (!seen.insert(lower).second) {
      const std::string item = Item(Child(path, "email"), i);
      diags->Add(where.Value(where.Has(item) ? item : Child(path, "email")),
                 "e-postadressen " + Quote(c.emails[i]) +
                     " står to ganger i samme liste");
    }
  }
}

}  // namespace

void ValidateChannels(const Routine& r, const SourceMap& where,
                      DiagnosticList* diags) {
  for (std::size_t i = 0; i < r.services.size(); ++i) {
    const std::string path = Item("services", i);
    Check(r.services[i].channels, Child(path, "channels"), where, diags);
    Check(r.services[i].leader, Child(path, "leader"), where, diags);
  }
}

// fmtnotify
void CheckChannelsAt(const Channels& c, const std::string& path,
                     const SourceMap& where, DiagnosticList* diags) {
  Check(c, path, where, diags);
}

}  // namespace stafett::routine
