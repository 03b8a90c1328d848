// Internal to the engine: the working state of one command, shared by the
// statechart (case_machine.cc) and the actions and rules it calls.
//
// A Work starts from the stored snapshot; actions edit `out` (its snapshot
// is the working copy) and record the first refusal in `error`. A refused
// command's Decision is discarded whole, so actions may refuse after having
// edited `out`.
//
// Thread-safety: one Work per command, on one thread.
#ifndef STAFETT_ENGINE_WORK_H_
#define STAFETT_ENGINE_WORK_H_

#include <optional>
#include <string>

#include "core/status.h"
#include "core/time.h"
#include "engine/case.h"
#include "routine/model.h"

namespace stafett::engine {

struct Work {
  Work(const routine::Routine& routine, const Actor& actor, const Command& cmd,
       TimePoint now, const Snapshot& before);

  const routine::Routine& routine;
  const Actor& actor;
  const Command& cmd;
  TimePoint now;
  const Snapshot before;  // as stored
  Decision out;           // out.snapshot: the working copy
  Status error;           // the first refusal; ok while there is none
  // fmtcore (issue 12): set by an outcome that agrees a measure; the step
  // it enters is due then instead of after the step's own deadline.
  std::optional<TimePoint> due_override;
  bool baton_picked = false;  // an outcome offered the baton (role field)

  Snapshot& snap() { return out.snapshot; }
  const Snapshot& snap() const { return out.snapshot; }
  // The working snapshot's current step. Precondition: it exists in the
  // routine (checked before the machine is restored).
  const routine::Step& step() const;
  // Records `s` as the refusal unless one is recorded already.
  void Refuse(Status s);
};

// Appends a journal entry by the actor, now, at the working snapshot's step
// and level. `detail_json` must be a JSON object.
void AddJournal(Work& w, std::string kind, std::string text = {},
                std::string detail_json = "{}");
void AddNotify(Work& w, std::string event, std::string service);
// A notification about another deadline than the step's (Effect docs).
void AddNotifyAbout(Work& w, std::string event, std::string service,
                    std::string deadline_kind, TimePoint due);
void AddSetDeadline(Work& w, std::string deadline_kind, TimePoint due);
void AddClearDeadline(Work& w, std::string deadline_kind);

// The first instant of the Oslo day after `date` (the end of `date`).
TimePoint EndOfOsloDay(std::chrono::year_month_day date);

}  // namespace stafett::engine

#endif  // STAFETT_ENGINE_WORK_H_
