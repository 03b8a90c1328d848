#include "app/file_clock.h"

#include <fstream>

namespace stafett::app {

TimePoint FileClock::Now() const {
  std::ifstream in(path_);
  std::string text;
  if (in && std::getline(in, text)) {
    while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) {
      text.pop_back();
    }
    auto t = ParseTimestamp(text);
    if (t.ok()) return *t;
  }
  return fallback_.Now();
}

}  // namespace stafett::app
