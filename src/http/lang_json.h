// User-facing text in the API's four languages: every such value is an
// object {"nb": ..., "nn": ..., "se": ..., "en": ...} with all four keys; a
// language a routine file does not offer falls back to bokmål (routine::
// Text::Get). Sami letters pass through unchanged (the writer escapes only
// what JSON requires).
//
// Thread-safety: pure functions.
#ifndef STAFETT_HTTP_LANG_JSON_H_
#define STAFETT_HTTP_LANG_JSON_H_

#include <array>
#include <string>
#include <string_view>

#include "core/json_writer.h"
#include "routine/model.h"

namespace stafett::http {

// The API's languages, in this order: bokmål, nynorsk, North Sami, English.
inline constexpr std::array<const char*, 4> kLanguages = {"nb", "nn", "se",
                                                          "en"};

// One string per language, in kLanguages order.
using LangText = std::array<std::string, 4>;

void WriteLang(JsonWriter& w, const routine::Text& text);
void WriteLang(JsonWriter& w, const LangText& text);

// A service's display name in the four languages.
void WriteServiceName(JsonWriter& w, const routine::Service& service);
// Its name in `lang` (bokmål when the file has none in that language).
std::string ServiceNameIn(const routine::Service& service,
                          std::string_view lang);
// The name of service `id` of `routine` in `lang`; the id when unknown.
std::string ServiceDisplayName(const routine::Routine& routine,
                               const std::string& id, std::string_view lang);

}  // namespace stafett::http

#endif  // STAFETT_HTTP_LANG_JSON_H_
