// OpenSSL for the whole process: initialised once, never torn down.
//
// Poco's Crypto classes (the JWT Signer's HMAC digest among them) each hold
// a reference-counted Poco::Crypto::OpenSSLInitializer. When nothing else
// holds OpenSSL, the count falls to zero at the end of every token check,
// and Poco tears OpenSSL down while another thread is building it up again
// for the next request: `stafett serve --notify off` crashed so under
// concurrent authenticated requests (issue 11, defect 0). Holding one
// reference for the process's lifetime keeps the count above zero.
//
// Call KeepOpenSslForProcess() before the first use of Poco::Crypto,
// Poco::JWT or Poco::NetSSL wherever they are used (the token verifier,
// the HTTP service, `stafett serve`). Safe to call any number of times
// from any thread.
#ifndef STAFETT_HTTP_OPENSSL_INIT_H_
#define STAFETT_HTTP_OPENSSL_INIT_H_

namespace stafett::http {

void KeepOpenSslForProcess();

}  // namespace stafett::http

#endif  // STAFETT_HTTP_OPENSSL_INIT_H_
