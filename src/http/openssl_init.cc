#include "http/openssl_init.h"

#include <mutex>

#include <Poco/Crypto/Crypto.h>

namespace stafett::http {

void KeepOpenSslForProcess() {
  static std::once_flag once;
  // Deliberately never matched by uninitializeCrypto(): OpenSSL's own
  // atexit handler cleans up at exit, after every thread is done.
  std::call_once(once, [] { Poco::Crypto::initializeCrypto(); });
}

}  // namespace stafett::http
