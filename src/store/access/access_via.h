// The access log's rows that crossed tenants: a read by a service shared
// between municipalities (http/shared_services.h) is written in the served
// tenant's access log with `via` = "<home tenant>/<shared service>"
// (migration 0120). Kept beside CaseStore::RecordAccess and ::AccessLog,
// which write and read '' there.
//
// Thread-safety: as CaseStore (each call leases its own connection).
// Errors: database failures throw, as everywhere in the store.
#ifndef STAFETT_STORE_ACCESS_ACCESS_VIA_H_
#define STAFETT_STORE_ACCESS_ACCESS_VIA_H_

#include <string>
#include <vector>

#include "store/cases/case_store.h"
#include "store/cases/records.h"

namespace stafett::store {

// Appends `record` with `via` ("" for an ordinary read).
void RecordAccessVia(CaseStore& store, const AccessRecord& record,
                     const std::string& via);

struct AccessRowVia {
  AccessRecord record;
  std::string via;  // "" unless the read came through a shared service
};

// CaseStore::AccessLog with the via column, same order (time, then id).
std::vector<AccessRowVia> AccessLogVia(CaseStore& store,
                                       const std::string& tenant,
                                       const std::string& case_id);

}  // namespace stafett::store

#endif  // STAFETT_STORE_ACCESS_ACCESS_VIA_H_
