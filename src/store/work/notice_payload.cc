#include "store/work/notice_payload.h"

#include "core/json_writer.h"

namespace stafett::store {

std::string NoticePayload(const engine::Snapshot& c, std::string_view event,
                          std::string_view service,
                          std::optional<TimePoint> due_at,
                          std::string_view deadline_kind) {
  JsonWriter w;
  w.BeginObject()
      .Field("event", event)
      .Field("tenant", c.tenant)
      .Field("case_id", c.case_id)
      .Field("reference", c.reference)
      .Field("step", c.step)
      .Field("level", c.level)
      .Field("service", service);
  w.Key("due_at");
  if (due_at) {
    w.String(FormatUtc(*due_at));
  } else {
    w.Null();
  }
  if (!deadline_kind.empty()) w.Field("deadline_kind", deadline_kind);
  w.EndObject();
  return w.Take();
}

}  // namespace stafett::store
