// Names of the fmtcore (issue 12) enumerations in model.h: field roles and
// consent points. The file format uses these names (routine/schema.h).
#include "routine/model.h"

namespace stafett::routine {

const char* FieldRoleName(FieldRole r) {
  switch (r) {
    case FieldRole::kNone:
      return "none";
    case FieldRole::kBatonHolder:
      return "baton_holder";
    case FieldRole::kMeasure:
      return "measure";
    case FieldRole::kMeasureOwner:
      return "measure_owner";
    case FieldRole::kEvaluationDate:
      return "evaluation_date";
  }
  return "none";
}

FieldType FieldTypeForRole(FieldRole r) {
  switch (r) {
    case FieldRole::kBatonHolder:
    case FieldRole::kMeasureOwner:
      return FieldType::kService;
    case FieldRole::kEvaluationDate:
      return FieldType::kDate;
    case FieldRole::kNone:
    case FieldRole::kMeasure:
      return FieldType::kText;
  }
  return FieldType::kText;
}

const char* ConsentPointName(ConsentPoint c) {
  switch (c) {
    case ConsentPoint::kDefault:
      return "default";
    case ConsentPoint::kRequired:
      return "required";
    case ConsentPoint::kCollect:
      return "collect";
  }
  return "default";
}

}  // namespace stafett::routine
