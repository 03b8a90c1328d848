// A routine file must be UTF-8: its texts are served as JSON, and an editor
// shows what the file says only if everyone agrees on the encoding.
// ReadRoutine (routine/reader.h) runs this before YAML sees the text, after
// skipping a UTF-8 byte-order mark.
//
// Thread-safety: pure.
#ifndef STAFETT_ROUTINE_UTF8_CHECK_H_
#define STAFETT_ROUTINE_UTF8_CHECK_H_

#include <string_view>

#include "routine/diagnostic.h"

namespace stafett::routine {

// Strict UTF-8 (RFC 3629: no overlong forms, nothing above U+10FFFF, no
// surrogates, as CESU-8 and WTF-8 write them) and no NUL. Reports UTF-16
// once, at 1:1, and each invalid byte sequence or NUL (up to 20) at its
// line and column, counted in characters as the reader's positions are,
// with a message in bokmål that says how to save the file. False when any
// was found.
bool CheckUtf8(std::string_view text, DiagnosticList* diags);

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_UTF8_CHECK_H_
