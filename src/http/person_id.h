// PersonId: the stable, pseudonymous id of the person behind an action.
//
//   PersonId(key, issuer, sub) = first 32 hex digits of
//                                HMAC-SHA256(key, issuer + "\n" + sub)
//
// The same person signing in through the same provider always gets the same
// id, in every tenant that trusts that provider; without the key the id
// cannot be linked back to the provider's account (or to a name, which the
// provider's `sub` never is anyway). The id is what the journal, the access
// log and the request log record; Stafett never stores a name or an e-mail.
//
// Development tokens (`stafett token --person anne`) and dev sign-in use
// issuer "stafett" and the given name as `sub`.
//
// The key comes from STAFETT_PERSON_KEY (at least 32 characters). When it is
// not set, serve derives one from STAFETT_TOKEN_SECRET (development only:
// rotating that secret would then change every person id).
//
// Thread-safety: pure functions.
#ifndef STAFETT_HTTP_PERSON_ID_H_
#define STAFETT_HTTP_PERSON_ID_H_

#include <string>
#include <string_view>

namespace stafett::http {

std::string PersonId(std::string_view key, std::string_view issuer,
                     std::string_view sub);

// The key derived from the dev-token secret, used when STAFETT_PERSON_KEY is
// not set (development).
std::string DerivedPersonKey(std::string_view token_secret);

// 32 lower-case hex digits.
bool IsPersonId(std::string_view s);

}  // namespace stafett::http

#endif  // STAFETT_HTTP_PERSON_ID_H_
