// Archiver: delivers a closed case to its tenant's archive before the
// purge may delete it (arkivlova; store/lifecycle/archive.h has the store's
// side).
//
// The DeliveryWorker hands it outbox rows of event store::kArchiveEvent;
// everything else about them (lease, retry with backoff, failed after the
// budget, admin retry, the notification list) is the outbox's. For the
// case it renders the family's copy in the target's language (bokmål or
// nynorsk, retention.archive.language; document/pdf.h) and a JSON
// metadata file:
//   {"reference":s,"routine":s,"status":s,"closed_at":iso|null,
//    "exported_at":iso,"pdf_sha256":hex,"pdf_file":"<reference>.pdf"}
// and hands both to the tenant's retention.archive target:
//   - directory: writes <reference>.pdf and <reference>.json (each to a
//     temporary name first, then renamed, so the archive system never picks
//     up half a file); the receipt names the file and its SHA-256;
//   - webhook: POSTs {"id":s,"event":"case_archive","timestamp":iso,
//     "metadata":{...},"pdf_base64":s} signed as a notification
//     (X-Stafett-Signature over the body; X-Stafett-Id = the outbox id =
//     "id", X-Stafett-Timestamp = "timestamp", so a replay is detectable);
//     any 2xx is the receipt.
// The receipt is recorded with store::RecordArchived.
//
// Errors: infrastructure failures become a failed SendResult (retried);
// a tenant without an archive target or a case that no longer exists is a
// permanent failure.
// Thread-safety: Deliver may run on the delivery thread while HTTP threads
// use the same store and routines.
#ifndef STAFETT_NOTIFY_ARCHIVE_H_
#define STAFETT_NOTIFY_ARCHIVE_H_

#include "core/time.h"
#include "notify/directory.h"
#include "notify/senders.h"
#include "store/cases/case_store.h"
#include "store/work/outbox_store.h"

namespace stafett::notify {

class Archiver {
 public:
  // `webhooks` may be null (webhook targets then fail permanently).
  Archiver(store::CaseStore& cases, const Directory& directory,
           SecretLookup secrets, WebhookSender* webhooks, const Clock& clock);

  SendResult Deliver(const store::OutboxMessage& m);

 private:
  store::CaseStore& cases_;
  const Directory& directory_;
  SecretLookup secrets_;
  WebhookSender* webhooks_;
  const Clock& clock_;
};

}  // namespace stafett::notify

#endif  // STAFETT_NOTIFY_ARCHIVE_H_
