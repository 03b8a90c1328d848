// Rules across routines served together (routine/validate.h).
#include <string>

#include "routine/validate.h"
#include "routine/validate_internal.h"

namespace stafett::routine {

using internal::Quote;

void ValidateRoutineSet(const std::vector<RoutineSource>& set) {
  for (std::size_t i = 0; i < set.size(); ++i) {
    const Routine& b = *set[i].routine;
    const SourceMap& where = *set[i].where;
    DiagnosticList* diags = set[i].diags;
    for (std::size_t j = 0; j < i; ++j) {
      const Routine& a = *set[j].routine;
      const std::string other = a.source_name;
      if (a.id == b.id && a.version == b.version) {
        diags->Add(where.Value("version"),
                   a.hash == b.hash
                       ? "rutinen " + Quote(b.id) + " versjon " +
                             std::to_string(b.version) + " står også i " + other
                       : "rutinen " + Quote(b.id) + " versjon " +
                             std::to_string(b.version) + " står også i " +
                             other +
                             " med annet innhold; øk versjonsnummeret når "
                             "rutinen endres");
      }
      if (a.id == b.id && a.tenant != b.tenant) {
        diags->Add(where.Value("tenant"), "rutinen " + Quote(b.id) +
                                              " tilhører kommunen " +
                                              Quote(a.tenant) + " i " + other);
      }
      if (a.tenant == b.tenant && a.id != b.id) {
        diags->Add(where.Value("routine"),
                   "kommunen " + Quote(b.tenant) + " har allerede rutinen " +
                       Quote(a.id) + " i " + other + "; én rutine per kommune");
      }
      if (a.reference_prefix == b.reference_prefix && a.tenant != b.tenant) {
        diags->Add(where.Value("reference_prefix"),
                   "reference_prefix " + Quote(b.reference_prefix) +
                       " brukes allerede av kommunen " + Quote(a.tenant) +
                       " i " + other);
      }
    }
  }
}

}  // namespace stafett::routine
