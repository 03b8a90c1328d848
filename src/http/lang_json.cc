#include "http/lang_json.h"

namespace stafett::http {

void WriteLang(JsonWriter& w, const routine::Text& text) {
  w.BeginObject();
  for (const char* lang : kLanguages) w.Field(lang, text.Get(lang));
  w.EndObject();
}

void WriteLang(JsonWriter& w, const LangText& text) {
  w.BeginObject();
  for (std::size_t i = 0; i < kLanguages.size(); ++i) {
    w.Field(kLanguages[i], text[i]);
  }
  w.EndObject();
}

void WriteServiceName(JsonWriter& w, const routine::Service& service) {
  routine::Text t;
  t.by_lang["nb"] = service.name;
  WriteLang(w, t);
}

std::string ServiceNameIn(const routine::Service& service, std::string_view) {
  return service.name;
}

std::string ServiceDisplayName(const routine::Routine& routine,
                               const std::string& id, std::string_view lang) {
  const routine::Service* s = routine.FindService(id);
  return s == nullptr ? id : ServiceNameIn(*s, lang);
}

}  // namespace stafett::http
