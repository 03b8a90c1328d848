#include "http/access_log.h"

#include <chrono>

#include "core/json_writer.h"

namespace stafett::http {
namespace {

TimePoint WallNow() {
  return std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
}

void OptionalField(JsonWriter& w, std::string_view key,
                   const std::string& value) {
  if (value.empty()) {
    w.Key(key).Null();
  } else {
    w.Field(key, value);
  }
}

}  // namespace

void Log::Access(const AccessLine& line) {
  if (out_ == nullptr) return;
  JsonWriter w;
  w.BeginObject()
      .Field("time", FormatUtc(line.time))
      .Field("level", "info")
      .Field("event", "request")
      .Field("request_id", line.request_id)
      .Field("method", line.method)
      .Field("path", line.path);
  OptionalField(w, "route", line.route);
  w.Field("status", line.status).Field("duration_ms", line.duration_ms);
  OptionalField(w, "tenant", line.tenant);
  OptionalField(w, "service", line.service);
  OptionalField(w, "role", line.role);
  OptionalField(w, "person_id", line.person_id);
  w.EndObject();
  Write(w.Take());
}

void Log::Error(const std::string& event, const std::string& request_id,
                const std::string& message) {
  if (out_ == nullptr) return;
  JsonWriter w;
  w.BeginObject()
      .Field("time", FormatUtc(WallNow()))
      .Field("level", "error")
      .Field("event", event);
  OptionalField(w, "request_id", request_id);
  w.Field("message", message).EndObject();
  Write(w.Take());
}

void Log::Info(const std::string& event, const std::string& message) {
  if (out_ == nullptr) return;
  JsonWriter w;
  w.BeginObject()
      .Field("time", FormatUtc(WallNow()))
      .Field("level", "info")
      .Field("event", event)
      .Field("message", message)
      .EndObject();
  Write(w.Take());
}

void Log::Write(const std::string& line) {
  std::lock_guard lock(mu_);
  *out_ << line << '\n';
  out_->flush();
}

}  // namespace stafett::http
