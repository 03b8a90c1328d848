// What a notification says, and how it is written for each channel.
//
// A notification says nothing about the child: only the case reference, the
// step, the deadline, a link into Stafett, and the event. The outbox
// payload (written by the store for engine effects, and by the deadline
// worker) carries more fields (level, case id); only the ones above leave
// Stafett.
//
// Webhook body (UTF-8 JSON, keys in this order; deadline_kind only for
// deadline events):
//   {"id":"<outbox id>","event":"deadline_missed","tenant":"nesseby",
//    "service":"skole","audience":"service",
//    "case":{"reference":"NES-2026-0042","link":"https://.../api/v1/cases/<id>"},
//    "step":"observasjon","deadline":"2026-05-17T08:00:00Z",
//    "deadline_kind":"step","timestamp":"2026-05-17T08:00:01.250Z"}
// `id` is the same on every attempt (the receiver deduplicates on it);
// `timestamp` is the time of this attempt. Headers: X-Stafett-Id,
// X-Stafett-Event, X-Stafett-Timestamp (the body's timestamp) and
// X-Stafett-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes,
// keyed with the service's secret>.
//
// E-mail: plain text, the same facts, subject "[Stafett] ...", in the
// language of the recipient's channels (`language`: nb, nn, se or en;
// bokmål by default). Step titles and service and team names are taken in
// that language where the routine gives them. A deadline counted in days
// (P14D, {working_days: 10}, a consent's or report's end of day) is shown
// as a date without a time of day, with the step's deadline in words
// ("Frist: 17.05.2026 (14 dager)"); a deadline in hours keeps the time.
// A notice to a team (routine `teams`, an escalation stage's recipient)
// has audience "team" in the webhook body.
//
// Thread-safety: pure functions.
#ifndef STAFETT_NOTIFY_MESSAGE_H_
#define STAFETT_NOTIFY_MESSAGE_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"
#include "routine/model.h"
#include "store/work/outbox_store.h"

namespace stafett::notify {

// The facts a notification may carry.
struct Content {
  std::string id;
  std::string event;
  std::string tenant;
  std::string service;
  std::string audience;  // "service", "leader" or "team"
  std::string reference;
  std::string link;
  std::string step;
  std::string step_title;    // from the routine, "" if unknown
  std::string service_name;  // from the routine, "" if unknown
  std::optional<TimePoint> deadline;
  std::string deadline_kind;  // "" for non-deadline events
  // fmtnotify: the language the e-mail is written in ("nb", "nn", "se",
  // "en"), whether the deadline is a day deadline (shown as a date), and
  // the step's deadline in words in that language ("" when unknown).
  std::string lang = "nb";
  bool day_deadline = false;
  std::string deadline_words;
};

// Reads the outbox row's payload. `public_url` is the base of links
// ("https://stafett.example", no trailing slash needed); `routine` (may be
// null) supplies the step title and service name. kInvalidArgument for a
// payload that is not a JSON object.
Result<Content> ContentOf(const store::OutboxMessage& m,
                          std::string_view public_url,
                          const routine::Routine* routine);

// The webhook body above, with `now` as the timestamp.
std::string WebhookBody(const Content& c, TimePoint now);

// "sha256=" + HmacSha256Hex(secret, body).
std::string SignatureHeader(std::string_view secret, std::string_view body);

struct Email {
  std::string subject;
  std::string body;
};
Email EmailFor(const Content& c);

// Oslo local time as "17.05.2026 kl. 10:00".
std::string FormatOsloTime(TimePoint t);

// fmtnotify: a deadline as people read it in `lang`: for a day deadline
// the Oslo date only ("17.05.2026"; an end-of-day deadline at local
// midnight is the day before it), else the date and time ("17.05.2026
// kl. 10:00", "17.05.2026 dii. 10:00", "17.05.2026 10:00").
std::string FormatDeadline(TimePoint t, bool day_deadline,
                           std::string_view lang);

}  // namespace stafett::notify

#endif  // STAFETT_NOTIFY_MESSAGE_H_
