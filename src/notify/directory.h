// Directory: where the notifier finds routines (for reminder settings,
// step titles and the services' channels) and webhook secrets.
//
// Channels and settings are read from the tenant's CURRENT routine, not the
// version a case is pinned to: a municipality that changes an e-mail
// address or a lead time wants it to apply to running cases too. Only the
// engine command that expires a consent needs the pinned version.
//
// Secrets: a routine names the environment variable holding a service's
// webhook secret (channels.webhook.secret_env); the value is looked up when
// a message is sent, never stored.
//
// Thread-safety: implementations must be safe to call from the notifier's
// threads while HTTP threads use the same routines. StaticDirectory is
// immutable after set-up (Add before the notifier starts).
#ifndef STAFETT_NOTIFY_DIRECTORY_H_
#define STAFETT_NOTIFY_DIRECTORY_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "routine/model.h"

namespace stafett::notify {

class Directory {
 public:
  virtual ~Directory() = default;
  // The tenant's current routines (usually one).
  virtual std::vector<std::shared_ptr<const routine::Routine>> ForTenant(
      const std::string& tenant) const = 0;
  // The routine version with this content hash, or null.
  virtual std::shared_ptr<const routine::Routine> Pinned(
      const std::string& tenant, const std::string& hash) const = 0;
};

// The current routine of (tenant, routine_id), else any current routine of
// the tenant, else null.
std::shared_ptr<const routine::Routine> CurrentRoutine(
    const Directory& d, const std::string& tenant,
    const std::string& routine_id);

// The tenant's current routine that defines `service`, or null (and the
// service through *out).
std::shared_ptr<const routine::Routine> RoutineWithService(
    const Directory& d, const std::string& tenant, const std::string& service,
    const routine::Service** out);

// fmtnotify: the tenant's current routine that defines team `team`
// (routine `teams`), or null (and the team through *out).
std::shared_ptr<const routine::Routine> RoutineWithTeam(
    const Directory& d, const std::string& tenant, const std::string& team,
    const routine::Team** out);

// A fixed set of routines.
class StaticDirectory final : public Directory {
 public:
  void Add(std::shared_ptr<const routine::Routine> r);
  std::vector<std::shared_ptr<const routine::Routine>> ForTenant(
      const std::string& tenant) const override;
  std::shared_ptr<const routine::Routine> Pinned(
      const std::string& tenant, const std::string& hash) const override;

 private:
  std::vector<std::shared_ptr<const routine::Routine>> routines_;
};

// Environment lookup for webhook secrets: nullopt when unset or empty.
using SecretLookup =
    std::function<std::optional<std::string>(const std::string& env_name)>;
SecretLookup EnvironmentSecrets();

}  // namespace stafett::notify

#endif  // STAFETT_NOTIFY_DIRECTORY_H_
