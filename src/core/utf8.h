// Encoding one Unicode code point as UTF-8.
//
// AppendUtf8 appends the 1 to 4 bytes of `cp` to `out`. The caller passes
// a scalar value (at most 0x10FFFF, not a surrogate); other values are
// encoded by the same bit pattern and are not valid UTF-8. Pure; safe on
// any thread.
#ifndef STAFETT_CORE_UTF8_H_
#define STAFETT_CORE_UTF8_H_

#include <cstdint>
#include <string>

namespace stafett {

void AppendUtf8(std::uint32_t cp, std::string* out);

}  // namespace stafett

#endif  // STAFETT_CORE_UTF8_H_
