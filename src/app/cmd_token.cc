// stafett token: prints a bearer token for development and tests, signed
// with STAFETT_TOKEN_SECRET (HS256, see http/auth.h).
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

#include "app/commands.h"
#include "core/deadline.h"
#include "core/time.h"
#include "http/auth.h"

namespace stafett::app {
namespace {

constexpr char kUsage[] =
    "usage: stafett token --tenant T --service S --role R [--ttl VARIGHET]\n"
    "                     [--person NAVN] [--insecure-dev-secret]\n"
    "  Skriver et utviklingstoken signert med STAFETT_TOKEN_SECRET.\n"
    "  --role      worker | coordinator | unit_leader | auditor | admin\n"
    "  --ttl       gyldighet: ISO-8601 (PT8H, P30D) eller 8h, 30d, 90m;\n"
    "              standard P30D, høyst 365 dager\n"
    "  --person    hvem som handler (blir tokenets sub; serveren lagrer bare\n"
    "              en pseudonym person-id av det). Standard:\n"
    "              dev-<service>-<role>. Bruk aldri et ekte navn.\n"
    "  --insecure-dev-secret  bruk den offentlige utviklingsnøkkelen når\n"
    "              STAFETT_TOKEN_SECRET ikke er satt (bare for lokal bruk)\n";

constexpr auto kDefaultTtl = std::chrono::hours(24 * 30);
constexpr auto kMaxTtl = std::chrono::hours(24 * 365);

// "8h", "30d", "90m", "3600s" or an ISO-8601 duration.
std::optional<std::chrono::seconds> ParseTtl(const std::string& text,
                                             TimePoint now) {
  if (text.size() >= 2 && std::isdigit(static_cast<unsigned char>(text[0]))) {
    long long n = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc() && p == text.data() + text.size() - 1 && n > 0 &&
        n < 1'000'000) {
      switch (text.back()) {
        case 's':
          return std::chrono::seconds(n);
        case 'm':
          return std::chrono::minutes(n);
        case 'h':
          return std::chrono::hours(n);
        case 'd':
          return std::chrono::hours(24 * n);
      }
    }
    return std::nullopt;
  }
  auto d = ParseIsoDuration(text);
  if (!d.ok() || d->IsZero()) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::seconds>(
      AddIsoDuration(now, *d) - now);
}

}  // namespace

int RunToken(const Args& args) {
  std::string tenant, service, role_name, ttl_text, person;
  bool dev_secret = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= args.size()) return false;
      *out = args[++i];
      return true;
    };
    bool ok = true;
    if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      return 0;
    } else if (a == "--tenant") {
      ok = value(&tenant);
    } else if (a == "--service") {
      ok = value(&service);
    } else if (a == "--role") {
      ok = value(&role_name);
    } else if (a == "--ttl") {
      ok = value(&ttl_text);
    } else if (a == "--person") {
      ok = value(&person);
    } else if (a == "--insecure-dev-secret") {
      dev_secret = true;
    } else {
      std::cerr << "stafett token: ukjent argument «" << a << "»\n" << kUsage;
      return 2;
    }
    if (!ok) {
      std::cerr << "stafett token: " << a << " mangler verdi\n" << kUsage;
      return 2;
    }
  }
  if (tenant.empty() || service.empty() || role_name.empty()) {
    std::cerr << "stafett token: --tenant, --service og --role er påkrevd\n"
              << kUsage;
    return 2;
  }
  auto role = engine::ParseRole(role_name);
  if (!role) {
    std::cerr << "stafett token: ukjent rolle «" << role_name
              << "» (worker, coordinator, unit_leader, auditor, admin)\n";
    return 2;
  }

  const char* env = std::getenv("STAFETT_TOKEN_SECRET");
  std::string secret = env ? env : "";
  if (secret.empty() && dev_secret)
    secret = std::string(http::kInsecureDevSecret);
  if (secret.empty()) {
    std::cerr << "stafett token: STAFETT_TOKEN_SECRET er ikke satt (eller "
                 "bruk --insecure-dev-secret lokalt)\n";
    return 2;
  }
  if (Status s = http::CheckSecret(secret); !s.ok()) {
    std::cerr << "stafett token: " << s.message() << "\n";
    return 2;
  }

  const TimePoint now = SystemClock().Now();
  std::chrono::seconds ttl = kDefaultTtl;
  if (!ttl_text.empty()) {
    auto parsed = ParseTtl(ttl_text, now);
    if (!parsed || *parsed <= std::chrono::seconds(0) || *parsed > kMaxTtl) {
      std::cerr << "stafett token: ugyldig --ttl «" << ttl_text
                << "» (for eksempel 8h, P30D; høyst 365 dager)\n";
      return 2;
    }
    ttl = *parsed;
  }

  engine::Actor actor{tenant, service, *role};
  std::string token =
      http::IssueToken(secret, actor, now, ttl, http::kDefaultIssuer, person);
  // Verify what was signed, so that a tenant or service id the server would
  // refuse is reported here rather than as a 401 later.
  auto check = http::TokenVerifier(secret).VerifyToken(token, now);
  if (!check.ok()) {
    std::cerr << "stafett token: " << check.status().message() << "\n";
    return 2;
  }
  std::cout << token << "\n";
  return 0;
}

}  // namespace stafett::app
