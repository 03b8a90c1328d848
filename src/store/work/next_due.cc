#include "store/work/next_due.h"

#include <soci/soci.h>

#include "store/sql/sql_params.h"

namespace stafett::store {

std::optional<long long> EarliestClaimable(const std::vector<QueuedRow>& rows,
                                           int peek) {
  std::optional<long long> best;
  for (const QueuedRow& r : rows) {
    const long long at =
        r.lease_until && *r.lease_until > r.due ? *r.lease_until : r.due;
    if (!best || at < *best) best = at;
  }
  // A full page may hide a row that is due after the last one read but
  // claimable before every leased row read: say the last row's due time.
  if (static_cast<int>(rows.size()) >= peek && best && rows.back().due < *best)
    best = rows.back().due;
  return best;
}

std::optional<TimePoint> NextDueOf(Database& db,
                                   const std::string& select_due_and_lease) {
  auto session = db.Acquire();
  long long due = 0, until = 0;
  soci::indicator until_ind = soci::i_null;
  soci::statement st(*session);
  st.exchange(soci::into(due));
  st.exchange(soci::into(until, until_ind));
  PrepareOnce(st,
              select_due_and_lease + " limit " + std::to_string(kNextDuePeek));
  st.execute();
  std::vector<QueuedRow> rows;
  while (st.fetch()) {
    rows.push_back({due, until_ind == soci::i_ok
                             ? std::optional<long long>(until)
                             : std::nullopt});
  }
  std::optional<long long> best = EarliestClaimable(rows, kNextDuePeek);
  if (!best) return std::nullopt;
  return FromMillis(*best);
}

}  // namespace stafett::store
