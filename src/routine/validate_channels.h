// Rules about services' notification channels that go beyond their shape
// (routine/validate.cc checks that addresses look like addresses, that
// webhooks use https or http to localhost, and that secret_env names an
// environment variable). Run by ValidateRoutine, so `stafett routine
// check` and `stafett serve` both apply them:
//
//   - a webhook URL has a host, no user or password in it (a secret is
//     never written in the routine file: secret_env names where it is), no
//     #fragment, and a port, if given, in 1..65535;
//   - plain http:// only to the local machine: the host must be exactly
//     localhost or 127.0.0.1 (not e.g. localhost.example.com, which the
//     shape rule's prefix test lets through);
//   - secret_env is not one of Stafett's own secrets (STAFETT_TOKEN_SECRET,
//     STAFETT_METRICS_TOKEN, STAFETT_SMTP_PASSWORD): a key signs for one
//     purpose only;
//   - an e-mail address appears once per list.
//
// Messages are in bokmål and point at the offending value.
//
// Thread-safety: reentrant.
#ifndef STAFETT_ROUTINE_VALIDATE_CHANNELS_H_
#define STAFETT_ROUTINE_VALIDATE_CHANNELS_H_

#include "routine/diagnostic.h"
#include "routine/model.h"
#include "routine/source_map.h"

namespace stafett::routine {

void ValidateChannels(const Routine& r, const SourceMap& where,
                      DiagnosticList* diags);

// fmtnotify: the rules above for channels at `path` (a team's).
void CheckChannelsAt(const Channels& c, const std::string& path,
                     const SourceMap& where, DiagnosticList* diags);

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_VALIDATE_CHANNELS_H_
