#pragma once
// HTML text helpers shared by the self-contained reports (forecast and validation).
#include <string>

namespace qiantang::forecast {

// Escapes &, <, > and " so that `s` is safe in HTML text and attribute values.
inline std::string html_escape(const std::string& s) {
  std::string o;
  o.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

}  // namespace qiantang::forecast
