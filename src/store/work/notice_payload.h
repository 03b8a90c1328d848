// The JSON body of every outbox row: what a notification may say about a
// case. It names the case (id and reference), the step and level, the
// recipient service, the event and the deadline the notice is about, and
// NOTHING about the child (no free text, categories or age band). Both the
// engine's notices (written with a command) and the deadline worker's use
// it, so receivers see one format (docs/notifications.md).
//
// Thread-safety: a pure function.
#ifndef STAFETT_STORE_WORK_NOTICE_PAYLOAD_H_
#define STAFETT_STORE_WORK_NOTICE_PAYLOAD_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"
#include "engine/case.h"

namespace stafett::store {

// `due_at` null writes "due_at": null; an empty `deadline_kind` leaves the
// key out (the notice is about the current step's deadline).
std::string NoticePayload(const engine::Snapshot& c, std::string_view event,
                          std::string_view service,
                          std::optional<TimePoint> due_at,
                          std::string_view deadline_kind);

}  // namespace stafett::store

#endif  // STAFETT_STORE_WORK_NOTICE_PAYLOAD_H_
