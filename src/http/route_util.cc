#include "http/route_util.h"

#include "core/pii_guard.h"
#include "core/sha256.h"
#include "store/access/access_via.h"

namespace stafett::http {

Result<std::string> IdempotencyKey(const Request& req) {
  std::string key = req.Header("idempotency-key");
  if (key.empty()) return key;
  bool printable = true;
  for (unsigned char c : key) {
    if (c < 0x21 || c > 0x7e) printable = false;
  }
  if (key.size() > 200 || !printable) {
    return Status::Invalid(
        "Idempotency-Key må være 1–200 synlige ASCII-tegn, for eksempel en "
        "UUID.",
        "Idempotency-Key");
  }
  return key;
}

std::string Fingerprint(const Request& req) {
  std::string material = req.method;
  material += '\n';
  material += req.path;
  material += '\n';
  if (req.actor) material += req.actor->service;
  material += '\n';
  material += req.body;
  return Sha256Hex(material);
}

Response FromStored(const store::StoredResponse& stored, bool replayed) {
  Response r;
  r.status = stored.status_code;
  r.body = stored.body;
  size_t start = 0;
  while (start < stored.headers.size()) {
    size_t end = stored.headers.find('\n', start);
    if (end == std::string::npos) end = stored.headers.size();
    std::string line = stored.headers.substr(start, end - start);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      r.With(line.substr(0, colon), value);
    }
    start = end + 1;
  }
  if (replayed) r.With("Idempotent-Replayed", "true");
  return r;
}

// Header and query values arrive as raw bytes; the database wants UTF-8.
bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int extra = 0;
    if (c == 0) return false;
    if (c < 0x80) {
      extra = 0;
    } else if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      extra = 1;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      extra = 3;
    } else {
      return false;
    }
    for (int k = 1; k <= extra; ++k) {
      if (i + k >= s.size()) return false;
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
    }
    if (extra >= 2) {
      // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) ||
          (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) {
        return false;
      }
    }
    i += extra + 1;
  }
  return true;
}

Result<std::string> AccessReason(const Request& req) {
  std::string field = "X-Access-Reason";
  std::string reason = req.Header("x-access-reason");
  if (reason.empty()) {
    if (auto q = req.Query("reason")) {
      reason = *q;
      field = "reason";
    }
  }
  if (!IsValidUtf8(reason)) {
    return Status::Invalid("Begrunnelsen må være gyldig UTF-8-tekst.", field);
  }
  if (reason.size() > 500) {
    return Status::Invalid("Begrunnelsen er for lang (høyst 500 byte).", field);
  }
  STAFETT_RETURN_IF_ERROR(CheckFreeText(reason, field));
  return reason;
}

Status CheckAllFreeText(
    const std::vector<std::pair<std::string, std::string>>& texts) {
  for (const auto& [field, text] : texts) {
    STAFETT_RETURN_IF_ERROR(CheckFreeText(text, field));
  }
  return Status::Ok();
}

void RecordCaseRead(store::CaseStore& store, const engine::Actor& actor,
                    const std::string& case_id, std::string action,
                    const std::string& reason, TimePoint now,
                    const std::string& via) {
  store::AccessRecord record;
  record.tenant = actor.tenant;
  record.case_id = case_id;
  record.actor_service = actor.service;
  record.actor_role = actor.role;
  record.actor_person = actor.person_id;
  record.at = now;
  record.action = std::move(action);
  record.reason = reason;
  if (via.empty()) {
    store.RecordAccess(record);
  } else {
    store::RecordAccessVia(store, record, via);
  }
}

}  // namespace stafett::http
