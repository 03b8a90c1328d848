// POST /api/v1/pii/check: the PII guard for the concern form, while the
// person types. It answers where identifiers are (UTF-16 offsets, as
// JavaScript indexes strings) and what to remove, in the four languages.
// It stores nothing and logs nothing of the text: no access record, no
// journal, and the request log has method, path and status only.
#include "core/json_writer.h"
#include "core/pii_guard.h"
#include "http/body_json.h"
#include "http/lang_json.h"
#include "http/route_util.h"
#include "http/routes.h"

namespace stafett::http {
namespace {

// The whole body is bounded by the server (64 KiB by default); the text may
// use all of it.
constexpr std::size_t kMaxCheckBytes = 64 * 1024;

const char* KindWord(PiiKind kind) {
  switch (kind) {
    case PiiKind::kNationalId:
      return "fodselsnummer";
    case PiiKind::kPhone:
      return "telefonnummer";
    case PiiKind::kEmail:
      return "epost";
  }
  return "fodselsnummer";
}

LangText MessageFor(PiiKind kind) {
  switch (kind) {
    case PiiKind::kNationalId:
      return {"Fjern fødselsnummeret. Saker i Stafett er anonyme.",
              "Fjern fødselsnummeret. Saker i Stafett er anonyme.",
              "Sihko riegádannummira. Stafett-áššit leat anonymat.",
              "Remove the national identity number. Cases in Stafett are "
              "anonymous."};
    case PiiKind::kPhone:
      return {"Fjern telefonnummeret. Saker i Stafett er anonyme.",
              "Fjern telefonnummeret. Saker i Stafett er anonyme.",
              "Sihko telefovdnanummira. Stafett-áššit leat anonymat.",
              "Remove the phone number. Cases in Stafett are anonymous."};
    case PiiKind::kEmail:
      return {"Fjern e-postadressen. Saker i Stafett er anonyme.",
              "Fjern e-postadressa. Saker i Stafett er anonyme.",
              "Sihko e-poastačujuhusa. Stafett-áššit leat anonymat.",
              "Remove the email address. Cases in Stafett are anonymous."};
  }
  return {};
}

}  // namespace

std::vector<std::size_t> Utf16Offsets(std::string_view utf8) {
  // out[i] = UTF-16 code units before byte i; out[size] = the total. A
  // byte that does not start a valid sequence counts as one unit (U+FFFD,
  // as a browser's decoder would show it).
  std::vector<std::size_t> out(utf8.size() + 1, 0);
  std::size_t units = 0;
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    std::size_t len = b < 0x80           ? 1
                      : (b >> 5) == 0x6  ? 2
                      : (b >> 4) == 0xE  ? 3
                      : (b >> 3) == 0x1E ? 4
                                         : 1;
    if (i + len > utf8.size()) len = 1;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(utf8[i + k]) & 0xC0) != 0x80) len = 1;
    }
    for (std::size_t k = 0; k < len; ++k) out[i + k] = units;
    units += len == 4 ? 2 : 1;
    i += len;
  }
  out[utf8.size()] = units;
  return out;
}

Response CheckPii(const Request& req, const ApiDeps&) {
  auto obj = ParseFlatObject(req.body, {"text"});
  if (!obj.ok()) return Problem(req, obj.status());
  auto text = StringMember(*obj, "text", true, kMaxCheckBytes);
  if (!text.ok()) return Problem(req, text.status());
  const std::string& t = **text;
  const std::vector<PiiFinding> findings = ScanPii(t);
  std::vector<std::size_t> at;
  if (!findings.empty()) at = Utf16Offsets(t);
  JsonWriter w;
  w.BeginObject().Key("findings").BeginArray();
  for (const auto& f : findings) {
    w.BeginObject()
        .Field("kind", KindWord(f.kind))
        .Field("start", static_cast<std::int64_t>(at[f.offset]))
        .Field("end", static_cast<std::int64_t>(at[f.offset + f.length]))
        .Field("description", f.description);
    w.Key("message");
    WriteLang(w, MessageFor(f.kind));
    w.EndObject();
  }
  w.EndArray().EndObject();
  return Response::Json(200, w.Take());
}

}  // namespace stafett::http
