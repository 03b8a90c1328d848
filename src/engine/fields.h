// Internal to the engine: checking the values recorded with an outcome
// against the routine's FieldSpecs, and writing them into journal details.
//
// Thread-safety: pure functions.
#ifndef STAFETT_ENGINE_FIELDS_H_
#define STAFETT_ENGINE_FIELDS_H_

#include <string>
#include <vector>

#include "core/json_writer.h"
#include "core/status.h"
#include "engine/case.h"
#include "routine/model.h"

namespace stafett::engine {

// The specs an outcome records: the step's own, then the outcome's.
// `outcome` may be null (the built-in suspected_abuse records nothing).
std::vector<const routine::FieldSpec*> SpecsFor(
    const routine::Step& step, const routine::Outcome* outcome);

// Ok when every value in `fields` has a spec, has the spec's type and every
// required spec has a value. Otherwise kInvalidArgument whose field() is
// "fields.<name>" and whose message says what to write.
//   text: a non-blank string      date: YYYY-MM-DD      datetime: ISO-8601
//   service: a service id of the routine   services: a non-empty list of them
//   integer, boolean: of that type         choice: one of the options
Status ValidateFields(const routine::Routine& routine,
                      const std::vector<const routine::FieldSpec*>& specs,
                      const Fields& fields);

// The service ids named in `services` fields, in order of appearance.
std::vector<std::string> NamedServices(
    const std::vector<const routine::FieldSpec*>& specs, const Fields& fields);

// Writes `fields` as a JSON object value.
void WriteFields(JsonWriter& json, const Fields& fields);

}  // namespace stafett::engine

#endif  // STAFETT_ENGINE_FIELDS_H_
